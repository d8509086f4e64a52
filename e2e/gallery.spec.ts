// Issue #7: the gallery's password-protected-room demo, run on the in-browser mock: every step passes
// and the page says so.
import { test, expect } from './support/test';

test('the password-protected-room demo from the gallery passes on the mock', async ({ playground: pg }) => {
  await pg.goto();
  await pg.shot('page loaded');
  await pg.selectTarget('mock');

  const name = await pg.pickGalleryItem(/password/i);
  await expect
    .poll(() => pg.getScript(), { message: `gallery item ${name} loads its script` })
    .toMatch(/\[Client\]/);
  await expect(pg.stepItems.first()).toBeVisible();
  const steps = await pg.stepItems.count();
  expect(steps, 'the demo has a real number of steps').toBeGreaterThan(5);
  await pg.shot('demo loaded');

  expect(await pg.runToEnd()).toBe('pass');
  await expect(pg.runStatus).toContainText(/pass/i);
  expect(await pg.stepStatuses()).toEqual(Array(steps).fill('passed'));
  const entry = await pg.resultEntry();
  expect(entry.verdict).toBe('pass');
  await pg.shot('demo passed');
});
