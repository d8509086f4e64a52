// Run control from a paused run: "To cursor" stops at the line (mock), and a server that closes a paused
// client's stream is reported at once (Prosody, stopped while paused). RUNNER.md RUN-CONTROL-4 and -6.
import { test, expect } from './support/test';
import { RunControlPage } from './pages/RunControlPage';
import { readFixture } from './support/paths';
import { serveScriptText } from './support/serve';
import { stepLines } from './support/text';
import {
  PROSODY_MISSING,
  PROSODY_WS_URL,
  prosodyInstalled,
  prosodyUp,
  restartProsody,
  startProsody,
  stopProsody,
} from './support/prosody';

test.describe.configure({ mode: 'serial' });

test('To cursor from a paused run stops at the line', async ({ page, playground: pg }) => {
  const text = readFixture('simple-room.scs');
  const lines = stepLines(text);
  await pg.goto({ script: await serveScriptText(page, 'simple-room.scs', text), target: 'mock' });
  await expect.poll(() => pg.getScript()).toBe(text);
  await pg.editorReady();
  await pg.stepButton.click();
  await pg.expectStatus('paused');
  await new RunControlPage(page).runToLine(lines[3]);
  await expect.poll(() => pg.stepStatuses()).toEqual(['passed', 'passed', 'passed', 'pending', 'pending']);
  await pg.expectStatus('paused');
  await expect(pg.runStatus).toContainText('Paused before step 4');
  await pg.shot('to cursor from paused');
  await pg.runButton.click();
  await pg.expectStatus('pass');
});

test.describe('a paused client whose server goes away (Prosody)', () => {
  test.skip(!prosodyInstalled(), PROSODY_MISSING);
  test.beforeAll(async () => {
    restartProsody();
    expect(await prosodyUp(), `Prosody answers at ${PROSODY_WS_URL}`).toBe(true);
  });
  test.afterAll(() => {
    startProsody();
  });

  test('is reported at once, and continuing ends the run with a fail naming the client', async ({
    page,
    playground: pg,
  }) => {
    const text = readFixture('simple-room.scs');
    await pg.goto({ script: await serveScriptText(page, 'simple-room.scs', text) });
    await expect.poll(() => pg.getScript()).toBe(text);
    await pg.selectTarget('ws', PROSODY_WS_URL);
    await pg.stepButton.click();
    await pg.expectStatus('paused');
    try {
      stopProsody();
      // Still paused, and the status says the stream was closed, without pressing anything.
      await expect(pg.runStatus).toContainText("The server closed Romeo's stream", { timeout: 10_000 });
      await pg.expectStatus('paused');
      await pg.shot('server closed a paused client');
      await pg.runButton.click();
      await pg.expectStatus('fail');
      const entry = await pg.resultEntry();
      expect(entry.message ?? '').toMatch(/closed Romeo's stream while the run was paused/);
    } finally {
      startProsody();
    }
  });
});
