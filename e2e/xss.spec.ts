// Issue #7: markup inside stanzas (an escaped <img onerror> and <script> in a body, and literal
// <img>/<script> elements in the stanza) is shown as text and never runs.
import { test, expect } from './support/test';
import { readFixture } from './support/paths';
import { serveScriptText } from './support/serve';
import type { AutomationWindow } from './support/automation';

// As text, however the page escapes it: the body's escaped HTML, and the literal elements' markup.
const BODY_IMG = /(&lt;|<)img src=x onerror=/;
const BODY_SCRIPT = /(&lt;|<)script(&gt;|>)window\.__scsPwned/;
const ELEMENT_IMG = /<img\b[^>]*onerror=/;
const ELEMENT_SCRIPT = /<script\b[^>]*urn:example:e2e/;

async function expectNothingRan(pg: import('./pages/PlaygroundPage').PlaygroundPage) {
  expect(await pg.page.evaluate(() => (window as unknown as AutomationWindow).__scsPwned)).toBe(undefined);
  // No element from a stanza became a live DOM element outside the editor's own text rendering.
  expect(await pg.page.locator('img[src="x"], img[onerror]').count()).toBe(0);
  const scripts = await pg.page.locator('script').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
  expect(scripts.filter((t) => t.includes('__scsPwned'))).toEqual([]);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    // Any payload that runs would also try these; record them too.
    (window as unknown as { alert: (m?: unknown) => void }).alert = () => {
      (window as unknown as { __scsPwned?: unknown }).__scsPwned = 'alert';
    };
  });
});

test('markup in a received stanza is shown as text in the console and runs nothing', async ({
  page,
  playground: pg,
}) => {
  const text = readFixture('xss.scs');
  await pg.goto({ script: await serveScriptText(page, 'xss.scs', text), target: 'mock' });
  await expect.poll(() => pg.getScript()).toBe(text);
  expect(await pg.runToEnd()).toBe('pass');

  await expect(pg.console).toBeVisible();
  const incoming = pg.consoleEntries.filter({ hasText: 'onerror' });
  await expect(incoming.first()).toBeVisible();
  for (const re of [BODY_IMG, BODY_SCRIPT, ELEMENT_IMG, ELEMENT_SCRIPT])
    await expect(pg.console).toContainText(re);
  await expectNothingRan(pg);
  await pg.shot('payload shown as text in the console');
});

test('markup in a mismatching stanza is shown as text in the diff and runs nothing', async ({
  page,
  playground: pg,
}) => {
  // Expect a different body: the run fails at the last step and the diff shows what arrived.
  const text = readFixture('xss.scs');
  const lastBody = text.lastIndexOf('<body>');
  const failing = `${text.slice(0, lastBody)}<body>something else</body>\n\t</message>\n`;
  await pg.goto({ script: await serveScriptText(page, 'xss-fail.scs', failing), target: 'mock' });
  await expect.poll(() => pg.getScript()).toBe(failing);
  expect(await pg.runToEnd()).toBe('fail');

  await expect(pg.diff).toBeVisible();
  await expect(pg.diff).toContainText(BODY_IMG);
  await expect(pg.diff).toContainText('something else');
  await expectNothingRan(pg);
  await pg.shot('payload shown as text in the diff');
});
