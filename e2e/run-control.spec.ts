// Run control from a paused run: "To cursor" stops at the line (mock), and a server that closes a paused
// client's stream is reported at once (Prosody, stopped while paused). RUNNER.md RUN-CONTROL-4 and -6.
import { test, expect } from './support/test';
import { RunControlPage } from './pages/RunControlPage';
import { readFixture } from './support/paths';
import { serveScriptText } from './support/serve';
import { stepLines } from './support/text';
import { PROSODY_MISSING, prosodyUp, skipWithoutProsody } from './support/prosody';

// Roomy: a Prosody connect can be slow on a busy host. The second test stops the worker's own Prosody.
test.describe.configure({ timeout: 90_000 });

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
  test.skip(skipWithoutProsody(), PROSODY_MISSING);
  test.beforeAll(async ({ prosody }) => {
    prosody.restart();
    expect(await prosodyUp(prosody.port), `Prosody answers at ${prosody.wsUrl}`).toBe(true);
  });

  test('is reported at once, and continuing ends the run with a fail naming the client', async ({
    page,
    playground: pg,
    prosody,
  }) => {
    const text = readFixture('simple-room.scs');
    await pg.goto({ script: await serveScriptText(page, 'simple-room.scs', text) });
    await expect.poll(() => pg.getScript()).toBe(text);
    await pg.selectTarget('ws', prosody.wsUrl);
    await pg.stepButton.click();
    await pg.expectStatus('paused', 30_000); // the connect to Prosody
    try {
      prosody.halt();
      // Still paused, and the status says the stream was closed, without pressing anything.
      await expect(pg.runStatus).toContainText("The server closed Romeo's stream", { timeout: 10_000 });
      await pg.expectStatus('paused');
      await pg.shot('server closed a paused client');
      await pg.runButton.click();
      await pg.expectStatus('fail');
      const entry = await pg.resultEntry();
      expect(entry.message ?? '').toMatch(/closed Romeo's stream while the run was paused/);
    } finally {
      prosody.restart(); // back up for the worker's next test
    }
  });
});
