// A returning visitor (same browser profile: HTTP cache and storage warm) gets Monaco, after a reload
// and in a second tab of the same context, not only on the very first visit.
import { test, expect } from './support/test';
import { PlaygroundPage } from './pages/PlaygroundPage';

test('reload and a second tab in the same context both get Monaco', async ({ page, playground: pg }) => {
  await pg.goto();
  await pg.editorReady();

  for (let i = 0; i < 2; i++) {
    await page.reload();
    await pg.ready();
    await pg.editorReady();
    await expect(pg.editor).toHaveAttribute('data-editor', 'monaco');
  }
  await pg.shot('reloaded: Monaco');

  const second = new PlaygroundPage(await page.context().newPage(), test.info());
  await second.goto();
  await second.editorReady();
  await expect(second.editor).toHaveAttribute('data-editor', 'monaco');
  await second.shot('second tab: Monaco');
  await second.page.close();
});
