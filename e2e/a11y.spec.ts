// axe-core over the page's states, in the light and the dark theme: idle, running, paused, failed with
// a diff, the XML console and the sequence view. No serious or critical violation is allowed, and no
// rule is disabled: the editor (Monaco) passes as it is, with the themes' AA colours. Each state is
// reached once and checked in both themes (the theme toggle between the two checks).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './support/test';
import { readFixture } from './support/paths';
import type { PlaygroundPage } from './pages/PlaygroundPage';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const SILENT_WS = 'ws://127.0.0.1:6698/xmpp-websocket';

async function serious(page: Page): Promise<string[]> {
  // Legacy mode: axe runs in the page itself, without the blank page the default mode opens per analysis
  // to merge frame results (the playground has no cross-origin frame). The same rules and results, in
  // about half the time here.
  const r = await new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true).analyze();
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`));
}

const THEMES = ['light', 'dark'] as const;

async function walk(page: Page, pg: PlaygroundPage) {
  const simple = readFixture('simple-room.scs');
  const broken = simple.replace('role="moderator"', 'role="visitor"');
  const found: Record<string, string[]> = {};
  // The state in the theme it is shown in, then in the other one.
  const html = page.locator('html');
  const check = async (state: string) => {
    const shown = await html.getAttribute('data-theme');
    for (const theme of shown === 'dark' ? ['dark', 'light'] : ['light', 'dark']) {
      if (theme !== shown) await page.getByTestId('theme-toggle').click();
      await expect(html).toHaveAttribute('data-theme', theme);
      await pg.shot(`${theme} ${state}`);
      found[`${theme} ${state}`] = await serious(page);
    }
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

test('no serious or critical axe violation in any state, in either theme', async ({
  page,
  playground: pg,
}) => {
  test.setTimeout(300_000);
  // The system's dark preference is followed on a first visit; the toggle then switches per check.
  await page.emulateMedia({ colorScheme: 'dark' });
  await pg.goto({ target: 'mock' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await pg.editorReady();
  const found = await walk(page, pg);
  const states = ['idle', 'paused', 'running', 'failed with a diff', 'console', 'sequence'];
  expect(found).toEqual(
    Object.fromEntries(THEMES.flatMap((theme) => states.map((state) => [`${theme} ${state}`, []]))),
  );
});
