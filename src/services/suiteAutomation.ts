// The automation hook of headless suite runs (`npm run e2e:scripts`): a driver such as Playwright gives
// the page its target through an init script, never through a link a user could be sent:
//
//   await context.addInitScript((t) => { window.__scsAutomation = { target: t }; }, 'mock' | 'ws://…');
//
// and then, for each script, on the same page (one page serves many scripts):
//
//   const out = await page.evaluate(([text, name]) => window.__scansionSuite.runScript(text, name), [t, n]);
//   // out = { status: 'pass'|'fail'|'error'|'invalid', report, trace, blocked }
//
// With `{ target: 'mock', mock: 'page' }` the mock runs on the page's own thread instead of a Web Worker
// (a headless run has no UI to keep responsive, and skips a message hop per stanza).
// `report` is the `scs run --reporter json` report (also in window.scansionResult), `trace` the run's
// trace file (src/runner/trace.ts), `blocked` the sentence saying why an invalid script could not run.
import type { JsonReportLike } from '../store';
import { selectBlockingError, selectDisplayStatus, type AppStore, type Target } from '../store';
import type { Trace } from '../runner/trace';
import type { RunController } from './runController';
import type { TraceService } from './traceService';
import type { TransportFactory } from './transports';
import { readAutomationRequest } from './automation';
import { parseTarget } from './links';

export interface SuiteAutomationResult {
  status: string;
  report: JsonReportLike | null;
  trace: Trace | null;
  blocked: string | null;
}

export interface SuiteAutomationHook {
  runScript(text: string, name: string): Promise<SuiteAutomationResult>;
}

type HookWindow = {
  __scsAutomation?: { target?: unknown; mock?: unknown };
  __scansionSuite?: SuiteAutomationHook;
};

/** True when an init script asked for the mock on the page's thread. */
export function automationInPageMock(win: object | undefined): boolean {
  return !!win && (win as HookWindow).__scsAutomation?.mock === 'page';
}

/** The page's transport factory, with the mock on the page's thread when automation asked for it. */
export function automationTransportFactory(
  win: object | undefined,
  fallback: TransportFactory,
): TransportFactory {
  if (!automationInPageMock(win)) return fallback;
  return async (target) => {
    if (target.kind !== 'mock') return fallback(target);
    const { createInProcessTransport } = await import('../mock');
    return createInProcessTransport();
  };
}

/** The target an init script gave the page, or null (absent or malformed). */
export function automationTarget(win: object): Target | null {
  return parseTarget(readAutomationRequest(win)?.target);
}

export function installSuiteAutomation(
  win: object,
  deps: { store: AppStore; run: RunController; trace: TraceService; flushParse: () => void },
): () => void {
  const w = win as HookWindow;
  const { store } = deps;
  // main.tsx gives the page the driver's target at start (as a session target, never saved); each run
  // re-applies it, in case the page changed it since.
  const target = automationTarget(win);
  w.__scansionSuite = {
    async runScript(text, name) {
      if (target) store.getState().setSessionTarget(target, 'automation');
      // The workbench is hidden while the script runs (its editor and lists are not laid out for every
      // event) and shown again when the script did not pass, so the failure's screenshot shows the run.
      store.getState().setView('suite');
      store.getState().loadScript({ text: text.replace(/\r\n?/g, '\n'), fileName: name, source: 'api' });
      deps.flushParse();
      let report: JsonReportLike | null;
      try {
        report = await deps.run.run();
      } finally {
        if (store.getState().status !== 'pass') store.getState().setView('workbench');
      }
      const s = store.getState();
      return {
        status: selectDisplayStatus(s),
        report,
        trace: report ? deps.trace.current() : null,
        blocked: selectBlockingError(s)?.message ?? (report ? null : (s.notice?.text ?? null)),
      };
    },
  };
  return () => {
    delete w.__scansionSuite;
  };
}
