// Traces: a run saved as one file opens again in a fresh browser (file picker, and `?trace=URL` as a CI
// report links it) with the failing step's diff, offline; a bad file gets a clear error.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './support/test';
import { fixturesDir } from './support/paths';
import { serveScriptText } from './support/serve';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('save a trace, open it in a fresh context and through ?trace=, and see the failing step’s diff', async ({
  playground: pg,
  page,
  browser,
  baseURL,
}, testInfo) => {
  const text = fs.readFileSync(path.join(fixturesDir, 'suite', 'ping-wrong.scs'), 'utf8');
  const url = await serveScriptText(page, 'ping-wrong.scs', text);
  await pg.goto({ script: url, autorun: true });
  await pg.expectStatus('fail', 30_000);
  const download = page.waitForEvent('download');
  await page.getByTestId('save-trace').click();
  const file = testInfo.outputPath('ping-wrong.trace.json');
  await (await download).saveAs(file);
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(saved).toMatchObject({
    format: 'scansion-trace',
    version: 1,
    target: 'mock',
    result: { verdict: 'fail' },
  });

  // A fresh browser context: no autosave, no run; the trace alone rebuilds the views.
  for (const how of ['file', 'url'] as const) {
    const ctx = await browser.newContext({ baseURL });
    const fresh = new PlaygroundPage(await ctx.newPage(), testInfo);
    if (how === 'file') {
      await fresh.goto();
      await fresh.page.getByTestId('open-trace').setInputFiles(file);
    } else {
      await fresh.page.route('**/ci/ping-wrong.trace.json', (r) =>
        r.fulfill({ contentType: 'application/json', body: fs.readFileSync(file, 'utf8') }),
      );
      await fresh.page.goto('/?trace=/ci/ping-wrong.trace.json');
    }
    await fresh.expectStatus('fail');
    await expect(fresh.mismatches.first()).toContainText("expected 'error', got 'result'");
    await expect(fresh.diff).toBeVisible();
    expect(await fresh.getScript()).toBe(text.replace(/\r\n?/g, '\n'));
    await fresh.shot(`trace opened by ${how}`);
    await ctx.close();
  }

  // A file that is not a trace: a located sentence, and the page keeps what it showed.
  const bad = testInfo.outputPath('bad.json');
  fs.writeFileSync(bad, JSON.stringify({ format: 'scansion-trace', version: 7 }));
  await page.getByTestId('open-trace').setInputFiles(bad);
  await expect(page.getByText('bad.json: unsupported trace version 7')).toBeVisible();
  await pg.expectStatus('fail');
});
