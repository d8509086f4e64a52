// The runner: executes a parsed Script over a Transport, step by step, and tells the world through typed
// events. It never knows whether the server is Prosody, the mock in a worker, or the mock in-process.
// The running rules, with their ids, are in RUNNER.md; this file is the loop and the control. Steps are
// in steps.ts, sessions in sessions.ts, waiting in wait.ts, the inbox and bursts in inbox.ts, control
// in control.ts (pure), attribution in attribution.ts.
import type { Element } from 'ltx';
import type { Script, Step } from '../scansion/types';
import { jidVariable } from '../scansion';
import type { RunEvent, RunResult, StepFailure, Verdict } from './events';
import type { CloseReason, Transport } from './transport';
import { realClock, type Clock } from './clock';
import {
  initialControl,
  transition,
  type Control,
  type ControlState,
  type Intent,
  type Progress,
} from './control';
import {
  DEFAULT_TIMEOUTS,
  type ClientState,
  type Outcome,
  type RunContext,
  type RunnerTimeouts,
} from './context';
import { Emitter } from './emitter';
import { Inbox } from './inbox';
import { Guard, LightSignal } from './signal';
import { closeSession, sendAdHoc } from './sessions';
import { execute } from './steps';
import { bareJid, closeReasonText, createRunId, messageOf, stepText } from './text';
import { createWaitPolicy } from './wait';
import { Attribution } from './attribution';

export { DEFAULT_TIMEOUTS };
export type { RunnerTimeouts };

export interface RunnerOptions {
  script: Script;
  transport: Transport;
  runId?: string;
  clock?: Clock;
  timeouts?: RunnerTimeouts;
  /** Emit an `inspection` event after each step when the transport can be inspected. Default true. */
  inspect?: boolean;
}

export type RunnerStatus = ControlState;

export interface Runner {
  readonly runId: string;
  readonly status: RunnerStatus;
  /** Subscribe to events; returns the unsubscribe function. */
  on(listener: (e: RunEvent) => void): () => void;
  /** Run to the end (from idle or paused; a pause asked before starting holds it). Resolves with the result. */
  start(): Promise<RunResult>;
  /** The result, once finished (never rejects). */
  readonly result: Promise<RunResult>;
  /** Pause before the next step (the current one completes first). */
  pause(): void;
  /** Run exactly one step, then pause. Resolves once paused again (or finished). */
  step(): Promise<void>;
  /** Run until the step containing (or first after) `line`, then pause before it. */
  runTo(line: number): void;
  /** Continue a paused run to the end (the `run` intent). */
  resume(): void;
  /** Abort the current step, skip the rest, disconnect everyone. Resolves once finished. */
  stop(): Promise<void>;
  /**
   * Send a stanza outside the script on a client's session, between steps (paused): emitted as an
   * `adHoc` stanza; the answer to an ad-hoc iq is not put in the client's inbox (RUN-ADHOC-*).
   */
  sendAdHoc(client: string, stanza: Element): Promise<void>;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

class RunnerImpl implements Runner {
  readonly runId: string;
  readonly result: Promise<RunResult>;
  private control: Control = initialControl;
  private readonly script: Script;
  private readonly transport: Transport;
  private readonly emitter: Emitter;
  private readonly abort = new LightSignal();
  private readonly ctx: RunContext;
  private readonly attribution: Attribution;
  private readonly inspect: boolean;
  private resolveResult!: (r: RunResult) => void;
  private wakeFromPause: (() => void) | undefined;
  private pauseWaiters: Array<() => void> = [];
  /** A step is executing (ad-hoc sends wait for a boundary). */
  private executing = false;
  /** Clients whose stream the server closed while the run was paused (RUN-CONTROL-6). */
  /** Time spent paused: not part of the run's duration. */
  private pausedMs = 0;
  private lostWhilePaused: Array<{ client: string; reason: CloseReason }> = [];

  constructor(opts: RunnerOptions) {
    this.script = opts.script;
    this.transport = opts.transport;
    const clock = opts.clock ?? realClock;
    const timeouts = { ...DEFAULT_TIMEOUTS, ...stripUndefined(opts.timeouts ?? {}) };
    this.runId = opts.runId ?? createRunId(clock.now());
    this.inspect = opts.inspect !== false && typeof this.transport.inspect === 'function';
    this.emitter = new Emitter(this.runId, clock);
    this.result = new Promise<RunResult>((resolve) => (this.resolveResult = resolve));
    const guard = new Guard(clock, this.abort);
    const clients = new Map<string, ClientState>();
    const vars: Record<string, string> = {};
    for (const decl of this.script.clients) {
      clients.set(decl.name, { decl, inbox: new Inbox(), adHocIds: new Set() });
      // A client's bare JID is known from its declaration, before it connects: the corpus uses
      // `${Juliet's JID}` in stanzas sent before Juliet connects (muc_register.scs, issue1224.scs).
      if (decl.jid) vars[jidVariable(decl.name, 'JID')] = bareJid(decl.jid);
    }
    this.ctx = {
      emitter: this.emitter,
      transport: this.transport,
      guard,
      wait: createWaitPolicy(this.transport, clock, guard, timeouts),
      timeouts,
      clients,
      vars,
      captures: new Map(),
      stopped: () => this.abort.aborted,
      currentStep: undefined,
      onLost: (client, reason) => {
        if (this.control.state === 'paused') this.lostWhilePaused.push({ client: client.decl.name, reason });
      },
      nothingWaitMs: 0,
    };
    this.attribution = new Attribution(this.emitter, clients);
  }

  get status(): RunnerStatus {
    return this.control.state;
  }

  on(listener: (e: RunEvent) => void): () => void {
    return this.emitter.on(listener);
  }

  start(): Promise<RunResult> {
    this.intent({ type: 'run' });
    return this.result;
  }

  resume(): void {
    if (this.control.state === 'paused') this.intent({ type: 'run' });
  }

  pause(): void {
    this.intent({ type: 'pause' });
  }

  step(): Promise<void> {
    if (this.control.state === 'finished') return Promise.resolve();
    const paused = new Promise<void>((resolve) => this.pauseWaiters.push(resolve));
    this.intent({ type: 'step' });
    return paused;
  }

  runTo(line: number): void {
    this.intent({ type: 'run-to', line });
  }

  async stop(): Promise<void> {
    this.intent({ type: 'stop' });
    await this.result;
  }

  async sendAdHoc(clientName: string, stanza: Element): Promise<void> {
    const client = this.ctx.clients.get(clientName);
    if (!client) throw new Error(`no client named "${clientName}" is declared`);
    const state = this.control.state;
    if (this.executing || (state !== 'paused' && state !== 'running')) {
      throw new Error('stanzas can be sent only while the run is paused between steps');
    }
    await sendAdHoc(this.ctx, client, stanza);
  }

  // ---- control ----

  /** Apply an intent or progress report to the control and carry out its effect. */
  private intent(input: Intent | Progress): ReturnType<typeof transition>['effect'] {
    const { control, effect } = transition(this.control, input);
    this.control = control;
    switch (effect) {
      case 'begin':
        void this.run()
          .catch((err) => this.internalErrorResult(err))
          .then((r) => this.resolveResult(r));
        break;
      case 'wake':
        this.wake();
        break;
      case 'abort':
        this.abort.abort();
        for (const c of this.ctx.clients.values()) c.inbox.wake();
        this.wake();
        break;
      case 'finish-now':
        this.releasePauseWaiters();
        this.resolveResult(this.resultOf('error', 0, 0));
        break;
      default:
        break;
    }
    return effect;
  }

  private wake(): void {
    const w = this.wakeFromPause;
    this.wakeFromPause = undefined;
    w?.();
  }

  private releasePauseWaiters(): void {
    const ws = this.pauseWaiters;
    this.pauseWaiters = [];
    for (const w of ws) w();
  }

  /** Before step i: honour pause / step / run-to (RUN-CONTROL-2..4). False when the run must end. */
  private async gate(i: number): Promise<boolean> {
    const step = this.script.steps[i];
    for (;;) {
      const effect = this.intent({ type: 'gate', endLine: step.range.endLine });
      if (effect === 'halt') return false;
      if (effect === 'proceed') return true;
      this.emitter.emit({ type: 'paused', nextStep: i });
      this.releasePauseWaiters();
      const pausedAt = this.emitter.now();
      await new Promise<void>((resolve) => (this.wakeFromPause = resolve));
      this.pausedMs += this.emitter.now() - pausedAt;
      if (this.abort.aborted) return false;
      this.emitter.emit({ type: 'resumed' });
    }
  }

  // ---- the loop ----

  private resultOf(verdict: Verdict, durationMs: number, passed: number, failure?: StepFailure): RunResult {
    return {
      verdict,
      durationMs,
      stepsPassed: passed,
      stepsTotal: this.script.steps.length,
      ...(failure ? { failure } : {}),
      variables: { ...this.ctx.vars },
      nothingWaitMs: this.ctx.nothingWaitMs,
    };
  }

  /** Last-resort result if the loop itself threw (it should not): still a verdict, never a rejection. */
  private internalErrorResult(err: unknown): RunResult {
    const result = this.resultOf('error', 0, 0, {
      step: 0,
      line: this.script.steps[0]?.headerRange.line ?? 1,
      stepText: 'run',
      message: `internal error in the runner: ${messageOf(err)}`,
      mismatches: [],
    });
    this.intent({ type: 'finished' });
    this.releasePauseWaiters();
    this.emitter.emit({ type: 'run-finished', result });
    return result;
  }

  private async run(): Promise<RunResult> {
    const { emitter } = this;
    const started = emitter.now();
    const steps = this.script.steps;
    emitter.emit({ type: 'run-started', target: this.transport.label, steps: steps.length });
    let failure: StepFailure | undefined;
    let verdict: Verdict = 'pass';
    let passed = 0;
    let i = 0;
    for (; i < steps.length; i++) {
      const step = steps[i];
      const go = await this.gate(i);
      if (!go) {
        verdict = 'error';
        failure = this.attribution.failureOf(step, { message: `run stopped before ${stepText(step)}` });
        emitter.emit({ type: 'step-failed', durationMs: 0, ...failure });
        break;
      }
      const lost = this.lostWhilePaused.shift();
      if (lost) {
        verdict = 'fail';
        const message = `the server closed ${lost.client}'s stream while the run was paused: ${closeReasonText(lost.reason)}`;
        failure = this.attribution.failureOf(step, { message });
        emitter.emit({ type: 'step-failed', durationMs: 0, ...failure });
        break;
      }
      this.attribution.dropBursts(step);
      if (i > 0) await this.orderingGap(steps[i - 1], step);
      const t0 = emitter.now();
      emitter.emit({ type: 'step-started', step: i });
      const outcome = await this.executeStep(step);
      const durationMs = emitter.now() - t0;
      if (outcome.ok) {
        passed++;
        emitter.emit({
          type: 'step-passed',
          step: i,
          durationMs,
          expected: outcome.expected,
          received: outcome.received,
          ...(outcome.stanzas && outcome.stanzas.length > 0 ? { stanzas: outcome.stanzas } : {}),
        });
        await this.inspectAfter(i);
        this.intent({ type: 'step-done' });
        continue;
      }
      verdict = outcome.verdict;
      failure = await this.attribution.failureWithContext(step, outcome, this.ctx.wait);
      emitter.emit({ type: 'step-failed', durationMs, ...failure });
      await this.inspectAfter(i);
      break;
    }
    for (let j = i + 1; j < steps.length; j++) emitter.emit({ type: 'step-skipped', step: j });
    this.attribution.reportUnread();
    await Promise.all([...this.ctx.clients.values()].map((c) => closeSession(this.ctx, c)));
    const result = this.resultOf(verdict, emitter.now() - started - this.pausedMs, passed, failure);
    this.intent({ type: 'finished' });
    emitter.emit({ type: 'run-finished', result });
    this.releasePauseWaiters();
    return result;
  }

  private async executeStep(step: Step): Promise<Outcome> {
    this.executing = true;
    (this.ctx as { currentStep: number | undefined }).currentStep = step.index;
    let outcome: Outcome;
    try {
      outcome = await execute(this.ctx, step);
    } catch (err) {
      outcome = { ok: false, verdict: 'error', message: `internal error: ${messageOf(err)}` };
    } finally {
      this.executing = false;
    }
    if (this.abort.aborted && outcome.ok === false) {
      outcome = { ...outcome, verdict: 'error', message: `run stopped during ${stepText(step)}` };
    }
    return outcome;
  }

  /** After a step: the server's state, when it can be inspected (RUN-EVENT-6). */
  private async inspectAfter(step: number): Promise<void> {
    if (!this.inspect || !this.emitter.observed || this.abort.aborted) return;
    let snapshot: unknown;
    let got = false;
    const asked = (this.transport.inspect as () => Promise<unknown>)().then((s) => {
      snapshot = s;
      got = true;
    });
    await this.ctx.guard.settle(asked, this.ctx.timeouts.receiveMs);
    if (got) this.emitter.emit({ type: 'inspection', step, snapshot });
  }

  /** Let the server process one client's stanza before another client speaks (RUN-ORDER-1). */
  private async orderingGap(prev: Step, step: Step): Promise<void> {
    if (prev.action !== 'sends' || prev.client === step.client) return;
    if (step.action !== 'sends' && step.action !== 'disconnects') return;
    await this.ctx.wait.orderingGap();
  }
}

export function createRunner(opts: RunnerOptions): Runner {
  return new RunnerImpl(opts);
}
