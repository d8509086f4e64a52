// Issue #7: a syntax error shows a marker in the editor, and Run explains why it cannot run (and where);
// fixing the error lets the script run again.
import { test, expect } from './support/test';
import { readFixture } from './support/paths';
import { serveScriptText } from './support/serve';
import { lineOf } from './support/text';

test('a syntax error shows a marker and Run says why it cannot run', async ({ page, playground: pg }) => {
  const good = readFixture('simple-room.scs');
  await pg.goto({ script: await serveScriptText(page, 'simple-room.scs', good), target: 'mock' });
  await expect.poll(() => pg.getScript()).toBe(good);

  // An unclosed element in the expected presence: malformed XML.
  const bad = good.replace('<status code="110"/>', '<status code="110">');
  expect(bad).not.toBe(good);
  await pg.setScriptInEditor(bad);

  // The editor shows an error marker (Monaco renders error markers as squiggly-error decorations).
  await expect(pg.editor.locator('.squiggly-error').first()).toBeVisible();
  const marked = await pg.editorLinesWith(/squiggly-error/);
  const errLine = lineOf(bad, '<status code="110">');
  const stepStart = lineOf(bad, 'Romeo receives:');
  expect(marked.length, 'some line carries the error marker').toBeGreaterThan(0);
  expect(
    marked.every((l) => l >= stepStart && l <= lineOf(bad, '</presence>', stepStart)),
    `error marker on lines ${marked}, within the broken block (lines ${stepStart}..)`,
  ).toBe(true);

  // Run cannot run, and the page says why and where.
  await expect(pg.runBlockedReason).toBeVisible();
  await expect(pg.runBlockedReason).toContainText(/line\s*\d+/i);
  const reason = (await pg.runBlockedReason.innerText()).toLowerCase();
  const lineInReason = Number(/line\s*(\d+)/i.exec(reason)![1]);
  expect(lineInReason).toBeGreaterThanOrEqual(errLine);
  expect(lineInReason).toBeLessThanOrEqual(lineOf(bad, '</presence>', stepStart) + 1);
  await expect(pg.runButton).toBeDisabled();
  await pg.expectStatus(/^(invalid|idle)$/);
  expect(
    await pg.page.evaluate(() => (window as unknown as { scansionResult?: unknown }).scansionResult),
  ).toBe(undefined);
  await pg.shot('syntax error blocks the run');

  // Fix it: the reason goes away and the script runs.
  await pg.setScriptInEditor(good);
  await expect(pg.runBlockedReason).toBeHidden();
  await expect(pg.editor.locator('.squiggly-error')).toHaveCount(0);
  expect(await pg.runToEnd()).toBe('pass');
});
