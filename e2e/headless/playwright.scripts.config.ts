// `npm run e2e:scripts -- DIR_OR_FILES… [--target mock|ws://…]`: one Playwright test per .scs script, each
// run through the real page in Debian's Chromium. Driven by scripts/e2e-scripts.js, which writes the file
// list; reports go to e2e-scripts-report/ (HTML, JUnit, and a blob per shard). No web server of
// Playwright's: global-setup.ts serves dist/ from this process and keeps the browser here.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices, type ReporterDescription } from '@playwright/test';
import { chromiumLaunchOptions } from '../support/browser';
import { reportDir } from './scriptRunner';

const out = reportDir();
// With --shard=i/n each machine writes its own JUnit file and a blob for `playwright merge-reports`.
const shard = process.env.SCS_E2E_SHARD; // "i-of-n" when sharded
// verdictReporter.ts comes first: it turns a script that did not pass into a failed test for the others.
const here = path.dirname(fileURLToPath(import.meta.url));
const reporter: ReporterDescription[] = [
  [path.join(here, 'verdictReporter.ts')],
  // <out>/phases.json: where the run's time went (read by `npm run bench -- suites`).
  [path.join(here, 'phaseReporter.ts')],
  ['list'],
  ['html', { outputFolder: `${out}/html`, open: 'never' }],
  ['junit', { outputFile: `${out}/junit${shard ? `-${shard}` : ''}.xml` }],
];
if (shard) reporter.push(['blob', { outputDir: `${out}/blob`, fileName: `report-${shard}.zip` }]);

export default defineConfig({
  testDir: '.',
  testMatch: 'scripts.spec.ts',
  fullyParallel: true,
  retries: 0,
  timeout: Number(process.env.SCS_E2E_SCRIPT_TIMEOUT) || 120_000,
  expect: { timeout: 10_000 },
  outputDir: `${out}/test-results`,
  reporter,
  globalSetup: './global-setup.ts',
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: chromiumLaunchOptions,
    // The pages live in the runner process (global-setup.ts), which takes a screenshot when a script does
    // not pass; the test workers start no browser.
    screenshot: 'off',
    // Tracing triples the time of a run-heavy test here; turn it on when needed: --trace=retain-on-failure.
    trace: 'off',
  },
});
