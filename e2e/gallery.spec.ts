// Issue #7: the gallery's password-protected-room demo, run on the in-browser mock: every step passes
// and the page says so.
import { test, expect } from './support/test';
import { stepLines } from './support/text';

test('the password-protected-room demo from the gallery passes on the mock', async ({ playground: pg }) => {
  await pg.goto();
  await pg.shot('page loaded');
  await pg.selectTarget('mock');

  const { text } = await pg.pickGalleryItem(/password/i);
  expect(text).toMatch(/password/);
  const steps = stepLines(text).length;
  expect(steps, 'the demo has a real number of steps').toBeGreaterThan(5);
  await expect(pg.stepItems).toHaveCount(steps);
  await pg.shot('demo loaded');

  expect(await pg.runToEnd()).toBe('pass');
  await expect(pg.runStatus).toContainText(/pass/i);
  expect(await pg.stepStatuses()).toEqual(Array(steps).fill('passed'));
  const entry = await pg.resultEntry();
  expect(entry.verdict).toBe('pass');
  await pg.shot('demo passed');
});
