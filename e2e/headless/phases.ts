// Where the time of an `npm run e2e:scripts` run goes, for `npm run bench -- suites`: moments of the run
// in Playwright's runner process (global-setup.ts, scriptRunner.ts, phaseReporter.ts all run there), in
// ms since the wrapper started (SCS_E2E_STARTED_AT, set by scripts/e2e-scripts.js; else since this
// process started). phaseReporter.ts writes them to <out>/phases.json when the run ends.

export type Phase = 'setup' | 'served' | 'browser' | 'pages' | 'firstTest' | 'lastTest' | 'end';

export interface Phases {
  /** ms since the wrapper started, per moment. */
  at: Partial<Record<Phase, number>>;
  /** Summed over the scripts, in ms: the runs in the page, the screenshots, page (re)loads. */
  scripts: { count: number; run: number; screenshot: number; load: number };
}

const KEY = Symbol.for('scansion-playground.e2e-scripts.phases');
const origin = Number(process.env.SCS_E2E_STARTED_AT) || performance.timeOrigin;

/** The run's record: one per process, shared by the modules that Playwright loads separately. */
export function phases(): Phases {
  const g = globalThis as { [KEY]?: Phases };
  g[KEY] ??= { at: {}, scripts: { count: 0, run: 0, screenshot: 0, load: 0 } };
  return g[KEY];
}

/** Records that `phase` happens now (the first time only: later calls keep the first moment). */
export function mark(phase: Phase, last = false): void {
  const at = phases().at;
  if (last || at[phase] === undefined) at[phase] = Math.round(Date.now() - origin);
}
