// Starts the browser side of the run in Playwright's runner process: the built page served from memory
// (distServer.ts) and the pages that run the scripts (scriptRunner.ts), and tells the workers where the
// runner listens (SCS_E2E_RUNNER_URL). Returns its teardown.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FullConfig } from '@playwright/test';
import { serveDist } from './distServer';
import { mark } from './phases';
import { reportDir, startScriptRunner } from './scriptRunner';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  mark('setup');
  const dist = await serveDist(path.join(repoRoot, 'dist'), 'automation.html');
  mark('served');
  const runner = await startScriptRunner({
    baseURL: dist.url,
    target: process.env.SCS_E2E_TARGET || 'mock',
    out: reportDir(),
  });
  process.env.SCS_E2E_RUNNER_URL = runner.url;
  // The pages load while Playwright starts its workers, instead of after.
  void runner.warm(config.workers).then(() => mark('pages'));
  return async () => {
    await runner.close();
    await dist.close();
  };
}
