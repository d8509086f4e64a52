// axe-core over the page's states, in the light and the dark theme: idle, running, paused, failed with
// a diff, the XML console and the sequence view. No serious or critical violation is allowed, and no
// rule is disabled: the editor (Monaco) passes as it is, with the themes' AA colours.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/test';
import { readFixture } from './support/paths';
import type { PlaygroundPage } from './pages/PlaygroundPage';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SILENT_WS = 'ws://127.0.0.1:6698/xmpp-websocket';

async function serious(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`));
}

async function walk(page: Page, pg: PlaygroundPage, theme: string) {
  const simple = readFixture('simple-room.scs');
  const broken = simple.replace('role="moderator"', 'role="visitor"');
  const found: Record<string, string[]> = {};
  const check = async (state: string) => {
    await pg.shot(`${theme} ${state}`);
    found[state] = await serious(page);
  };

  await pg.setScriptInEditor(simple);
  await check('idle');

  await pg.stepButton.click();
  await pg.expectStatus('paused');
  await check('paused');
  await pg.stopButton.click();
  await pg.expectStatus(/idle|fail|error/);

  // Running: a WebSocket target that accepts and never answers holds the run in its connect step
  // (the mock answers at once, so a run there is over before axe has looked).
  await page.routeWebSocket(SILENT_WS, () => {});
  await pg.selectTarget('ws', SILENT_WS);
  await pg.runButton.click();
  await pg.expectStatus('running');
  await check('running');
  // Under load axe may outlast the connect timeout: the run may be over already.
  if (await pg.stopButton.isEnabled()) await pg.stopButton.click();
  await pg.expectStatus(/idle|fail|error/);
  await pg.selectTarget('mock');

  await pg.setScriptInEditor(broken);
  expect(await pg.runToEnd()).toBe('fail');
  await expect(pg.mismatches.first()).toBeVisible();
  await check('failed with a diff');

  await page.getByTestId('tab.console').click();
  await expect(pg.consoleEntries.first()).toBeVisible();
  await check('console');

  await page.getByTestId('tab.sequence').click();
  await expect(page.getByTestId('sequence').locator('.seq-row').first()).toBeVisible();
  await check('sequence');
  return found;
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation in any state (${theme})`, async ({ page, playground: pg }) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: theme });
    await pg.goto({ target: 'mock' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await pg.editorReady();
    const found = await walk(page, pg, theme);
    expect(found).toEqual({
      idle: [],
      paused: [],
      running: [],
      'failed with a diff': [],
      console: [],
      sequence: [],
    });
  });
}
