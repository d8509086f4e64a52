// One test per script given to `npm run e2e:scripts`: the page loads it (`?script=` answered from disk by
// page.route), runs it on the target (`&target=…&autorun=1`), and the test passes only if the script
// passes. The verdict comes from the page's own automation outputs: data-testid="run-status" and
// window.scansionResult (the `scs run --reporter json` report).
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { PlaygroundPage } from '../pages/PlaygroundPage';
import { serveScriptFile } from '../support/serve';
import { describeEntry, singleEntry } from '../support/report';
import type { AutomationWindow } from '../support/automation';

interface ScriptItem {
  file: string;
  title: string;
}

const listFile = process.env.SCS_E2E_SCRIPTS_LIST;
const target = process.env.SCS_E2E_TARGET || 'mock';
const items: ScriptItem[] = listFile ? JSON.parse(fs.readFileSync(listFile, 'utf8')) : [];

if (!listFile) {
  test('scripts list', () => {
    throw new Error('no scripts given: run this through `npm run e2e:scripts -- DIR_OR_FILES…`');
  });
}

items.forEach((item, i) => {
  test(item.title, async ({ page }, testInfo) => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.stack || e.message));
    const pg = new PlaygroundPage(page, testInfo);
    const url = await serveScriptFile(page, item.file, String(i));
    await pg.goto({ script: url, target, autorun: true });

    // The page has the script (the loader normalises line ends)…
    const text = fs.readFileSync(item.file, 'utf8').replace(/\r\n?/g, '\n');
    await expect.poll(() => pg.getScript(), { message: `the page loaded ${item.title}` }).toBe(text);
    // …and it finished, or refused to start. `invalid` counts only when it lasts: autorun may still be
    // about to start while the diagnostics catch up with the new text.
    const deadline = Math.max(10_000, testInfo.timeout - 15_000);
    await expect
      .poll(
        async () => {
          const s = await pg.status();
          if (s !== 'invalid') return s;
          await page.waitForTimeout(500);
          return pg.status();
        },
        { timeout: deadline, intervals: [100, 250, 500] },
      )
      .toMatch(/^(pass|fail|error|invalid)$/);
    const shown = await pg.status();
    await pg.shot(`${item.title}: ${shown}`);
    if (pageErrors.length) {
      await testInfo.attach('page errors', { body: pageErrors.join('\n\n'), contentType: 'text/plain' });
    }
    if (shown === 'invalid') {
      const reason = (await pg.runBlockedReason.innerText().catch(() => '')) || 'the page did not say why';
      throw new Error(`${item.title}: ${reason}`);
    }

    const report = await page.evaluate(() => (window as unknown as AutomationWindow).scansionResult);
    await testInfo.attach('scansion-result.json', {
      body: JSON.stringify(report, null, 2),
      contentType: 'application/json',
    });
    const entry = singleEntry(report);
    await testInfo.attach('verdict', { body: describeEntry(entry), contentType: 'text/plain' });
    expect(entry.verdict, describeEntry(entry)).toBe('pass');
    expect(shown, 'the page shows the verdict').toBe('pass');
  });
});
