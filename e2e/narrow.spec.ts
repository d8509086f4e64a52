// At 800×600 the page itself never scrolls (the panes do), Run/Step/Stop stay in view, and the
// sequence view of a three-client run is legible: no lane name, label or note cut or past its pane.
import { test, expect } from './support/test';
import { readFixture } from './support/paths';
import { serveScriptText } from './support/serve';

test.use({ viewport: { width: 800, height: 600 } });

test('800×600: no page scroll, run controls in view, a legible three-client sequence', async ({
  page,
  playground: pg,
}) => {
  test.setTimeout(90_000);
  const text = readFixture('three-clients.scs');
  await pg.goto({ script: await serveScriptText(page, 'three-clients.scs', text), target: 'mock' });
  await expect.poll(() => pg.getScript()).toBe(text);
  await pg.editorReady();

  const pageFits = () =>
    page.evaluate(() => {
      const d = document.documentElement;
      return { h: d.scrollHeight <= d.clientHeight, w: d.scrollWidth <= d.clientWidth };
    });
  const inView = async () => {
    for (const b of [pg.runButton, pg.stepButton, pg.stopButton]) await expect(b).toBeInViewport();
  };
  expect(await pageFits()).toEqual({ h: true, w: true });
  await inView();

  expect(await pg.runToEnd()).toBe('pass');
  await page.getByTestId('tab.sequence').click();
  const seq = page.getByTestId('sequence');
  await expect(seq.locator('.seq-row').first()).toBeVisible();
  expect(await pageFits()).toEqual({ h: true, w: true });
  await inView();
  await pg.shot('800x600 sequence, three clients');

  // Legible: every head, arrow label and connection note shows its whole text, inside the view's
  // width, and each label stays within the span of its own arrow.
  const problems = await seq.evaluate((root) => {
    const out: string[] = [];
    const box = root.getBoundingClientRect();
    const contentRight = box.left + root.scrollWidth + 1;
    root.querySelectorAll<HTMLElement>('.seq-head, .seq-label, .seq-note').forEach((el) => {
      const r = el.getBoundingClientRect();
      if (el.scrollWidth > el.clientWidth + 1) out.push(`cut: ${el.textContent}`);
      if (r.left < box.left - 1 || r.right > contentRight) out.push(`outside: ${el.textContent}`);
    });
    root.querySelectorAll<HTMLElement>('.seq-arrow').forEach((a) => {
      const ar = a.getBoundingClientRect();
      const l = a.querySelector<HTMLElement>('.seq-label')!.getBoundingClientRect();
      if (l.left < ar.left - 1 || l.right > ar.right + 1)
        out.push(`label beyond its arrow: ${a.textContent}`);
    });
    return out;
  });
  expect(problems).toEqual([]);
  const heads = await seq.locator('.seq-head').allTextContents();
  expect(heads).toEqual(expect.arrayContaining(['Romeo', 'Juliet', 'Mercutio', 'Server']));
});

test('a header wider than the window wraps: the target picker stays in view at 1280 and 1100 px', async ({
  page,
  playground: pg,
}) => {
  for (const width of [1280, 1100]) {
    await page.setViewportSize({ width, height: 800 });
    await pg.goto({ target: 'mock' });
    await expect(pg.targetSelect).toBeInViewport({ ratio: 1 });
    await expect(pg.runButton).toBeInViewport();
  }
});
