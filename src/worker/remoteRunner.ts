// The page side of one run in the run worker: a Runner with the surface of the runner itself (start,
// step, pause, resume, runTo, stop, sendAdHoc, status, result, on), so everything that listens to a
// runner's events works unchanged. Intents go to the worker; events come back in batches, and the
// status follows the worker's runner (its control state after each batch), moved ahead locally by the
// page's own intents so a click right after another sees the run it started.
import type { Element } from 'ltx';
import { transition, initialControl, type Control, type ControlState, type Intent } from '../runner';
import type { RunEvent, RunResult, Runner, RunnerTimeouts, StepFailure } from '../runner';
import { stepText } from '../runner/text';
import type { Script } from '../scansion';
import type { RunPageMessage } from './protocol';

/** What a remote runner needs of its worker link. */
export interface RunChannel {
  post(message: RunPageMessage): void;
  /**
   * Posts the message made with a fresh request id; resolves with the answer's error (undefined: done).
   * With `urgent`, a worker that does not answer within its stop time is taken as hung.
   */
  request(make: (id: number) => RunPageMessage, urgent?: boolean): Promise<string | undefined>;
}

export interface RemoteRunOptions {
  runId: string;
  script: Script;
  /** The text `script` was parsed from: the worker parses it again. */
  source: string;
  timeouts?: RunnerTimeouts;
  inspect?: boolean;
}

export class RemoteRunner implements Runner {
  readonly runId: string;
  readonly result: Promise<RunResult>;
  private control: Control = initialControl;
  private finished = false;
  private readonly listeners = new Set<(e: RunEvent) => void>();
  private resolveResult!: (r: RunResult) => void;
  private lastAt = 0;
  private stepsTotal: number;
  private stepsPassed = 0;
  /** The step running, or (between steps) the one to run next: where a run ended by a crash fails. */
  private current = 0;
  private started = false;

  constructor(
    private readonly channel: RunChannel,
    private readonly opts: RemoteRunOptions,
  ) {
    this.runId = opts.runId;
    this.stepsTotal = opts.script.steps.length;
    this.result = new Promise<RunResult>((resolve) => (this.resolveResult = resolve));
    const timeouts: RunnerTimeouts = {};
    for (const [k, v] of Object.entries(opts.timeouts ?? {}))
      if (typeof v === 'number') timeouts[k as keyof RunnerTimeouts] = v;
    channel.post({
      type: 'open',
      runId: this.runId,
      source: opts.source,
      timeouts,
      inspect: opts.inspect !== false,
    });
  }

  get status(): ControlState {
    return this.control.state;
  }

  on(listener: (e: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private send(intent: Intent): void {
    this.control = transition(this.control, intent).control;
    if (!this.finished) this.channel.post({ type: 'intent', runId: this.runId, intent });
  }

  private ask(intent: Intent): Promise<void> {
    this.control = transition(this.control, intent).control;
    if (this.finished) return Promise.resolve();
    const urgent = intent.type === 'stop';
    return this.channel
      .request((id) => ({ type: 'intent', runId: this.runId, intent, id }), urgent)
      .then(() => {});
  }

  start(): Promise<RunResult> {
    this.send({ type: 'run' });
    return this.result;
  }

  resume(): void {
    if (this.control.state === 'paused') this.send({ type: 'run' });
  }

  pause(): void {
    this.send({ type: 'pause' });
  }

  step(): Promise<void> {
    return this.ask({ type: 'step' });
  }

  runTo(line: number): void {
    this.send({ type: 'run-to', line });
  }

  async stop(): Promise<void> {
    await this.ask({ type: 'stop' });
    await this.result;
  }

  async sendAdHoc(client: string, stanza: Element): Promise<void> {
    if (this.finished) throw new Error('stanzas can be sent only while the run is paused between steps');
    const xml = stanza.toString();
    const error = await this.channel.request((id) => ({ type: 'adhoc', runId: this.runId, id, client, xml }));
    if (error !== undefined) throw new Error(error);
  }

  /** A batch of the worker runner's events, and its control state after them. */
  receive(events: RunEvent[], status: ControlState): void {
    if (this.finished) return;
    for (const e of events) {
      this.lastAt = e.at;
      if (e.type === 'run-started') this.started = true;
      else if (e.type === 'step-started') this.current = e.step;
      else if (e.type === 'paused') this.current = e.nextStep;
      else if (e.type === 'step-passed') {
        this.stepsPassed++;
        this.current = e.step + 1;
      }
      this.emit(e);
      if (e.type === 'run-finished') {
        this.finish(e.result);
        return;
      }
    }
    // The page's own stop is not undone by a batch the worker sent before it read the stop.
    if (this.control.state !== 'stopping') this.control = { ...this.control, state: status };
  }

  /**
   * The run ends here without the worker (it could not open the run, crashed or stopped answering):
   * the step in progress (or the next one) fails with `message`, and the run finishes as 'error'.
   */
  abandon(message: string): void {
    if (this.finished) return;
    const step = Math.min(this.current, Math.max(0, this.stepsTotal - 1));
    const s = this.opts.script.steps[step];
    const failure: StepFailure = {
      step,
      line: s?.headerRange.line ?? 1,
      stepText: s ? stepText(s) : '(script)',
      message,
      mismatches: [],
    };
    const at = this.lastAt;
    if (this.started) this.emit({ type: 'step-failed', runId: this.runId, at, durationMs: 0, ...failure });
    const result: RunResult = {
      verdict: 'error',
      durationMs: 0,
      stepsPassed: this.stepsPassed,
      stepsTotal: this.stepsTotal,
      failure,
      variables: {},
    };
    this.emit({ type: 'run-finished', runId: this.runId, at, result });
    this.finish(result);
  }

  get isFinished(): boolean {
    return this.finished;
  }

  private finish(result: RunResult): void {
    this.finished = true;
    this.control = transition(this.control, { type: 'finished' }).control;
    this.resolveResult(result);
  }

  private emit(e: RunEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // a listener's bug must not break the run
      }
    }
  }
}
