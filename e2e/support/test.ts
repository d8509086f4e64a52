// The suite's `test`: Playwright's, plus a `playground` page object, a guard that fails a test when the
// page throws an uncaught error or an unhandled rejection (the brief: never a crash), and the worker's
// own Prosody (`prosody`, see ./prosody.ts), started on first use.
import { test as base, expect } from '@playwright/test';
import { PlaygroundPage } from '../pages/PlaygroundPage';
import { startTestProsody, type TestProsody } from './prosody';

// Monaco cancels its own promises on dispose; that is not a page failure.
const BENIGN = [/^Canceled$/, /ResizeObserver loop/];

export const test = base.extend<
  { playground: PlaygroundPage; pageErrors: string[] },
  { prosody: TestProsody }
>({
  pageErrors: [
    async ({ page }, use, testInfo) => {
      const errors: string[] = [];
      page.on('pageerror', (err) => {
        if (!BENIGN.some((re) => re.test(err.message))) errors.push(err.stack || err.message);
      });
      await use(errors);
      if (errors.length) {
        await testInfo.attach('page errors', { body: errors.join('\n\n'), contentType: 'text/plain' });
      }
      expect(errors, 'uncaught errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  playground: async ({ page }, use, testInfo) => {
    await use(new PlaygroundPage(page, testInfo));
  },
  prosody: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a fixture needs from here
    async ({}, use, workerInfo) => {
      const prosody = await startTestProsody(`e2e-prosody-w${workerInfo.workerIndex}`);
      try {
        await use(prosody);
      } finally {
        prosody.stop();
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

export { expect };
