// Comparing two runs of the same script (two targets, or a trace and a new run): the verdict of each and
// the first step where they part ways, with what each side received there and why it failed. Pure: works
// on the runner's events (a live run's or a trace's), no I/O.
import type { RunEvent, RunResult, StepFailure, StepStatus, Verdict } from './events';

/** One run as the comparison needs it: its events in order, and its result when it finished. */
export interface ComparedRun {
  events: readonly RunEvent[];
  result?: RunResult | null;
}

/** How one side got through one step. */
export interface StepOutcome {
  status: StepStatus | 'not run';
  expected?: string;
  received?: string;
  /** The failure sentence, when the step failed. */
  message?: string;
  mismatches?: StepFailure['mismatches'];
  /** Source line of the step (when known from a failure). */
  line?: number;
  stepText?: string;
}

export interface Divergence {
  /** Step index (in script.steps), or null when the runs differ before any step (e.g. could not connect). */
  step: number | null;
  a: StepOutcome;
  b: StepOutcome;
  /** One sentence saying how the two runs differ there. */
  sentence: string;
}

export interface Comparison {
  verdictA: Verdict | 'unfinished';
  verdictB: Verdict | 'unfinished';
  sameVerdict: boolean;
  /** The first step where the runs differ, or null when they went the same way. */
  divergence: Divergence | null;
}

/** Step outcomes of one run, indexed by step. */
export function stepOutcomes(run: ComparedRun): StepOutcome[] {
  const out: StepOutcome[] = [];
  const set = (i: number, o: StepOutcome) => {
    while (out.length <= i) out.push({ status: 'not run' });
    out[i] = o;
  };
  for (const e of run.events) {
    if (e.type === 'step-started') set(e.step, { status: 'running' });
    else if (e.type === 'step-passed')
      set(e.step, { status: 'passed', expected: e.expected, received: e.received });
    else if (e.type === 'step-failed') set(e.step, failedOutcome(e));
    else if (e.type === 'step-skipped') set(e.step, { status: 'skipped' });
  }
  const f = run.result?.failure;
  if (f && (out[f.step]?.status ?? 'not run') !== 'failed') set(f.step, failedOutcome(f));
  return out;
}

function failedOutcome(f: StepFailure): StepOutcome {
  return {
    status: 'failed',
    expected: f.expected,
    received: f.received,
    message: f.message,
    mismatches: f.mismatches,
    line: f.line,
    stepText: f.stepText,
  };
}

const verdictOf = (run: ComparedRun): Verdict | 'unfinished' => run.result?.verdict ?? 'unfinished';

function describe(o: StepOutcome): string {
  if (o.status === 'failed') return `failed (${o.message ?? 'no reason given'})`;
  return o.status;
}

function sameOutcome(a: StepOutcome, b: StepOutcome): boolean {
  if (a.status !== b.status) return false;
  // Both failed: the same failure only if for the same reason.
  if (a.status === 'failed') return a.message === b.message;
  return true;
}

/**
 * Compare two runs of one script. Labels name the sides in the sentence (e.g. "mock", "ws://…").
 * The first step whose outcome differs (passed on one side, failed or not run on the other, or failed
 * for different reasons) is the divergence; runs that fail before any step differ at "step null".
 */
export function compareRuns(
  a: ComparedRun,
  b: ComparedRun,
  labels: { a: string; b: string } = { a: 'A', b: 'B' },
): Comparison {
  const verdictA = verdictOf(a);
  const verdictB = verdictOf(b);
  const sa = stepOutcomes(a);
  const sb = stepOutcomes(b);
  let divergence: Divergence | null = null;
  const n = Math.max(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    const oa = sa[i] ?? { status: 'not run' };
    const ob = sb[i] ?? { status: 'not run' };
    if (sameOutcome(oa, ob)) continue;
    const where = oa.stepText ?? ob.stepText;
    const line = oa.line ?? ob.line;
    const name = `step ${i + 1}${where ? ` (${where}${line ? `, line ${line}` : ''})` : ''}`;
    divergence = {
      step: i,
      a: oa,
      b: ob,
      sentence: `At ${name}: ${describe(oa)} on ${labels.a}, ${describe(ob)} on ${labels.b}.`,
    };
    break;
  }
  if (!divergence && verdictA !== verdictB) {
    // Same steps, different verdicts: the difference is outside the steps (connecting, or a run cut short).
    const why = (r: ComparedRun, v: string) => r.result?.failure?.message ?? v;
    divergence = {
      step: null,
      a: { status: 'not run', message: a.result?.failure?.message },
      b: { status: 'not run', message: b.result?.failure?.message },
      sentence: `The runs end differently: ${why(a, verdictA)} on ${labels.a}, ${why(b, verdictB)} on ${labels.b}.`,
    };
  }
  return { verdictA, verdictB, sameVerdict: verdictA === verdictB, divergence };
}
