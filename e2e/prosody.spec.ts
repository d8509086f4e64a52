// Real-server mode: the page talks to the worker's own Prosody over WebSocket from the browser. Serial:
// the second test stops that Prosody in the middle of a run (and starts it again afterwards); no test of
// another worker uses it.
import { test, expect } from './support/test';
import { readFixture } from './support/paths';
import { describeEntry } from './support/report';
import { stepLines } from './support/text';
import { serveScriptText } from './support/serve';
import { PROSODY_MISSING, prosodyUp, skipWithoutProsody } from './support/prosody';

test.describe.configure({ mode: 'serial' });

test.describe('real server (Prosody over WebSocket)', () => {
  test.skip(skipWithoutProsody(), PROSODY_MISSING);

  test.beforeAll(async ({ prosody }) => {
    prosody.restart(); // a clean server: memory storage, no room left from anything else
    expect(await prosodyUp(prosody.port), `Prosody answers at ${prosody.wsUrl}`).toBe(true);
  });

  test('the password-protected-room demo passes against Prosody from the browser', async ({
    playground: pg,
    prosody,
  }) => {
    await pg.goto();
    await pg.selectTarget('ws', prosody.wsUrl);
    await expect(pg.targetUrl).toHaveValue(prosody.wsUrl);
    const { text } = await pg.pickGalleryItem(/password/i);
    const steps = stepLines(text).length;
    await expect(pg.stepItems).toHaveCount(steps);

    expect(await pg.runToEnd()).toBe('pass');
    expect(await pg.stepStatuses()).toEqual(Array(steps).fill('passed'));
    const entry = await pg.resultEntry();
    expect(entry.verdict).toBe('pass');
    // Stanzas really came from Prosody: its join presence carries occupant-id, which the script never sent.
    await expect(pg.console).toContainText('urn:xmpp:occupant-id:0');
    await pg.shot('demo passed against Prosody');
  });

  test('the server dropped mid-run ends the run with a clear error; the page stays usable', async ({
    page,
    playground: pg,
    prosody,
  }) => {
    const waiting = readFixture('long-wait.scs');
    await pg.goto({ script: await serveScriptText(page, 'long-wait.scs', waiting) });
    await expect.poll(() => pg.getScript()).toBe(waiting);
    await pg.selectTarget('ws', prosody.wsUrl);

    await pg.runButton.click();
    // Romeo is online and waiting for a message nobody sends: now the server goes away.
    await expect(pg.stepItem(0)).toHaveAttribute('data-status', 'passed');
    await pg.expectStatus('running');
    await pg.shot('waiting on Prosody');
    const stoppedAt = Date.now();
    try {
      prosody.halt();
      const verdict = await pg.waitFinished(15_000);
      expect(verdict).toMatch(/^(error|fail)$/);
      const entry = await pg.resultEntry();
      await test
        .info()
        .attach('verdict after the drop', { body: describeEntry(entry), contentType: 'text/plain' });
      // A clear error: it says the connection went away (not just a timeout), and the page shows it.
      expect(entry.message ?? '').toMatch(/clos|drop|disconnect|shut|lost|connection|stream/i);
      await expect(page.getByText(entry.message!.slice(0, 40), { exact: false }).first()).toBeVisible();
      expect(Date.now() - stoppedAt, 'the drop is noticed, not waited out').toBeLessThan(10_000);
      await pg.shot('server dropped: the run ended with an error');

      // The page stays usable: a new run on the mock passes.
      const good = readFixture('simple-room.scs');
      await pg.setScript(good);
      await pg.selectTarget('mock');
      expect(await pg.runToEnd()).toBe('pass');
      await pg.shot('a new run on the mock after the drop');
    } finally {
      prosody.restart(); // back up for the worker's next test
    }
  });
});
