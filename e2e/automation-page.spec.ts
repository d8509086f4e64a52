// automation.html, the page `npm run e2e:scripts` runs scripts in (src/automationMain.ts): a passing
// script loads no UI at all (no React renderer, no workbench, no Monaco); the first script that does not
// pass brings up the ordinary workbench showing its failing step, editor included, for the screenshot;
// the next failing script replaces it on the same page.
import { test, expect, type Page } from '@playwright/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import type { AutomationWindow } from './support/automation';
import { readFixture } from './support/paths';

const PASSING = readFixture('simple-room.scs');
const WRONG_ROLE = PASSING.replace('role="moderator"', 'role="visitor"');

const run = (page: Page, text: string, name: string) =>
  page.evaluate(
    ([t, n]) =>
      (window as unknown as AutomationWindow).__scansionSuite!.runScript(t, n).then((r) => r.status),
    [text, name] as const,
  );

test('passing scripts load no UI; a failing one shows the workbench at its failing step', async ({
  context,
  page,
}, testInfo) => {
  await context.addInitScript(() => {
    (window as unknown as AutomationWindow).__scsAutomation = { target: 'mock', mock: 'page' };
  });
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.goto('/automation.html');
  await page.waitForFunction(() => Boolean((window as unknown as AutomationWindow).__scansionSuite));

  expect(await run(page, PASSING, 'room.scs')).toBe('pass');
  expect(await run(page, PASSING, 'room-again.scs')).toBe('pass');
  expect(
    scripts.filter((s) => /\/(App|automationView|LazyEditor|MonacoEditor|monacoSetup)-/.test(s)),
  ).toEqual([]);
  await expect(page.locator('#root')).toBeEmpty();

  expect(await run(page, WRONG_ROLE, 'wrong-role.scs')).toBe('fail');
  const pg = new PlaygroundPage(page, testInfo);
  // Shown at once (runScript resolves once the workbench is painted), Monaco included.
  await expect(page.getByTestId('editor')).toHaveAttribute('data-editor', 'monaco', { timeout: 1 });
  await pg.expectStatus('fail', 1);
  await expect(pg.mismatches.first()).toContainText("attribute role: expected 'visitor', got 'moderator'");
  await expect(pg.diff).toBeVisible();
  await pg.shot('a failing script on automation.html');

  const WRONG_ROLE_2 = PASSING.replace('role="moderator"', 'role="participant"');
  expect(await run(page, WRONG_ROLE_2, 'participant.scs')).toBe('fail');
  await expect(pg.mismatches.first()).toContainText(
    "attribute role: expected 'participant', got 'moderator'",
    {
      timeout: 1,
    },
  );
  expect(scripts.filter((s) => /\/monacoSetup-/.test(s))).toHaveLength(1);
});
