// The editor's keyboard: completion follows the block (sends vs receives), Enter never accepts an
// attribute nobody picked, Tab leaves the editor (and the status bar toggle makes it indent), and the
// Run controls come before the editor in the tab order.
import { test, expect } from './support/test';
import { EditorKeys } from './pages/EditorKeys';

const HEADER = '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: password\n\n-----\n\nRomeo connects\n\n';

test('completion follows the block, and Enter after an attribute value ends the line', async ({
  page,
  playground: pg,
}) => {
  await pg.goto({ target: 'mock' });
  const keys = new EditorKeys(page, pg);

  // In sends:, `<presence` offers what a client sends (join, leave), not what it expects.
  await keys.startWith(HEADER + 'Romeo sends:\n\t');
  await keys.type('<presence');
  const sent = await keys.suggestions();
  expect(sent).toEqual(expect.arrayContaining(['join a room', 'leave the room']));
  expect(sent).not.toContain('self-presence after joining');
  await page.keyboard.press('Escape');

  // In receives:, the expected ones.
  await keys.startWith(HEADER + 'Romeo receives:\n\t');
  await keys.type('<presence');
  const received = await keys.suggestions();
  expect(received).toContain('self-presence after joining');
  expect(received).not.toContain('join a room');
  await page.keyboard.press('Escape');

  // Typing a stanza's attributes, then Enter: a new line, no `xmlns=""` glued on.
  await keys.startWith(HEADER + 'Romeo sends:\n\t');
  await keys.type('<message to="room@conference.localhost" type="groupchat');
  await keys.type('"');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => pg.getScript())
    .toMatch(/<message to="room@conference\.localhost" type="groupchat"\n/);
  expect(await pg.getScript()).not.toContain('xmlns=""');
  await pg.shot('typed attributes, then Enter');
});

test('Tab leaves the editor by default; the status bar toggle makes it indent; Run comes first', async ({
  page,
  playground: pg,
}) => {
  await pg.goto({ target: 'mock' });
  const keys = new EditorKeys(page, pg);
  await keys.startWith(HEADER + 'Romeo disconnects');
  const before = await pg.getScript();
  await expect(keys.tabMode).toHaveText('Tab moves focus');

  // Tab moves the focus out and leaves the text alone.
  await page.keyboard.press('Tab');
  await expect.poll(() => keys.focused()).not.toBe('editor');
  expect(await pg.getScript()).toBe(before);

  // Toggled: Tab indents in the editor.
  await keys.tabMode.click();
  await expect(keys.tabMode).toHaveText('Tab indents');
  await pg.editor.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Tab');
  await expect.poll(() => pg.getScript()).toBe(before + '\t');
  // Ctrl/Cmd+M in the editor toggles back.
  await page.keyboard.press('ControlOrMeta+M');
  await expect(keys.tabMode).toHaveText('Tab moves focus');

  // From the page's start, the Run button is reached before the editor.
  await page.locator('h1').click();
  const order: string[] = [];
  for (let i = 0; i < 40 && !order.includes('editor'); i++) {
    await page.keyboard.press('Tab');
    order.push(await keys.focused());
  }
  expect(order).toContain('run-button');
  expect(order).toContain('editor');
  expect(order.indexOf('run-button')).toBeLessThan(order.indexOf('editor'));
});
