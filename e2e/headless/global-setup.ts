// When the wrapper (scripts/e2e-scripts.js) already runs the browser side, this does nothing: the tests
// find it at SCS_E2E_RUNNER_URL. Run directly (`npx playwright test -c e2e/headless/…`), it starts the
// browser side here in Playwright's runner process (browserSide.ts) and returns its teardown.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FullConfig } from '@playwright/test';
import { startBrowserSide } from './browserSide';
import { reportDir } from './scriptRunner';

export default async function globalSetup(config: FullConfig): Promise<(() => Promise<void>) | undefined> {
  if (process.env.SCS_E2E_RUNNER_URL) return undefined;
  const side = await startBrowserSide({
    target: process.env.SCS_E2E_TARGET || 'mock',
    out: reportDir(),
    workers: config.workers,
  });
  const server = http.createServer(side.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.SCS_E2E_RUNNER_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await side.close();
  };
}
