// The suite's `test`: Playwright's, plus a `playground` page object and a guard that fails a test when
// the page throws an uncaught error or an unhandled rejection (the brief: never a crash).
import { test as base, expect } from '@playwright/test';
import { PlaygroundPage } from '../pages/PlaygroundPage';

// Monaco cancels its own promises on dispose; that is not a page failure.
const BENIGN = [/^Canceled$/, /ResizeObserver loop/];

export const test = base.extend<{ playground: PlaygroundPage; pageErrors: string[] }>({
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
});

export { expect };
