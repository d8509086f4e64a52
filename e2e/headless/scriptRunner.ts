// The pages of `npm run e2e:scripts`, kept outside Playwright's test workers for the whole run (in the
// wrapper's process, see browserSide.ts): one Chromium, and one page per worker slot (Playwright's
// parallelIndex), each loaded once with the target given through an init script
// (`window.__scsAutomation`, see src/services/suiteAutomation.ts), never through a link. The page is
// automation.html (src/automationMain.ts): the runner without the UI, which loads the ordinary workbench
// only when a script does not pass, to show it for the screenshot. Tests ask over loopback HTTP to run a
// script; it runs the script in the slot's page and writes the script's trace (and, when the script did
// not pass, a screenshot) into the report dir.
//
// Why outside the test workers: Playwright ends a worker after every failing test, and a worker that owned
// the browser took Chromium and the page with it, so each failing script paid for a browser start and a
// page load. Here a failing test only costs the worker process; the browser and the pages stay.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { AutomationWindow } from '../support/automation';
import { chromiumLaunchOptions } from '../support/browser';
import { mark } from './phases';

/** What a test asks for. */
export interface RunRequest {
  /** The test's parallelIndex: which page runs the script. */
  slot: number;
  file: string;
  /** The script's position in the list (makes its trace file name unique). */
  index: number;
  /** Record a Playwright trace of the run, kept (at this path) when the script does not pass. */
  playwrightTrace?: string;
}

/** What the test gets back. */
export interface RunResponse {
  status: string;
  report: unknown;
  blocked: string | null;
  /** The trace file under <out>/traces/, when the run produced one. */
  traceFile: string | null;
  /** A PNG of the page, when the script did not pass. */
  screenshot: string | null;
  /** The Playwright trace, when one was asked for and the script did not pass. */
  playwrightTrace: string | null;
  pageErrors: string[];
  /** Where the time went, in ms: the run in the page, the screenshot, a page load when one was needed. */
  timings: { load: number; run: number; screenshot: number };
}

interface Slot {
  page: Page;
  errors: string[];
  busy: boolean;
}

export interface ScriptRunnerOptions {
  baseURL: string;
  target: string;
  out: string;
}

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface ScriptRunner {
  /** Answers POST /run (a RunRequest as JSON) with a RunResponse. */
  handle: RequestHandler;
  /**
   * Opens the pages of worker slots 0…n-1 now, while Playwright starts its workers; resolves when they
   * are loaded (or failed: the first script that asks for a failed slot reports why).
   */
  warm(n: number): Promise<void>;
  close(): Promise<void>;
}

/** The report directory: SCS_E2E_SCRIPTS_OUT (set by scripts/e2e-scripts.js), else e2e-scripts-report/. */
export const reportDir = (): string =>
  process.env.SCS_E2E_SCRIPTS_OUT ||
  path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'e2e-scripts-report');

/** The trace file name of the script at `index`: unique in the list, readable. */
export const traceFileName = (index: number, file: string): string =>
  `${index}-${path.basename(file).replace(/[^\w.-]+/g, '_')}.trace.json`;

export function createScriptRunner(opts: ScriptRunnerOptions): ScriptRunner {
  let browser: Promise<Browser> | null = null;
  const slots = new Map<number, Promise<Slot>>();
  const traces = path.join(opts.out, 'traces');
  const shots = path.join(opts.out, 'screenshots');
  fs.mkdirSync(traces, { recursive: true });
  fs.mkdirSync(shots, { recursive: true });

  const openSlot = async (): Promise<Slot> => {
    browser ??= chromium.launch(chromiumLaunchOptions).then((b) => (mark('browser'), b));
    const context = await (
      await browser
    ).newContext({ baseURL: opts.baseURL, viewport: { width: 1280, height: 800 } });
    await context.addInitScript((t) => {
      (window as unknown as AutomationWindow).__scsAutomation = { target: t, mock: 'page' };
    }, opts.target);
    const page = await context.newPage();
    const slot: Slot = { page, errors: [], busy: false };
    page.on('pageerror', (e) => slot.errors.push(e.stack || e.message));
    await page.goto('/automation.html');
    await page.waitForFunction(() => Boolean((window as unknown as AutomationWindow).__scansionSuite));
    return slot;
  };

  /** The slot's page; a fresh one when the last script there never finished (its test timed out). */
  const pageFor = async (n: number): Promise<{ slot: Slot; loadMs: number }> => {
    const existing = slots.get(n);
    if (existing) {
      const slot = await existing;
      if (!slot.busy && !slot.page.isClosed()) return { slot, loadMs: 0 };
      await slot.page.context().close();
    }
    const t0 = performance.now();
    const opening = openSlot();
    slots.set(n, opening);
    const slot = await opening;
    return { slot, loadMs: performance.now() - t0 };
  };

  const run = async (req: RunRequest): Promise<RunResponse> => {
    const { slot, loadMs } = await pageFor(req.slot);
    slot.busy = true;
    slot.errors.length = 0;
    // The loader normalises line ends, as the page does for a file.
    const text = fs.readFileSync(req.file, 'utf8').replace(/\r\n?/g, '\n');
    const tracing = slot.page.context().tracing;
    if (req.playwrightTrace) await tracing.start({ screenshots: true, snapshots: true });
    const t0 = performance.now();
    const result = await slot.page.evaluate(
      ([t, n]) => (window as unknown as AutomationWindow).__scansionSuite!.runScript(t, n),
      [text, path.basename(req.file)] as const,
    );
    const runMs = performance.now() - t0;
    let traceFile: string | null = null;
    if (result.trace) {
      traceFile = traceFileName(req.index, req.file);
      fs.writeFileSync(path.join(traces, traceFile), JSON.stringify(result.trace));
    }
    let screenshot: string | null = null;
    const t1 = performance.now();
    if (result.status !== 'pass') {
      screenshot = path.join(shots, `${req.index}.png`);
      await slot.page.screenshot({ path: screenshot });
    }
    const shotMs = performance.now() - t1;
    let playwrightTrace: string | null = null;
    if (req.playwrightTrace && result.status !== 'pass') {
      await tracing.stop({ path: req.playwrightTrace });
      playwrightTrace = req.playwrightTrace;
    } else if (req.playwrightTrace) await tracing.stop();
    slot.busy = false;
    return {
      status: result.status,
      report: result.report,
      blocked: result.blocked,
      traceFile,
      screenshot,
      playwrightTrace,
      pageErrors: [...slot.errors],
      timings: { load: loadMs, run: runMs, screenshot: shotMs },
    };
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const reply = (code: number, value: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.method !== 'POST' || req.url !== '/run') return reply(404, { error: 'POST /run only' });
      let parsed: RunRequest;
      try {
        parsed = JSON.parse(body) as RunRequest;
      } catch {
        return reply(400, { error: 'the request is not JSON' });
      }
      run(parsed).then(
        (r) => reply(200, r),
        (e: Error) => reply(500, { error: e.stack || e.message }),
      );
    });
  };
  return {
    handle,
    async warm(n) {
      const opening: Promise<unknown>[] = [];
      for (let i = 0; i < n; i++) {
        if (slots.has(i)) continue;
        const slot = openSlot();
        slots.set(i, slot);
        // A failed warm-up is reported by the first script that asks for this slot (pageFor awaits it).
        opening.push(slot.catch(() => undefined));
      }
      await Promise.all(opening);
    },
    async close() {
      if (browser) await (await browser).close();
    },
  };
}
