// Issue #7: the share link round trip gives back exactly the script that was shared (in a fresh
// browser context, so nothing comes from local storage), and a reload keeps an edit.
import { test, expect } from './support/test';
import { PlaygroundPage } from './pages/PlaygroundPage';
import { readFixture } from './support/paths';
import { serveScriptText } from './support/serve';

// Characters a link must carry intact: apostrophes, ${…}, quotes, tabs, non-ASCII, #, &, %, +.
const EDIT = "\n# shared: Juliet's café — 100% «ok» & #hash + ${Romeo's JID}\t<tab>\n";

test('a share link opens exactly the shared script', async ({ page, playground: pg, browser, baseURL }) => {
  const original = readFixture('simple-room.scs');
  await pg.goto({ script: await serveScriptText(page, 'simple-room.scs', original) });
  await expect.poll(() => pg.getScript()).toBe(original);
  const edited = original.replace('-----', `-----${EDIT}`);
  await pg.setScriptInEditor(edited);

  await pg.shareButton.click();
  await expect(pg.shareLink).toHaveValue(/[#?&]s=/);
  const link = await pg.shareLink.inputValue();
  await pg.shot('share link shown');

  const other = await browser.newContext({ baseURL });
  try {
    const fresh = new PlaygroundPage(await other.newPage(), test.info());
    await fresh.page.goto(link);
    await fresh.ready();
    await expect.poll(() => fresh.getScript()).toBe(edited);
    await fresh.shot('opened from the share link');
  } finally {
    await other.close();
  }
});

test('a reload keeps an edit', async ({ page, playground: pg }) => {
  await pg.goto();
  const edited = `${(await pg.getScript()).trimEnd()}\n${EDIT}`;
  await pg.setScriptInEditor(edited);
  // Reload at once: the autosave is debounced, so this also checks it is flushed when the page goes.
  await page.reload();
  await pg.ready();
  await expect.poll(() => pg.getScript()).toBe(edited);
  await pg.shot('edit kept after reload');
});
