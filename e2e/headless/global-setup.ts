// Starts the browser side of the run (scriptRunner.ts) in Playwright's runner process, after the preview
// server is up, and tells the workers where it listens (SCS_E2E_RUNNER_URL). Returns its teardown.
import type { FullConfig } from '@playwright/test';
import { reportDir, startScriptRunner } from './scriptRunner';
import { e2eScriptsPort } from '../support/browser';

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const runner = await startScriptRunner({
    baseURL: `http://127.0.0.1:${e2eScriptsPort()}`,
    target: process.env.SCS_E2E_TARGET || 'mock',
    out: reportDir(),
  });
  process.env.SCS_E2E_RUNNER_URL = runner.url;
  // The pages load while Playwright starts its workers, instead of after.
  runner.warm(config.workers);
  return () => runner.close();
}
