// Issue #7: break one expected attribute in the editor; the run fails at exactly that step, the diff
// names the attribute, and the editor marks the line.
import { test, expect } from './support/test';
import { readFixture } from './support/paths';
import { serveScriptText } from './support/serve';
import { lineOf, stepLines } from './support/text';

test('a broken expected attribute fails at its step, named in the diff and marked in the editor', async ({
  page,
  playground: pg,
}) => {
  const original = readFixture('simple-room.scs');
  await pg.goto({ script: await serveScriptText(page, 'simple-room.scs', original), target: 'mock' });
  await expect.poll(() => pg.getScript()).toBe(original);

  // The expected self-presence says role="moderator": expect a visitor instead.
  const broken = original.replace('role="moderator"', 'role="visitor"');
  expect(broken).not.toBe(original);
  await pg.setScriptInEditor(broken);
  const attrLine = lineOf(broken, 'role="visitor"');
  const lines = stepLines(broken);
  const failingStep = lines.filter((l) => l < attrLine).length - 1; // the receives: step holding it
  expect(failingStep).toBe(2);

  expect(await pg.runToEnd()).toBe('fail');
  await pg.shot('run failed at the broken attribute');

  // The run stopped at that step: earlier steps passed, it failed, nothing after it ran.
  const statuses = await pg.stepStatuses();
  expect(statuses.slice(0, failingStep)).toEqual(Array(failingStep).fill('passed'));
  expect(statuses[failingStep]).toBe('failed');
  expect(statuses.slice(failingStep + 1).filter((s) => s === 'passed')).toEqual([]);
  await expect(pg.stepItem(failingStep)).toHaveAttribute('data-line', String(lines[failingStep]));

  // The diff names the attribute and both values.
  await expect(pg.diff).toBeVisible();
  const mismatch = pg.mismatches.filter({ hasText: 'role' });
  await expect(mismatch.first()).toBeVisible();
  await expect(mismatch.first()).toContainText('visitor');
  await expect(mismatch.first()).toContainText('moderator');

  const entry = await pg.resultEntry();
  expect(entry.verdict).toBe('fail');
  expect(entry.message ?? '').toMatch(/role/);

  // The editor marks the failure: on the step's line or on the attribute's own line.
  const marked = await pg.editorLinesWith(/fail|error|mismatch/i);
  expect(
    marked.some((l) => l === attrLine || l === lines[failingStep]),
    `marked lines: ${marked}`,
  ).toBe(true);
  expect(
    marked.every((l) => l >= lines[failingStep] && l <= attrLine + 3),
    `marked lines: ${marked}`,
  ).toBe(true);
});
