// Run controller: the one place the page starts, steps, pauses and stops runs. It picks the transport,
// creates the runner, forwards the user's intents to it, feeds its events into the store (batched: at
// most ten times a second while running) and drops events of any run but the current one (by runId),
// so a stopped run can never write into a newer one. The runner's control state machine is the only
// one: the controller asks the runner what it is doing, and the store mirrors it through its events.
// On the mock the runner runs in a run worker beside the mock (src/worker/) and the controller holds
// its page-side twin, with the same surface (runners.ts).
import { frameScheduler, RUN_UPDATE_INTERVAL_MS, type BatchScheduler } from './eventBatcher';
import type { Element } from 'ltx';
import { createRunId } from '../runner';
import type { RunEvent, RunResult, Runner } from '../runner';
import { buildJsonReport as defaultBuildReport } from '../runner/report';
import type { Transport } from '../runner/transport';
import type { AppStore, JsonReportLike } from '../store';
import { runTransportFactory, targetLabel, type TransportFactory } from './transports';
import { createPageRunner, type PageCreateRunner } from './runners';

export interface RunControllerDeps {
  store: AppStore;
  makeTransport?: TransportFactory;
  createRunner?: PageCreateRunner;
  buildReport?: (entries: { file: string; result: RunResult }[]) => JsonReportLike;
  /** Called before a run so `parsed` matches the text (the parsing service's flush). */
  flushParse?: () => void;
  /** Schedules a batched store update; defaults to ~one frame. */
  schedule?: BatchScheduler;
  timeouts?: { receiveMs?: number; nothingMs?: number; connectMs?: number };
}

export interface RunController {
  /** Run to the end (or resume a paused run); resolves with the JSON report, or null if it could not run. */
  run(): Promise<JsonReportLike | null>;
  /** Run exactly one step (starting a paused run first if none is active). */
  step(): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
  /** Stop and clear the results. */
  reset(): Promise<void>;
  /** Run until the step at or after the editor's cursor line, then pause. */
  runToCursor(): Promise<void>;
  runToLine(line: number): Promise<void>;
  /** Sends a stanza as one of the paused run's clients (the live console's ad-hoc stanza). */
  sendAdHoc(client: string, stanza: Element): Promise<void>;
  /** Every event of the current run, as it comes (the live console and the room inspector listen). */
  onEvent(listener: (e: RunEvent) => void): () => void;
  dispose(): Promise<void>;
}

interface Active {
  runId: string;
  runner: Runner;
  transport: Transport;
  done: Promise<JsonReportLike | null>;
  off: () => void;
  /** stop() was asked: the run ends as "stopped", not with the runner's error verdict. */
  stopping: boolean;
  /** Resolves when the first `step` intent has paused again (or the run finished). */
  firstStep: Promise<void>;
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

export function createRunController(deps: RunControllerDeps): RunController {
  const { store } = deps;
  const makeTransport = deps.makeTransport ?? runTransportFactory;
  const createRunner = deps.createRunner ?? createPageRunner;
  const buildReport = deps.buildReport ?? defaultBuildReport;
  // Events are applied to the store in batches: one per frame at most, ten a second while running, and
  // further apart when an update costs the page more than a third of the time.
  const schedule = deps.schedule ?? frameScheduler(globalThis, RUN_UPDATE_INTERVAL_MS, undefined, 2);

  let active: Active | null = null;
  /** A run being set up (transport loading): its id, so a newer request supersedes it. */
  let pendingRunId: string | null = null;
  let buffer: RunEvent[] = [];
  let flushScheduled = false;
  const listeners = new Set<(e: RunEvent) => void>();

  const flush = () => {
    flushScheduled = false;
    if (buffer.length === 0) return;
    const events = buffer;
    buffer = [];
    store.getState().applyEvents(events);
  };

  const onEvent = (runId: string) => (e: RunEvent) => {
    if (e.runId !== runId || store.getState().runId !== runId) return; // stale run
    for (const l of listeners) l(e);
    buffer.push(e);
    if (e.type === 'run-finished' || e.type === 'paused' || e.type === 'step-failed') {
      flush();
    } else if (!flushScheduled) {
      flushScheduled = true;
      schedule(flush);
    }
  };

  const isCurrent = (runId: string) => store.getState().runId === runId;

  async function stopActive(): Promise<void> {
    pendingRunId = null;
    const a = active;
    if (!a) return;
    active = null;
    a.stopping = true;
    a.off();
    try {
      await a.runner.stop();
    } catch {
      // stopping never fails the page
    }
    await a.done.catch(() => null);
  }

  type Mode = { kind: 'run' } | { kind: 'step' } | { kind: 'runTo'; line: number };

  async function begin(mode: Mode): Promise<Active | null> {
    await stopActive();
    deps.flushParse?.();
    const s = store.getState();
    const errors = s.parsed.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      const d = errors[0];
      s.notify('error', `Cannot run: line ${d.line}: ${d.message}`);
      return null;
    }
    if (s.parsed.script.steps.length === 0) {
      s.notify('error', 'Cannot run: the script has no steps.');
      return null;
    }
    const script = s.parsed.script;
    const source = s.parsedText;
    const fileName = s.fileName;
    const runId = createRunId(Date.now());
    const label = targetLabel(s.target);
    pendingRunId = runId;
    // The run shows at once, whatever the transport still has to load: a click never leaves the last
    // run's verdict on screen. The page renders that state in a later task, while the runner (in a
    // worker on the mock) is already at work.
    s.beginRun({ runId, script, target: label });
    schedule.mark?.();
    if (s.target.kind === 'ws') s.addRecentUrl(s.target.url);

    let transport: Transport;
    try {
      transport = await makeTransport(s.target);
    } catch (err) {
      if (pendingRunId !== runId) return null;
      pendingRunId = null;
      if (isCurrent(runId))
        store.getState().setRunError(runId, `Could not open the transport: ${messageOf(err)}`);
      return null;
    }
    if (pendingRunId !== runId || !isCurrent(runId)) {
      void transport.dispose?.();
      return null;
    }
    pendingRunId = null;

    let runner: Runner;
    try {
      runner = createRunner({ script, source, transport, runId, timeouts: deps.timeouts });
    } catch (err) {
      void Promise.resolve(transport.dispose?.()).catch(() => undefined);
      if (isCurrent(runId)) store.getState().setRunError(runId, `Could not start the run: ${messageOf(err)}`);
      return null;
    }
    const off = runner.on(onEvent(runId));
    // The first intent starts the runner: run to the end, one step, or to a line.
    let firstStep: Promise<void> = Promise.resolve();
    if (mode.kind === 'run') void runner.start();
    else if (mode.kind === 'step') firstStep = runner.step();
    else runner.runTo(mode.line);
    const started = runner.result;

    const a: Active = {
      runId,
      runner,
      transport,
      done: Promise.resolve(null),
      off,
      stopping: false,
      firstStep,
    };
    active = a;
    const done = started
      .then(
        (result) => {
          flush();
          if (!isCurrent(runId) || a.stopping) return null;
          const st = store.getState();
          if (st.result === null) {
            // The runner always emits run-finished; apply the result in case it did not reach us.
            st.applyEvent({ type: 'run-finished', runId, at: Date.now(), result });
          }
          let report: JsonReportLike | null = null;
          try {
            report = buildReport([{ file: fileName, result }]);
          } catch (err) {
            st.notify('error', `Could not build the report: ${messageOf(err)}`);
          }
          store.getState().setJsonReport(runId, report);
          return report;
        },
        (err) => {
          flush();
          if (isCurrent(runId))
            store.getState().setRunError(runId, `The run stopped with an error: ${messageOf(err)}`);
          return null;
        },
      )
      .finally(() => {
        off();
        if (active?.runId === runId) active = null;
        void Promise.resolve(transport.dispose?.()).catch(() => undefined);
      });

    a.done = done;
    return a;
  }

  /** The active run while its runner is running or paused (the runner's state, not the store's). */
  const live = (): Active | null => {
    const st = active?.runner.status;
    return st === 'running' || st === 'paused' ? active : null;
  };
  const runningOrPaused = () => live() !== null;

  return {
    async run() {
      const a = live();
      if (a) {
        void a.runner.start();
        return a.done;
      }
      const b = await begin({ kind: 'run' });
      return b ? b.done : null;
    },
    async step() {
      const a = live();
      if (a) {
        // Paused: one step. Running: the step in progress is the one; pause after it.
        await a.runner.step();
        return;
      }
      const b = await begin({ kind: 'step' });
      if (b) await b.firstStep;
    },
    pause() {
      live()?.runner.pause();
    },
    resume() {
      live()?.runner.resume();
    },
    async stop() {
      const runId = active?.runId ?? pendingRunId;
      const wasActive = runningOrPaused() || pendingRunId !== null;
      await stopActive();
      flush();
      if (runId && wasActive && isCurrent(runId)) store.getState().markStopped(runId);
    },
    async reset() {
      await stopActive();
      buffer = [];
      store.getState().resetRun();
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async runToCursor() {
      await this.runToLine(store.getState().cursorLine);
    },
    async runToLine(line: number) {
      const a = live();
      if (a) {
        // From paused this continues to the line and pauses there (the target is kept).
        a.runner.runTo(line);
        return;
      }
      await begin({ kind: 'runTo', line });
    },
    async sendAdHoc(client: string, stanza: Element) {
      const a = live();
      if (!a) throw new Error('no run is active: start a run and pause it to send stanzas');
      await a.runner.sendAdHoc(client, stanza);
    },
    async dispose() {
      await stopActive();
    },
  };
}
