// The workbench as a returning user meets it: documents as tabs that a link, an example or a file never
// overwrite, the version history, results that stay (and follow the text) after an edit, two browser
// tabs on one script, and crafted links that may not redirect runs or flood the page.
import path from 'node:path';
import LZString from 'lz-string';
import { test, expect } from './support/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { Workbench } from './pages/Workbench';
import { fixturesDir, readFixture } from './support/paths';
import { serveScriptText } from './support/serve';

test('an edited script survives an example, a file and a share link; the history restores it', async ({
  page,
  playground: pg,
}) => {
  const wb = new Workbench(page);
  await pg.goto();
  const edited = `${(await pg.getScript()).trimEnd()}\n# my own edit\n`;
  await pg.setScriptInEditor(edited);
  await expect(wb.tab(0)).toHaveAttribute('data-modified', 'true');

  await pg.pickGalleryItem(/create|config/i);
  await expect(wb.tabs).toHaveCount(2);
  await pg.openFile(path.join(fixturesDir, 'simple-room.scs'));
  await expect.poll(() => pg.getScript()).toBe(readFixture('simple-room.scs'));
  // The untouched example tab took the file; the edited one stays.
  await expect(wb.tabs).toHaveCount(2);

  const shared =
    '# shared script\n[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\n-----\n\nRomeo connects\n';
  await page.goto(`/?name=shared.scs#s=${LZString.compressToEncodedURIComponent(shared)}`);
  await pg.ready();
  await expect.poll(() => pg.getScript()).toBe(shared);
  expect(await wb.names()).toEqual([expect.stringMatching(/\.scs$/), 'shared.scs']);
  await wb.open(0);
  await expect.poll(() => pg.getScript()).toBe(edited);

  // An accident, then the history.
  await pg.setScriptInEditor('oops\n');
  await wb.historyButton.click();
  await expect(wb.historyItems.first()).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await wb.setTheme(theme);
    if (!(await wb.historyItems.first().isVisible())) await wb.historyButton.click();
    await wb.expectInViewport(wb.historyItems.first().getByTestId('history.restore'));
    await pg.shot(`version history (${theme})`);
  }
  const lines = `${edited.split('\n').length} lines`;
  const restoredVersion = wb.historyItems.filter({ hasText: lines }).first();
  await restoredVersion.getByTestId('history.restore').click();
  await expect.poll(() => pg.getScript()).toBe(edited);
  await wb.setTheme('light');
});

test('results stay after an edit, follow the text, mark changed steps; a rerun replaces them', async ({
  page,
  playground: pg,
}) => {
  const wb = new Workbench(page);
  const script = readFixture('simple-room.scs');
  await pg.goto({ script: await serveScriptText(page, 'simple-room.scs', script) });
  await expect.poll(() => pg.getScript()).toBe(script);
  expect(await pg.runToEnd()).toBe('pass');
  // A passed mark on every step's line the editor renders (Monaco paints them on its next frame).
  const before = await page
    .getByTestId('step-list.item')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-line'))));
  const marksOn = async (lines: number[]) => {
    const last = await wb.lastRenderedLine();
    const marks = await wb.glyphLines('scs-glyph-passed');
    const expected = lines.filter((l) => l <= last);
    return expected.length > 1 && marks.join() === expected.join() ? 'marked' : `${marks} vs ${expected}`;
  };
  await expect.poll(() => marksOn(before)).toBe('marked');
  const statuses = await pg.stepStatuses();

  // Typing a line at the top: nothing is wiped, the marks move down with their steps.
  await page.evaluate(() =>
    (window as unknown as { __scsEditor: { setCursor(l: number, c: number): void } }).__scsEditor.setCursor(
      1,
      1,
    ),
  );
  await page.keyboard.type('# a note\n');
  await expect(wb.stale).toBeVisible();
  expect(await pg.stepStatuses()).toEqual(statuses);
  await expect.poll(() => marksOn(before.map((l) => l + 1))).toBe('marked');
  // The step list points at the steps where they are now.
  await expect(pg.stepItem(0)).toHaveAttribute('data-line', String(before[0] + 1));

  // Editing inside a step's block marks that step changed.
  const firstStepLine = before[0] + 1;
  await page.evaluate(
    (l) =>
      (window as unknown as { __scsEditor: { setCursor(l: number, c: number): void } }).__scsEditor.setCursor(
        l,
        1,
      ),
    firstStepLine,
  );
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await expect(page.locator('[data-testid="step-list.item"][data-changed="true"]')).toHaveCount(1);
  for (const theme of ['light', 'dark'] as const) {
    await wb.setTheme(theme);
    await wb.expectInViewport(wb.stale);
    await pg.shot(`results out of date (${theme})`);
  }
  await wb.setTheme('light');

  await page.keyboard.press('Backspace');
  expect(await pg.runToEnd()).toBe('pass');
  await expect(wb.stale).toBeHidden();
  await expect(page.locator('[data-testid="step-list.item"][data-changed="true"]')).toHaveCount(0);
});

test('two browser tabs on one script: an edit in one reaches the other, a clash is reported', async ({
  page,
  playground: pg,
}) => {
  await pg.goto();
  await pg.editorReady();
  const other = new PlaygroundPage(await page.context().newPage(), test.info());
  await other.goto();
  await other.editorReady();
  const wbA = new Workbench(page);
  const wbB = new Workbench(other.page);

  const fromA = `${await pg.getScript()}# from tab A\n`;
  await pg.setScriptInEditor(fromA);
  await expect.poll(() => other.getScript()).toBe(fromA);

  // Both edit: A (its autosave pending), and B, which saves at once (as when it is closed). Whichever
  // tab saves second finds the other's revision over its own unsaved edit and reports it.
  type Ed = { __scsEditor: { setValue(t: string): void } };
  await pg.page.evaluate((t) => (window as unknown as Ed).__scsEditor.setValue(t), `${fromA}# A again\n`);
  await other.page.evaluate((t) => {
    (window as unknown as Ed).__scsEditor.setValue(t);
    window.dispatchEvent(new Event('pagehide'));
  }, `${fromA}# B\n`);
  await expect
    .poll(async () => (await wbA.conflictBanner.count()) + (await wbB.conflictBanner.count()))
    .toBe(1);
  const [banner, wb, p] = (await wbA.conflictBanner.count())
    ? [wbA.conflictBanner, wbA, pg]
    : [wbB.conflictBanner, wbB, other];
  await wb.expectInViewport(banner.getByTestId('conflict.theirs'));
  await p.shot('conflict between two tabs');
  const mine = await p.getScript();
  await banner.getByTestId('conflict.theirs').click();
  await expect(banner).toBeHidden();
  expect(await p.getScript()).not.toBe(mine);
  await other.page.close();
});

test('crafted links: a server is confirmed first and never saved; oversized links and downloads are refused', async ({
  page,
  playground: pg,
}) => {
  const wb = new Workbench(page);
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  const response = await page.goto('/?target=ws://127.0.0.1:6599/xmpp-websocket&autorun=1');
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
  expect(response?.headers()['x-frame-options']).toBe('DENY');
  await pg.ready();
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /connect-src 'self' ws: wss:/,
  );
  await expect(wb.linkBanner).toContainText('ws://127.0.0.1:6599/xmpp-websocket');
  for (const theme of ['light', 'dark'] as const) {
    await wb.setTheme(theme);
    await wb.expectInViewport(page.getByTestId('link-target.confirm'));
    await pg.shot(`link asks for a server (${theme})`);
  }
  await wb.setTheme('light');
  await page.waitForTimeout(500);
  expect(await pg.status()).toBe('idle');
  expect(sockets).toEqual([]);
  await page.getByTestId('link-target.dismiss').click();
  await page.goto('/');
  await pg.ready();
  await expect(pg.targetSelect).toHaveValue('mock');

  // A short link that inflates to 2 MB, a link too long, a download over the limit: refused in words.
  const tabs = await wb.tabs.count();
  const text = await pg.getScript();
  await page.goto(`/?n=1#s=${LZString.compressToEncodedURIComponent('x'.repeat(2_000_000))}`);
  await pg.ready();
  await expect(wb.notice).toContainText(/too large .* not opened/);
  await page.goto(`/?n=2#s=${'A'.repeat(150_000)}`);
  await pg.ready();
  await expect(wb.notice).toContainText(/too long .* not opened/);
  const huge = await serveScriptText(page, 'huge.scs', `# huge\n${'x'.repeat(3_000_000)}`);
  await page.goto(`/?script=${huge}`);
  await pg.ready();
  await expect(wb.notice).toContainText(/larger than 2 MB: not opened/);
  await expect(wb.tabs).toHaveCount(tabs);
  expect(await pg.getScript()).toBe(text);
});
