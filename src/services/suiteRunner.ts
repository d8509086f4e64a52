// Running many scripts off-screen (the suite view, the comparison): each run's events are recorded as a
// trace would record them. On the mock, several mock workers run scripts in parallel, each reset to a
// fresh server between scripts; on a real server scripts run one after another, since they share its
// rooms and accounts.
import type { RunEvent, RunResult } from '../runner';
import type { Transport } from '../runner/transport';
import { parse } from '../scansion';
import type { Target } from '../store';
import type { TransportFactory } from './transports';
import { targetLabel } from './transports';
import { createPageRunner, type PageCreateRunner } from './runners';

type CreateRunner = PageCreateRunner;

export interface ScriptRun {
  runId: string;
  target: string;
  events: RunEvent[];
  result: RunResult;
}

export interface SuiteJob {
  id: string;
  name: string;
  text: string;
}

export interface SuiteRunOptions {
  target: Target;
  makeTransport: TransportFactory;
  createRunner?: CreateRunner;
  /** Parallel mock workers (default: 4, at most the number of jobs). Real servers always use 1. */
  parallel?: number;
  /** Called when a script starts and when it ends. */
  onStart?(job: SuiteJob): void;
  onDone?(job: SuiteJob, run: ScriptRun): void;
  /** Checked before each script: true stops the queue. */
  cancelled?(): boolean;
}

let seq = 0;
const newRunId = () => `suite-${Date.now().toString(36)}-${++seq}`;
const messageOf = (e: unknown) => (e instanceof Error ? e.message || e.name : String(e));

export function errorRun(runId: string, target: string, message: string): ScriptRun {
  const result: RunResult = {
    verdict: 'error',
    durationMs: 0,
    stepsPassed: 0,
    stepsTotal: 0,
    variables: {},
    failure: { step: 0, line: 1, stepText: '(script)', message, mismatches: [] },
  };
  return { runId, target, events: [{ type: 'run-finished', runId, at: 0, result }], result };
}

/** Run one script on one transport (the caller owns the transport). Never throws. */
export async function runOne(
  job: SuiteJob,
  transport: Transport,
  target: string,
  createRunner: CreateRunner = createPageRunner,
): Promise<ScriptRun> {
  const runId = newRunId();
  const parsed = parse(job.text);
  const err = parsed.diagnostics.find((d) => d.severity === 'error');
  if (err) return errorRun(runId, target, `${job.name}:${err.line}:${err.column}: ${err.message}`);
  if (parsed.script.steps.length === 0)
    return errorRun(runId, target, `${job.name}: the script has no steps`);
  const events: RunEvent[] = [];
  try {
    const runner = createRunner({ script: parsed.script, source: job.text, transport, runId });
    runner.on((e) => events.push(e));
    const result = await runner.start();
    if (!events.some((e) => e.type === 'run-finished'))
      events.push({ type: 'run-finished', runId, at: Date.now(), result });
    return { runId, target, events, result };
  } catch (e) {
    return errorRun(runId, target, `The run stopped with an error: ${messageOf(e)}`);
  }
}

type Resettable = Transport & { reset?: () => Promise<void> };

/** Run jobs on one target; resolves when every job has run (or the run was cancelled). */
export async function runSuite(jobs: SuiteJob[], opts: SuiteRunOptions): Promise<void> {
  const label = targetLabel(opts.target);
  const isMock = opts.target.kind === 'mock';
  const lanes = isMock ? Math.max(1, Math.min(opts.parallel ?? 4, jobs.length)) : 1;
  let next = 0;

  async function lane(): Promise<void> {
    let transport: Resettable | null = null;
    try {
      while (next < jobs.length && !opts.cancelled?.()) {
        const job = jobs[next++];
        opts.onStart?.(job);
        let run: ScriptRun;
        try {
          if (transport && isMock && transport.reset) await transport.reset();
          else {
            await transport?.dispose?.();
            transport = null;
          }
          transport ??= (await opts.makeTransport(opts.target)) as Resettable;
          run = await runOne(job, transport, label, opts.createRunner);
        } catch (e) {
          // The transport could not be made or reset: this script errs, the next one gets a fresh one.
          await transport?.dispose?.().catch(() => undefined);
          transport = null;
          run = errorRun(newRunId(), label, `Could not open the transport: ${messageOf(e)}`);
        }
        opts.onDone?.(job, run);
      }
    } finally {
      await transport?.dispose?.().catch(() => undefined);
    }
  }
  await Promise.all(Array.from({ length: lanes }, () => lane()));
}
