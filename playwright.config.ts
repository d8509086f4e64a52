// The playground's own end-to-end suite (`npm run test:e2e`, part of `npm test` after `npm run build`).
// Debian's Chromium, never `npx playwright install` (downloads fail here; see ../shared/design/stack.md).
// `vite preview` serves the built page; a fresh browser context per test (Playwright's default).
// The real-server specs start a Prosody per worker (its own temp dir and free ports: e2e/support/test.ts).
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions, e2ePreviewPort, servedDistDir } from './e2e/support/browser';

// Chosen once here (free ports, fresh temp dirs) and inherited by the workers through the environment.
const E2E_PORT = e2ePreviewPort();
const baseURL = `http://127.0.0.1:${E2E_PORT}`;
const servedDir = servedDistDir('SCS_E2E_SERVED_DIR');

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // e2e/headless/ is the `npm run e2e:scripts` runner: its own config, never part of this suite.
  testIgnore: '**/headless/**',
  fullyParallel: true,
  workers: process.env.CI ? 2 : Math.min(2, Number(process.env.E2E_WORKERS) || 2),
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  outputDir: 'test-results/e2e',
  reporter: [
    ['list'],
    ['html', { outputFolder: 'playwright-report', open: 'never' }],
    ['junit', { outputFile: 'test-results/e2e-junit.xml' }],
  ],
  use: {
    baseURL,
    ...devices['Desktop Chrome'],
    viewport: { width: 1400, height: 900 },
    launchOptions: chromiumLaunchOptions,
    screenshot: 'only-on-failure',
    // Tracing triples the time of a run-heavy test here; turn it on when needed: --trace=retain-on-failure.
    trace: 'off',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  webServer: {
    // Serves a private copy of dist/ (see e2e/support/snapshot-dist.mjs).
    command: `node e2e/support/snapshot-dist.mjs ${servedDir} && npx vite preview --outDir ${servedDir} --port ${E2E_PORT} --strictPort --host 127.0.0.1`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
