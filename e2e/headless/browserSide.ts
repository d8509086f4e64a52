// The browser side of an `npm run e2e:scripts` run: the built page served from memory (distServer.ts),
// Chromium and one page per worker slot (scriptRunner.ts), behind the loopback URL the tests post their
// scripts to (SCS_E2E_RUNNER_URL).
//
// scripts/e2e-scripts.js starts it in its own process before Playwright has even loaded its config, so
// the browser launch and the page loads overlap Playwright's start-up instead of following it: it opens
// the URL first, starts Playwright with it, and only then loads this module (through tsx) and the
// browser. global-setup.ts starts it in Playwright's runner process when the config is run directly.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist } from './distServer';
import { mark } from './phases';
import { createScriptRunner, type RequestHandler } from './scriptRunner';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BrowserSideOptions {
  target: string;
  out: string;
  /** How many pages to open at once (Playwright's worker count); more open on demand. */
  workers: number;
  /** The build to serve (default: the repository's dist/). */
  dist?: string;
}

export interface BrowserSide {
  handle: RequestHandler;
  close(): Promise<void>;
}

export async function startBrowserSide(opts: BrowserSideOptions): Promise<BrowserSide> {
  mark('setup');
  const dist = await serveDist(opts.dist ?? path.join(repoRoot, 'dist'), 'automation.html');
  mark('served');
  const runner = createScriptRunner({ baseURL: dist.url, target: opts.target, out: opts.out });
  void runner.warm(Math.max(1, opts.workers)).then(() => mark('pages'));
  return {
    handle: runner.handle,
    async close() {
      await runner.close();
      await dist.close();
    },
  };
}
