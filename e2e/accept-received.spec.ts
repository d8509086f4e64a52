// A failed receives: step explained in sentences, and "Accept received": the expected block becomes
// what arrived (variables for the client's JIDs), as one undoable edit; the rerun passes. On the mock
// and on the worker's Prosody; the new controls are inside the viewport in both themes.
import type { Page } from '@playwright/test';
import { test, expect } from './support/test';
import type { PlaygroundPage } from './pages/PlaygroundPage';
import { readFixture } from './support/paths';
import { serveScriptText } from './support/serve';
import { PROSODY_MISSING, skipWithoutProsody } from './support/prosody';

async function inViewport(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  const vp = page.viewportSize()!;
  expect(box, `${testId} is laid out`).not.toBeNull();
  expect(box!.x >= 0 && box!.y >= 0, `${testId} starts inside the viewport`).toBe(true);
  expect(box!.x + box!.width <= vp.width && box!.y + box!.height <= vp.height, `${testId} ends inside`).toBe(
    true,
  );
}

/** On the mock, or (given its URL) on a real server. */
async function acceptThenRerun(page: Page, pg: PlaygroundPage, wsUrl?: string): Promise<void> {
  // Two runs and an edit round trip: more than the default budget on a loaded machine.
  test.slow();
  const original = readFixture('simple-room.scs');
  await pg.goto({ script: await serveScriptText(page, 'simple-room.scs', original), target: 'mock' });
  if (wsUrl) await pg.selectTarget('ws', wsUrl);
  // Expect a visitor where the server makes the room's creator a moderator.
  const broken = original.replace('role="moderator"', 'role="visitor"');
  await pg.setScriptInEditor(broken);
  expect(await pg.runToEnd()).toBe('fail');

  // The sentence names the element and both values; the editor marks the attribute's own line.
  const sentence = pg.mismatches.filter({ hasText: 'On <item>, attribute role' });
  await expect(sentence).toHaveText("On <item>, attribute role: expected 'visitor', got 'moderator'.");
  const attrLine = broken.split('\n').findIndex((l) => l.includes('role="visitor"')) + 1;
  expect(await pg.editorLinesWith(/squiggly-error/)).toContain(attrLine);

  for (const theme of ['first', 'second']) {
    await inViewport(page, 'diff.accept');
    await inViewport(page, 'diff.accept-all');
    await pg.shot(`accept controls, ${theme} theme`);
    await page.getByTestId('theme-toggle').click();
  }

  await page.getByTestId('diff.accept').click();
  await expect(page.getByTestId('diff.accept-note')).toContainText('replaced with what arrived');
  await expect.poll(() => pg.getScript()).not.toBe(broken);
  const accepted = await pg.getScript();
  const item = accepted.split('\n').find((l) => l.includes('<item '));
  expect(item).toContain(`jid="\${Romeo's full JID}"`);
  expect(item).toContain('role="moderator"');
  expect(accepted).not.toContain('occupant-id');
  // Only the expected block changed.
  expect(accepted.split('Romeo receives:')[0]).toBe(broken.split('Romeo receives:')[0]);

  // One undoable edit: Ctrl+Z in the editor brings the old text back, Ctrl+Y the accepted one.
  await pg.editor.locator('.view-lines').first().click();
  await page.keyboard.press('Control+z');
  await expect.poll(() => pg.getScript()).toBe(broken);
  await page.keyboard.press('Control+y');
  await expect.poll(() => pg.getScript()).toBe(accepted);

  expect(await pg.runToEnd()).toBe('pass');
  await pg.shot('rerun after accepting passes');
}

test('mock: a failing step is explained; Accept received makes the rerun pass', async ({
  page,
  playground,
}) => {
  await acceptThenRerun(page, playground);

  // Expectations in the wrong order: the step details say the expected stanza came one stanza later.
  const [head, presence, subject] = readFixture('simple-room.scs').split(/\n(?=Romeo receives:)/);
  const [message, rest] = subject.split(/\n(?=# Leave)/);
  await playground.setScriptInEditor([head, message, presence, rest].join('\n'));
  expect(await playground.runToEnd()).toBe('fail');
  await expect(playground.mismatches.first()).toContainText('The expected stanza arrived 1 stanza later');
});

test.describe('real server', () => {
  test.skip(skipWithoutProsody(), PROSODY_MISSING);
  test.beforeAll(({ prosody }) => {
    prosody.restart();
  });
  test('Prosody: Accept received makes the rerun pass', async ({ page, playground, prosody }) => {
    await acceptThenRerun(page, playground, prosody.wsUrl);
  });
});

test('mock: extra children of a strict element are one sentence; the quick fix relaxes it', async ({
  page,
  playground: pg,
}) => {
  test.slow();
  const original = readFixture('simple-room.scs');
  await pg.goto({ script: await serveScriptText(page, 'simple-room.scs', original), target: 'mock' });
  const strict = original.replace(/\t\t\t<status code="(201|110)"\/>\n/g, '');
  expect(strict.match(/<status/g)).toBeNull();
  await pg.setScriptInEditor(strict);
  expect(await pg.runToEnd()).toBe('fail');
  await expect(pg.mismatches).toHaveText([
    "<x> has 2 children not in the expectation: <status> ×2. Strict because <x> declares its own namespace 'http://jabber.org/protocol/muc#user'; add scansion:strict='false' to <x> to allow them.",
  ]);
  await pg.shot('strict extras grouped in one sentence');

  // The marker sits on the element's name; Ctrl+. there offers the fix, Enter applies it.
  const lines = strict.split('\n');
  const xLine = lines.findIndex((l) => l.includes('<x xmlns="http://jabber.org/protocol/muc#user">')) + 1;
  await pg.editor.locator('.view-lines').first().click();
  await page.evaluate(
    ([l, c]) =>
      (window as unknown as { __scsEditor: { setCursor(l: number, c: number): void } }).__scsEditor.setCursor(
        l,
        c,
      ),
    [xLine, lines[xLine - 1].indexOf('<x') + 2],
  );
  await page.keyboard.press('Control+.');
  await expect(page.getByText("Add scansion:strict='false' to <x>", { exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect
    .poll(() => pg.getScript())
    .toBe(
      strict.replace(
        '<x xmlns="http://jabber.org/protocol/muc#user">',
        '<x scansion:strict="false" xmlns="http://jabber.org/protocol/muc#user">',
      ),
    );
  expect(await pg.runToEnd()).toBe('pass');
});
