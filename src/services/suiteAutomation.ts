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
// Each script runs off-screen, as the suite view runs its scripts (suiteRunner.ts: events recorded, no
// store update per event, the mock reset between scripts); the finished run is then put on the page in
// one go (traceReplay.ts), so the run status shows its verdict and, when the script did not pass, the
// workbench shows the failing step for the driver's screenshot.
// `report` is the `scs run --reporter json` report (also in window.scansionResult), `trace` the run's
// trace file (src/runner/trace.ts), `blocked` the sentence saying why an invalid script could not run.
import type { createRunner } from '../runner';
import type { Transport } from '../runner/transport';
import { buildJsonReport } from '../runner/report';
import { buildTrace, type Trace } from '../runner/trace';
import { parse } from '../scansion';
import type { JsonReportLike } from '../store';
import { selectBlockingError, selectDisplayStatus, type AppStore, type Target } from '../store';
import { errorRun, runOne, type ScriptRun } from './suiteRunner';
import { replayRun } from './traceReplay';
import { targetLabel, type TransportFactory } from './transports';
import { readAutomationRequest } from './automation';
import { parseTarget } from './links';

const messageOf = (e: unknown) => (e instanceof Error ? e.message || e.name : String(e));

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

type Resettable = Transport & { reset?: () => Promise<void> };

export interface SuiteAutomationDeps {
  store: AppStore;
  /** The page's transports (the automation factory: the mock on the page's thread when asked). */
  makeTransport: TransportFactory;
  flushParse: () => void;
  createRunner?: typeof createRunner;
}

export function installSuiteAutomation(win: object, deps: SuiteAutomationDeps): () => void {
  const w = win as HookWindow;
  const { store } = deps;
  // main.tsx gives the page the driver's target at start (as a session target, never saved); each run
  // re-applies it, in case the page changed it since.
  const target = automationTarget(win);
  // One transport for the page's scripts, reset between them on the mock (a fresh server each time).
  let transport: Resettable | null = null;
  let transportTarget: Target | null = null;
  const transportFor = async (t: Target): Promise<Resettable> => {
    if (transport && transportTarget === t && t.kind === 'mock' && transport.reset) {
      try {
        await transport.reset();
        return transport;
      } catch {
        // a transport that cannot be reset is replaced below
      }
    }
    await Promise.resolve(transport?.dispose?.()).catch(() => undefined);
    transport = null;
    transport = (await deps.makeTransport(t)) as Resettable;
    transportTarget = t;
    return transport;
  };

  w.__scansionSuite = {
    async runScript(text, name) {
      const clean = text.replace(/\r\n?/g, '\n');
      const st = store.getState();
      if (target && targetLabel(st.target) !== targetLabel(target)) st.setSessionTarget(target, 'automation');
      // Scripts run off-screen and the view is left as it is: a passing script changes nothing on the
      // page (switching views would unmount and remount the workbench and its editor per script).
      const parsed = parse(clean);
      if (parsed.script.steps.length === 0 || parsed.diagnostics.some((d) => d.severity === 'error')) {
        // Shown in the workbench, which says why it cannot run (as it would for a user).
        store.getState().loadScript({ text: clean, fileName: name, source: 'api' });
        deps.flushParse();
        store.getState().setView('workbench');
        const s = store.getState();
        return {
          status: selectDisplayStatus(s),
          report: null,
          trace: null,
          blocked: selectBlockingError(s)?.message ?? 'the script has no steps',
        };
      }
      const t = store.getState().target;
      const label = targetLabel(t);
      let run: ScriptRun;
      try {
        const tr = await transportFor(t);
        run = await runOne({ id: name, name, text: clean }, tr, label, deps.createRunner);
      } catch (e) {
        transport = null;
        const runId = `automation-${Date.now().toString(36)}`;
        run = errorRun(runId, label, `Could not open the transport: ${messageOf(e)}`);
      }
      const trace = buildTrace({
        script: { name, text: clean },
        target: label,
        events: run.events,
        result: run.result,
        tool: 'playground',
        createdAt: new Date(),
      });
      const report = buildJsonReport([{ file: name, result: run.result }]);
      if (run.result.verdict === 'pass') {
        return { status: 'pass', report, trace, blocked: null };
      }
      // A script that did not pass is put on the page in one go, the workbench showing its failing step
      // (for the driver's screenshot); the run status then says the verdict.
      replayRun(store, trace, { source: 'api', flushParse: deps.flushParse });
      store.getState().setView('workbench');
      return { status: selectDisplayStatus(store.getState()), report, trace, blocked: null };
    },
  };
  return () => {
    delete w.__scansionSuite;
    void Promise.resolve(transport?.dispose?.()).catch(() => undefined);
  };
}
