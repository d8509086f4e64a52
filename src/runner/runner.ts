// The runner: executes a parsed Script over a Transport, step by step, and tells the world through typed
// events. It never knows whether the server is Prosody, the mock in a worker, or the mock in-process.
//
// Semantics (../../shared/design/scansion-language.md, "Running"):
// - Each client has a FIFO of the stanzas the server sent it (from the moment its session is online).
// - `receives:` takes the next stanza of that client and matches it against the expected one (variables
//   expanded); it waits up to `receiveMs` on a real server. On a transport with `settled()` (the mock)
//   it awaits settled() and fails at once if nothing is queued: no wall-clock wait.
// - `receives: nothing` passes when nothing is queued after `nothingMs` of quiet (or after settled()).
// - The first failing step fails the script; later steps are reported skipped.
// - Every client is disconnected at the end, whatever happened.
// - Bursts (scansion compatibility). The real scansion reads a client's socket only while a `receives:`
//   of that client waits, and pauses it after each match; the stanzas left in the chunk it was reading
//   are handed to that client's next step only if it is another `receives:` (or `receives: nothing`),
//   and are dropped otherwise. Prosody's MUC sends a status-104 message right after the result of a
//   room-configuration iq, in the same write; muc_password.scs, muc_nickname_change.scs,
//   muc_presence_probe.scs and issue978.scs do not expect it and pass with the real scansion, while
//   muc_password.scs does expect the same message where its `receives:` directly follows. We model a
//   chunk as a burst: when a `receives:` starts, the runner first lets in whatever the network already
//   holds (two event-loop turns; settled() on the mock), then the burst is everything queued for the
//   client, or, when nothing is, the first stanza to arrive plus whatever came with it (again after two
//   turns). After a match, the rest of the burst stays for the client's directly following receives;
//   before any other step it is dropped and reported as a `stanza-ignored` event. Stanzas arriving
//   later stay queued (FIFO). (muc_show_offline.scs needs the turns: Romeo's copy of a presence that
//   Prosody wrote in the same tick as Juliet's is still in Node's socket when Juliet's step matches.)
// - Ordering across connections: a `sends:` directly followed by a `sends:` or `disconnects` of another
//   client waits `orderingGapMs` (or settled() on the mock) first, so the server has processed the
//   first stanza before the second connection speaks (basic_message.scs sends a message to Juliet's
//   bare JID, then Juliet's presence, and expects the message to have gone to offline storage).
// Verdicts: `fail` when the server did not do what the script expects (mismatch, timeout, stanza where
// nothing was expected, connection closed by the server); `error` when the script could not be run as
// written (connection refused, authentication failed, unknown variable, undeclared or unconnected
// client, stopped by the user, an internal error).
import type { Element } from 'ltx';
import type { ClientDecl, Mismatch, Script, Step, XmlStep } from '../scansion/types';
import { expand, jidVariable, match, serialize } from '../scansion';
import type { RunEvent, RunResult, StepFailure, Verdict } from './events';
import { TransportError, type CloseReason, type Session, type Transport } from './transport';
import { realClock, type Clock } from './clock';

export interface RunnerTimeouts {
  /** How long `receives:` waits for a stanza on a real server. Default 5000 ms. */
  receiveMs?: number;
  /** The quiet period of `receives: nothing`. Default 500 ms. */
  nothingMs?: number;
  /** How long `connects` (and a disconnect) may take. Default 10000 ms. */
  connectMs?: number;
  /** Pause between a `sends:` and another client's `sends:`/`disconnects` (real servers). Default 25 ms (room for a loaded server). */
  orderingGapMs?: number;
}

export interface RunnerOptions {
  script: Script;
  transport: Transport;
  runId?: string;
  clock?: Clock;
  timeouts?: RunnerTimeouts;
}

export type RunnerStatus = 'idle' | 'running' | 'paused' | 'finished';

export interface Runner {
  readonly runId: string;
  readonly status: RunnerStatus;
  /** Subscribe to events; returns the unsubscribe function. */
  on(listener: (e: RunEvent) => void): () => void;
  /** Run to the end (pauses hold it; resume() continues). Resolves with the final result. */
  start(): Promise<RunResult>;
  /** Pause before the next step (the current one completes first). */
  pause(): void;
  /** Run exactly one step, then pause. Resolves once paused again (or finished). */
  step(): Promise<void>;
  /** Run until the step containing (or first after) `line`, then pause before it. */
  runTo(line: number): void;
  resume(): void;
  /** Abort the current step, skip the rest, disconnect everyone. Resolves once finished. */
  stop(): Promise<void>;
}

export const DEFAULT_TIMEOUTS: Required<RunnerTimeouts> = {
  receiveMs: 5000,
  nothingMs: 500,
  connectMs: 10000,
  orderingGapMs: 25,
};

interface ClientState {
  decl: ClientDecl;
  session?: Session;
  queue: Element[];
  /** How many stanzas at the head of `queue` belong to the burst of the last match (see "Bursts"). */
  burstLeft: number;
  everConnected?: boolean;
  /** Wakes whoever waits on this client (stanza arrived, session closed). */
  wake?: () => void;
  /** Why the session ended, when the server (not we) ended it. */
  lost?: CloseReason;
}

type Outcome =
  | { ok: true; expected?: string; received?: string }
  | {
      ok: false;
      verdict: Exclude<Verdict, 'pass'>;
      message: string;
      expected?: string;
      received?: string;
      mismatches?: Mismatch[];
    };

let runCounter = 0;
function newRunId(): string {
  runCounter += 1;
  return `run-${Date.now().toString(36)}-${runCounter}`;
}

function stepText(step: Step): string {
  switch (step.action) {
    case 'connects':
      return `${step.client} connects`;
    case 'disconnects':
      return `${step.client} disconnects`;
    case 'receives-nothing':
      return `${step.client} receives: nothing`;
    default:
      return `${step.client} ${step.action}:`;
  }
}

function bareJid(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
}

function closeReasonText(reason: CloseReason): string {
  switch (reason.kind) {
    case 'stream-error':
      return `stream error <${reason.condition}/>${reason.text ? ` (${reason.text})` : ''}`;
    case 'dropped':
      return reason.message;
    default:
      return 'closed';
  }
}

function pretty(el: Element): string {
  return serialize(el, { pretty: true });
}

/**
 * A cancellation signal for the clock's `sleep`, much cheaper than an AbortController: the runner guards
 * every settled() on the mock with a timer, thousands per second, and Node's AbortController/EventTarget
 * (plus the DOMException each abort() creates) was the largest cost of a mock step. Clocks use only
 * `aborted` and add/removeEventListener('abort') of the signal they are given (see clock.ts).
 */
class LightSignal {
  aborted = false;
  private listeners: Array<() => void> | undefined;
  addEventListener(_type: 'abort', l: () => void): void {
    (this.listeners ??= []).push(l);
  }
  removeEventListener(_type: 'abort', l: () => void): void {
    const ls = this.listeners;
    if (!ls) return;
    const i = ls.indexOf(l);
    if (i !== -1) ls.splice(i, 1);
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const ls = this.listeners;
    this.listeners = undefined;
    if (ls) for (const l of ls) l();
  }
  /** Typed for Clock.sleep, whose contract it satisfies. */
  get signal(): AbortSignal {
    return this as unknown as AbortSignal;
  }
}

/** The source line where `${name}` first appears in a step's XML block (for located messages). */
function variableLine(step: XmlStep, name: string): number {
  const lines = step.xml.split('\n');
  const idx = lines.findIndex((l) => l.includes('${' + name + '}'));
  return idx === -1 ? step.xmlRange.line : step.xmlRange.line + idx;
}

class RunnerImpl implements Runner {
  readonly runId: string;
  status: RunnerStatus = 'idle';
  private readonly script: Script;
  private readonly transport: Transport;
  private readonly clock: Clock;
  private readonly timeouts: Required<RunnerTimeouts>;
  private readonly listeners = new Set<(e: RunEvent) => void>();
  private readonly clients = new Map<string, ClientState>();
  private readonly vars: Record<string, string> = {};
  private readonly captures = new Map<string, string>();
  private readonly abort = new LightSignal();
  private done: Promise<RunResult> | undefined;
  private stopped = false;
  private pauseRequested = false;
  private pauseAfterNext = false;
  private runToLine: number | undefined;
  private wakeFromPause: (() => void) | undefined;
  private pauseWaiters: Array<() => void> = [];
  /** Time spent paused: not part of the run's duration. */
  private pausedMs = 0;
  private nothingWaitMs = 0;

  constructor(opts: RunnerOptions) {
    this.script = opts.script;
    this.transport = opts.transport;
    this.clock = opts.clock ?? realClock;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...stripUndefined(opts.timeouts ?? {}) };
    this.runId = opts.runId ?? newRunId();
    for (const decl of this.script.clients) {
      this.clients.set(decl.name, { decl, queue: [], burstLeft: 0 });
      // A client's bare JID is known from its declaration, before it connects: the corpus uses
      // `${Juliet's JID}` in stanzas sent before Juliet connects (muc_register.scs, issue1224.scs).
      if (decl.jid) this.vars[jidVariable(decl.name, 'JID')] = bareJid(decl.jid);
    }
  }

  on(listener: (e: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): Promise<RunResult> {
    if (this.status === 'paused') this.resume();
    return this.begin();
  }

  pause(): void {
    if (this.status === 'running' || this.status === 'idle') this.pauseRequested = true;
  }

  step(): Promise<void> {
    if (this.status === 'finished') return Promise.resolve();
    const paused = new Promise<void>((resolve) => this.pauseWaiters.push(resolve));
    this.pauseAfterNext = true;
    if (this.status === 'idle') void this.begin();
    else if (this.status === 'paused') this.wake();
    return paused;
  }

  runTo(line: number): void {
    if (this.status === 'finished') return;
    this.runToLine = line;
    if (this.status === 'idle') void this.begin();
    else if (this.status === 'paused') this.wake();
  }

  resume(): void {
    if (this.status !== 'paused') return;
    this.runToLine = undefined;
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.status === 'finished') return;
    this.stopped = true;
    this.abort.abort();
    if (this.status === 'idle') {
      this.status = 'finished';
      this.releasePauseWaiters();
      return;
    }
    this.wake();
    await this.done;
  }

  // ---- internals ----

  private emit(e: RunEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's bug must not break the run.
      }
    }
  }

  private at(): number {
    return this.clock.now();
  }

  /** Whether anyone listens: events that cost work (XML text) are only built for a listener. */
  private get observed(): boolean {
    return this.listeners.size > 0;
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

  private begin(): Promise<RunResult> {
    if (!this.done) {
      this.status = 'running';
      this.done = this.run().catch((err) => this.internalErrorResult(err));
    }
    return this.done;
  }

  /** Last-resort result if the loop itself threw (it should not): still a verdict, never a rejection. */
  private internalErrorResult(err: unknown): RunResult {
    const result: RunResult = {
      verdict: 'error',
      durationMs: 0,
      stepsPassed: 0,
      stepsTotal: this.script.steps.length,
      failure: {
        step: 0,
        line: this.script.steps[0]?.headerRange.line ?? 1,
        stepText: 'run',
        message: `internal error in the runner: ${err instanceof Error ? err.message : String(err)}`,
        mismatches: [],
      },
      variables: { ...this.vars },
    };
    this.status = 'finished';
    this.releasePauseWaiters();
    this.emit({ type: 'run-finished', runId: this.runId, at: this.at(), result });
    return result;
  }

  /** Before step i: honour pause / step / runTo. */
  private async gate(i: number): Promise<void> {
    const step = this.script.steps[i];
    for (;;) {
      if (this.stopped) return;
      if (this.runToLine !== undefined && step.range.endLine >= this.runToLine) {
        this.runToLine = undefined;
        this.pauseRequested = true;
      }
      if (!this.pauseRequested) return;
      this.pauseRequested = false;
      this.status = 'paused';
      this.emit({ type: 'paused', runId: this.runId, at: this.at(), nextStep: i });
      this.releasePauseWaiters();
      const pausedAt = this.at();
      await new Promise<void>((resolve) => (this.wakeFromPause = resolve));
      this.pausedMs += this.at() - pausedAt;
      if (this.stopped) return;
      this.status = 'running';
      this.emit({ type: 'resumed', runId: this.runId, at: this.at() });
    }
  }

  private async run(): Promise<RunResult> {
    const started = this.at();
    const steps = this.script.steps;
    this.emit({
      type: 'run-started',
      runId: this.runId,
      at: started,
      target: this.transport.label,
      steps: steps.length,
    });
    let failure: StepFailure | undefined;
    let verdict: Verdict = 'pass';
    let passed = 0;
    let i = 0;
    for (; i < steps.length; i++) {
      await this.gate(i);
      const step = steps[i];
      if (this.stopped) {
        verdict = 'error';
        failure = this.failureOf(step, { message: `run stopped before ${stepText(step)}` });
        this.emit({ type: 'step-failed', runId: this.runId, at: this.at(), durationMs: 0, ...failure });
        break;
      }
      this.dropBursts(step);
      if (i > 0) await this.orderingGap(steps[i - 1], step);
      const t0 = this.at();
      this.emit({ type: 'step-started', runId: this.runId, at: t0, step: i });
      let outcome: Outcome;
      try {
        outcome = await this.execute(step);
      } catch (err) {
        outcome = {
          ok: false,
          verdict: 'error',
          message: `internal error: ${err instanceof Error ? err.message : String(err)}`,
        };
      }
      if (this.stopped && outcome.ok === false) {
        outcome = { ...outcome, verdict: 'error', message: `run stopped during ${stepText(step)}` };
      }
      const durationMs = this.at() - t0;
      if (outcome.ok) {
        passed++;
        this.emit({
          type: 'step-passed',
          runId: this.runId,
          at: this.at(),
          step: i,
          durationMs,
          expected: outcome.expected,
          received: outcome.received,
        });
        if (this.pauseAfterNext) {
          this.pauseAfterNext = false;
          this.pauseRequested = true;
        }
        continue;
      }
      verdict = outcome.verdict;
      failure = this.failureOf(step, outcome);
      this.emit({ type: 'step-failed', runId: this.runId, at: this.at(), durationMs, ...failure });
      break;
    }
    for (let j = i + 1; j < steps.length; j++) {
      this.emit({ type: 'step-skipped', runId: this.runId, at: this.at(), step: j });
    }
    await this.disconnectAll();
    const result: RunResult = {
      verdict,
      durationMs: this.at() - started - this.pausedMs,
      stepsPassed: passed,
      stepsTotal: steps.length,
      ...(failure ? { failure } : {}),
      variables: { ...this.vars },
      nothingWaitMs: this.nothingWaitMs,
    };
    this.status = 'finished';
    this.emit({ type: 'run-finished', runId: this.runId, at: this.at(), result });
    this.releasePauseWaiters();
    return result;
  }

  /** Before `step`: a burst left over is dropped unless `step` receives for that client. */
  private dropBursts(step: Step): void {
    for (const client of this.clients.values()) {
      if (client.burstLeft === 0) continue;
      const receivesHere =
        step.client === client.decl.name &&
        (step.action === 'receives' || step.action === 'receives-nothing');
      if (receivesHere) continue;
      const dropped = client.queue.splice(0, client.burstLeft);
      client.burstLeft = 0;
      for (const q of dropped) {
        this.emit({
          type: 'stanza-ignored',
          runId: this.runId,
          at: this.at(),
          client: client.decl.name,
          xml: serialize(q),
          reason: `arrived together with the stanza ${client.decl.name} last received, and the next step is not a receive of ${client.decl.name}`,
        });
      }
    }
  }

  /** Let the server process one client's stanza before another client speaks (see header). */
  private async orderingGap(prev: Step, step: Step): Promise<void> {
    if (prev.action !== 'sends' || prev.client === step.client) return;
    if (step.action !== 'sends' && step.action !== 'disconnects') return;
    if (this.transport.settled) {
      await this.withGuard(this.transport.settled(), this.timeouts.receiveMs);
    } else if (this.timeouts.orderingGapMs > 0) {
      await this.clock.sleep(this.timeouts.orderingGapMs, this.abort.signal);
    }
  }

  private failureOf(
    step: Step,
    o: { message: string; expected?: string; received?: string; mismatches?: Mismatch[] },
  ): StepFailure {
    return {
      step: step.index,
      line: step.headerRange.line,
      stepText: stepText(step),
      message: o.message,
      ...(o.expected !== undefined ? { expected: o.expected } : {}),
      ...(o.received !== undefined ? { received: o.received } : {}),
      mismatches: o.mismatches ?? [],
    };
  }

  private async execute(step: Step): Promise<Outcome> {
    const client = this.clients.get(step.client);
    if (!client) {
      return {
        ok: false,
        verdict: 'error',
        message: `line ${step.headerRange.line}: no client named "${step.client}" is declared`,
      };
    }
    switch (step.action) {
      case 'connects':
        return this.connect(client);
      case 'disconnects':
        return this.disconnect(client);
      case 'sends':
        return this.send(client, step);
      case 'receives':
        return this.receive(client, step);
      case 'receives-nothing':
        return this.receiveNothing(client);
    }
  }

  /** A step on a client that needs an open session: the reason it has none, as an Outcome. */
  private notOnline(client: ClientState): Outcome | undefined {
    const name = client.decl.name;
    if (client.lost) {
      return {
        ok: false,
        verdict: 'fail',
        message: `the server closed ${name}'s connection earlier: ${closeReasonText(client.lost)}`,
      };
    }
    if (!client.session) {
      return {
        ok: false,
        verdict: 'error',
        message: `${name} is not connected (a "${name} connects" step must come first)`,
      };
    }
    return undefined;
  }

  private async connect(client: ClientState): Promise<Outcome> {
    const { decl } = client;
    const name = decl.name;
    if (client.session) {
      return { ok: false, verdict: 'error', message: `${name} is already connected` };
    }
    if (!decl.jid) {
      return {
        ok: false,
        verdict: 'error',
        message: `${name} has no "jid:" in its [${decl.className}] block (line ${decl.range.line})`,
      };
    }
    client.lost = undefined;
    client.queue = [];
    client.burstLeft = 0;
    this.emit({ type: 'connection', runId: this.runId, at: this.at(), client: name, state: 'connecting' });
    const attempt = this.transport.connect({
      jid: decl.jid,
      password: decl.password ?? '',
      ...(decl.resource !== undefined ? { resource: decl.resource } : {}),
      ...(decl.connectHost !== undefined ? { connectHost: decl.connectHost } : {}),
      ...(decl.connectPort !== undefined ? { connectPort: decl.connectPort } : {}),
      clientName: name,
    });
    let session: Session;
    try {
      session = await this.withTimeout(
        attempt,
        this.timeouts.connectMs,
        () => new TransportError('timeout', `no session after ${this.timeouts.connectMs} ms`),
      );
    } catch (err) {
      // A session that opens after we gave up must not linger.
      attempt.then((s) => s.close()).catch(() => undefined);
      const message = err instanceof Error ? err.message : String(err);
      this.emit({
        type: 'connection',
        runId: this.runId,
        at: this.at(),
        client: name,
        state: 'error',
        message,
      });
      return { ok: false, verdict: 'error', message: `${name} could not connect: ${message}` };
    }
    client.session = session;
    client.everConnected = true;
    session.onStanza((stanza) => {
      if (client.session !== session) return;
      client.queue.push(stanza);
      if (this.observed) {
        this.emit({
          type: 'stanza',
          runId: this.runId,
          at: this.at(),
          client: name,
          direction: 'in',
          xml: serialize(stanza),
        });
      }
      client.wake?.();
    });
    session.onClose((reason) => {
      if (client.session !== session) return;
      client.session = undefined;
      if (reason.kind !== 'requested') {
        client.lost = reason;
        this.emit({
          type: 'connection',
          runId: this.runId,
          at: this.at(),
          client: name,
          state: 'closed',
          message: `closed by the server: ${closeReasonText(reason)}`,
        });
      }
      client.wake?.();
    });
    this.vars[jidVariable(name, 'JID')] = bareJid(session.jid);
    this.vars[jidVariable(name, 'full JID')] = session.jid;
    this.emit({
      type: 'connection',
      runId: this.runId,
      at: this.at(),
      client: name,
      state: 'online',
      jid: session.jid,
    });
    this.emitVariables();
    return { ok: true };
  }

  private emitVariables(): void {
    this.emit({ type: 'variables', runId: this.runId, at: this.at(), variables: { ...this.vars } });
  }

  private async disconnect(client: ClientState): Promise<Outcome> {
    // Disconnecting a client that is already gone is a no-op: presence_preapproval.scs says
    // "Bob disconnects" twice and passes with the real scansion.
    if (!client.session && (client.lost || client.everConnected)) return { ok: true };
    const problem = this.notOnline(client);
    if (problem) return problem;
    await this.closeSession(client);
    return { ok: true };
  }

  private async closeSession(client: ClientState): Promise<void> {
    const session = client.session;
    if (!session) return;
    const name = client.decl.name;
    this.emit({ type: 'connection', runId: this.runId, at: this.at(), client: name, state: 'closing' });
    client.session = undefined;
    client.queue = [];
    client.burstLeft = 0;
    // close() never rejects by contract; the guard makes a hung transport unable to hang the run.
    await this.withGuard(session.close(), this.timeouts.connectMs, false);
    this.emit({ type: 'connection', runId: this.runId, at: this.at(), client: name, state: 'closed' });
  }

  private async disconnectAll(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => this.closeSession(c)));
  }

  /** Expand a step's stanza; unknown variables become a located error. */
  private expandOrError(step: XmlStep, el: Element): { element: Element } | Outcome {
    const { element, unknown } = expand(el, this.vars);
    if (unknown.length === 0) return { element };
    const name = unknown[0];
    const jidVar = /^(.*)'s (full )?JID$/.exec(name);
    const hint =
      jidVar && this.clients.has(jidVar[1])
        ? ` (${jidVar[1]} has not connected yet)`
        : jidVar
          ? ` (no client named "${jidVar[1]}" is declared)`
          : '';
    return {
      ok: false,
      verdict: 'error',
      message: `line ${variableLine(step, name)}: unknown variable \${${name}}${hint}`,
    };
  }

  private async send(client: ClientState, step: XmlStep): Promise<Outcome> {
    const problem = this.notOnline(client);
    if (problem) return problem;
    const expanded: Element[] = [];
    for (const el of step.stanzas) {
      const r = this.expandOrError(step, el);
      if (!('element' in r)) return r;
      expanded.push(r.element);
    }
    for (const element of expanded) {
      const session = client.session;
      if (!session) return this.notOnline(client) as Outcome;
      // Emitted before the send resolves: a fast server's answer must not appear to precede it.
      if (this.observed) {
        this.emit({
          type: 'stanza',
          runId: this.runId,
          at: this.at(),
          client: client.decl.name,
          direction: 'out',
          xml: serialize(element),
        });
      }
      try {
        await session.send(element);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return {
          ok: false,
          verdict: client.lost || err instanceof TransportError ? 'fail' : 'error',
          message: `${client.decl.name} could not send: ${message}`,
          expected: pretty(element),
        };
      }
    }
    // The texts only feed the step-passed event.
    return { ok: true, expected: this.observed ? expanded.map(pretty).join('\n') : undefined };
  }

  /** Wait for the next stanza of `client`: the stanza, or why none came. Tracks bursts. */
  private async nextStanza(
    client: ClientState,
  ): Promise<Element | { none: 'timeout' | 'closed' | 'stopped' | 'settled' }> {
    if (client.burstLeft > 0) {
      client.burstLeft--;
      return client.queue.shift() as Element;
    }
    // A new burst: first let in what the network already holds.
    await this.letIn();
    if (client.queue.length === 0) {
      if (this.transport.settled) {
        if (this.stopped) return { none: 'stopped' };
        return { none: client.session ? 'settled' : 'closed' };
      }
      const deadline = this.at() + this.timeouts.receiveMs;
      while (client.queue.length === 0) {
        if (this.stopped) return { none: 'stopped' };
        if (!client.session) return { none: 'closed' };
        const left = deadline - this.at();
        if (left <= 0) return { none: 'timeout' };
        await this.waitForActivity(client, left);
      }
      // What arrived together with the first stanza belongs to its burst.
      await this.letIn();
    }
    const first = client.queue.shift() as Element;
    client.burstLeft = client.queue.length;
    return first;
  }

  /**
   * Let in what is already on its way: settled() on the mock; on a real server two event-loop turns
   * (setImmediate in Node, a zero timeout elsewhere), so data already in the sockets is delivered.
   */
  private async letIn(): Promise<void> {
    if (this.transport.settled) {
      await this.withGuard(this.transport.settled(), this.timeouts.receiveMs);
      return;
    }
    for (let i = 0; i < 2; i++) await macrotask();
  }

  /** Sleep up to `ms`, waking early when the client gets a stanza or loses its session, or on stop. */
  private async waitForActivity(client: ClientState, ms: number): Promise<void> {
    const ac = new LightSignal();
    const onAbort = () => ac.abort();
    this.abort.addEventListener('abort', onAbort);
    client.wake = onAbort;
    try {
      await this.clock.sleep(ms, ac.signal);
    } finally {
      client.wake = undefined;
      this.abort.removeEventListener('abort', onAbort);
    }
  }

  private async receive(client: ClientState, step: XmlStep): Promise<Outcome> {
    const name = client.decl.name;
    if (!client.session && !client.lost) return this.notOnline(client) as Outcome;
    const expectedAll: string[] = [];
    const receivedAll: string[] = [];
    for (const el of step.stanzas) {
      const r = this.expandOrError(step, el);
      if (!('element' in r)) return r;
      const expected = r.element;
      const got = await this.nextStanza(client);
      if (!('name' in got)) {
        const why =
          got.none === 'closed'
            ? `the server closed ${name}'s connection before a stanza arrived` +
              (client.lost ? `: ${closeReasonText(client.lost)}` : '')
            : got.none === 'timeout'
              ? `nothing arrived for ${name} within ${this.timeouts.receiveMs} ms`
              : got.none === 'settled'
                ? `nothing arrived for ${name}: the server has nothing more to send`
                : 'run stopped';
        return { ok: false, verdict: 'fail', message: why, expected: pretty(expected) };
      }
      const m = match(expected, got, this.captures);
      if (!m.ok) {
        const first = m.mismatches[0];
        const more = m.mismatches.length > 1 ? ` (and ${m.mismatches.length - 1} more)` : '';
        return {
          ok: false,
          verdict: 'fail',
          message: `the stanza ${name} received does not match: ${first?.message ?? 'mismatch'}${more}`,
          expected: pretty(expected),
          received: pretty(got),
          mismatches: m.mismatches,
        };
      }
      // The texts only feed the step-passed event.
      if (this.observed) {
        expectedAll.push(pretty(expected));
        receivedAll.push(pretty(got));
      }
    }
    this.syncCaptures();
    if (!this.observed) return { ok: true };
    return { ok: true, expected: expectedAll.join('\n'), received: receivedAll.join('\n') };
  }

  /** Captured values become variables too (visible in events and results). */
  private syncCaptures(): void {
    let changed = false;
    for (const [k, v] of this.captures) {
      if (this.vars[k] !== v) {
        this.vars[k] = v;
        changed = true;
      }
    }
    if (changed) this.emitVariables();
  }

  private async receiveNothing(client: ClientState): Promise<Outcome> {
    const name = client.decl.name;
    if (!client.session && !client.lost) return this.notOnline(client) as Outcome;
    if (client.queue.length === 0) {
      if (this.transport.settled) {
        await this.withGuard(this.transport.settled(), this.timeouts.receiveMs);
      } else if (client.session) {
        const t0 = this.at();
        const deadline = t0 + this.timeouts.nothingMs;
        while (client.queue.length === 0 && client.session && !this.stopped) {
          const left = deadline - this.at();
          if (left <= 0) break;
          await this.waitForActivity(client, left);
        }
        this.nothingWaitMs += this.at() - t0;
      }
    }
    if (this.stopped) return { ok: false, verdict: 'error', message: 'run stopped' };
    const first = client.queue.shift();
    client.burstLeft = 0;
    if (first) {
      return {
        ok: false,
        verdict: 'fail',
        message: `${name} expected nothing, but received a stanza`,
        received: pretty(first),
      };
    }
    return { ok: true };
  }

  /**
   * Await `p` up to `ms` (clock time), and (unless `stoppable` is false) no longer than the run's
   * stop; never rejects, resolves either way, leaves no timer behind.
   */
  private async withGuard(p: Promise<unknown>, ms: number, stoppable = true): Promise<void> {
    const ac = new LightSignal();
    const onAbort = () => ac.abort();
    if (stoppable) this.abort.addEventListener('abort', onAbort);
    try {
      await Promise.race([p.catch(() => undefined), this.clock.sleep(ms, ac.signal)]);
    } finally {
      ac.abort();
      if (stoppable) this.abort.removeEventListener('abort', onAbort);
    }
  }

  /** Await `p` up to `ms`; rejects with `onTimeout()` (or a stop) if it takes longer. */
  private async withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
    const ac = new LightSignal();
    const onAbort = () => ac.abort();
    this.abort.addEventListener('abort', onAbort);
    try {
      const timedOut = Symbol('timeout');
      const r = await Promise.race([p, this.clock.sleep(ms, ac.signal).then(() => timedOut)]);
      if (r === timedOut) throw this.stopped ? new Error('run stopped') : onTimeout();
      return r as T;
    } finally {
      ac.abort();
      this.abort.removeEventListener('abort', onAbort);
    }
  }
}

const macrotask: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise<void>((resolve) => setImmediate(resolve))
    : () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export function createRunner(opts: RunnerOptions): Runner {
  return new RunnerImpl(opts);
}
