// The run worker's logic, apart from the Worker global so Node tests drive it directly: validates each
// page message (protocol.ts), runs each script with the runner over the in-process mock (a fresh server
// per run), and posts the runner's events back in batches: at most one message per `flushMs` while a run
// goes, always at once on paused, step-failed and run-finished, and before any answer to a request,
// so the page sees events and answers in the order they happened.
import { parse as parseXml } from 'ltx';
import { createRunner, type RunEvent, type Runner, type Transport } from '../runner';
import { createInProcessTransport } from '../mock';
import { parse } from '../scansion';
import { parseRunPageMessage, type RunPageMessage, type RunWorkerMessage } from './protocol';
import { slicedTransport } from './slicedTransport';

export interface RunWorkerHandlerOptions {
  /** A fresh mock server's transport for each run (default: the in-process mock). */
  makeTransport?: () => Transport;
  now?: () => number;
  /** One macrotask turn (default: a zero timeout). */
  turn?: () => Promise<void>;
  /** Work between two turns of the worker's event loop (ms). Default 8. */
  sliceMs?: number;
  /** Longest wait of an event before it is posted (ms). Default 16. */
  flushMs?: number;
}

export interface RunWorkerHandler {
  /** Handle one message from the page (anything: it is validated here). */
  handle(data: unknown): void;
  /** Runs not finished yet (tests). */
  readonly openRuns: number;
}

interface Run {
  runner: Runner;
  transport: Transport;
  buffer: RunEvent[];
  firstAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The in-process mock, its snapshots taken without the JSON copy the page-side transport makes: a
 * snapshot is built fresh from the server's state (never live objects, INSPECT-2) and is copied anyway
 * when it crosses to the page. The copy was most of the cost of an observed run.
 */
function inProcessMock(): Transport {
  const t = createInProcessTransport();
  t.inspect = async () => {
    await t.server.settled();
    return t.server.inspect();
  };
  return t;
}

const URGENT = new Set<RunEvent['type']>(['paused', 'step-failed', 'run-finished']);
const messageOf = (e: unknown) => (e instanceof Error ? e.message || e.name : String(e));

export function createRunWorkerHandler(
  post: (m: RunWorkerMessage) => void,
  options: RunWorkerHandlerOptions = {},
): RunWorkerHandler {
  const now = options.now ?? (() => performance.now());
  const turn = options.turn ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  const sliceMs = options.sliceMs ?? 8;
  const flushMs = options.flushMs ?? 16;
  const makeTransport = options.makeTransport ?? inProcessMock;
  const runs = new Map<string, Run>();

  const post1 = (m: RunWorkerMessage): void => {
    try {
      post(m);
    } catch {
      // the page is gone; nothing to tell
    }
  };

  function flush(runId: string, run: Run): void {
    if (run.timer !== undefined) clearTimeout(run.timer);
    run.timer = undefined;
    if (run.buffer.length === 0) return;
    const events = run.buffer;
    run.buffer = [];
    post1({ type: 'events', runId, events, status: run.runner.status });
  }

  function flushAll(): void {
    for (const [id, run] of runs) flush(id, run);
  }

  function onEvent(runId: string, run: Run, e: RunEvent): void {
    if (run.buffer.length === 0) run.firstAt = now();
    run.buffer.push(e);
    if (URGENT.has(e.type) || now() - run.firstAt >= flushMs) flush(runId, run);
    else if (run.timer === undefined) run.timer = setTimeout(() => flush(runId, run), flushMs);
    if (e.type === 'run-finished') {
      runs.delete(runId);
      void Promise.resolve(run.transport.dispose?.()).catch(() => undefined);
    }
  }

  function open(m: Extract<RunPageMessage, { type: 'open' }>): void {
    if (runs.has(m.runId)) {
      post1({ type: 'failed', runId: m.runId, message: `a run with id ${m.runId} is already open` });
      return;
    }
    const parsed = parse(m.source);
    const err = parsed.diagnostics.find((d) => d.severity === 'error');
    if (err || parsed.script.steps.length === 0) {
      const why = err ? `line ${err.line}: ${err.message}` : 'the script has no steps';
      post1({ type: 'failed', runId: m.runId, message: `Cannot run: ${why}` });
      return;
    }
    const transport = slicedTransport(makeTransport(), { now, turn, sliceMs });
    const runner = createRunner({
      script: parsed.script,
      transport,
      runId: m.runId,
      timeouts: m.timeouts,
      inspect: m.inspect,
    });
    const run: Run = { runner, transport, buffer: [], firstAt: 0, timer: undefined };
    runs.set(m.runId, run);
    runner.on((e) => onEvent(m.runId, run, e));
  }

  /** Answers request `id` once `work` is over, after the events it caused. */
  function answer(id: number | undefined, work: Promise<unknown>): void {
    void work.then(
      () => {
        flushAll();
        if (id !== undefined) post1({ type: 'done', id });
      },
      (err) => {
        flushAll();
        if (id !== undefined) post1({ type: 'done', id, error: messageOf(err) });
      },
    );
  }

  function dispatch(m: RunPageMessage): void {
    switch (m.type) {
      case 'open':
        open(m);
        return;
      case 'ping':
        post1({ type: 'pong', id: m.id });
        return;
      case 'intent': {
        const runner = runs.get(m.runId)?.runner;
        // A finished (or unknown) run has nothing to do: the answer says so by arriving at once.
        if (!runner) return answer(m.id, Promise.resolve());
        const i = m.intent;
        if (i.type === 'run') return answer(m.id, Promise.resolve(void runner.start()));
        if (i.type === 'pause') return answer(m.id, Promise.resolve(runner.pause()));
        if (i.type === 'run-to') return answer(m.id, Promise.resolve(runner.runTo(i.line)));
        if (i.type === 'step') return answer(m.id, runner.step());
        return answer(m.id, runner.stop());
      }
      case 'adhoc': {
        const runner = runs.get(m.runId)?.runner;
        if (!runner) return answer(m.id, Promise.reject(new Error('no run is active')));
        let stanza;
        try {
          stanza = parseXml(m.xml);
        } catch (err) {
          return answer(m.id, Promise.reject(new Error(`the stanza is not XML: ${messageOf(err)}`)));
        }
        return answer(m.id, runner.sendAdHoc(m.client, stanza));
      }
    }
  }

  return {
    get openRuns() {
      return runs.size;
    },
    handle(data: unknown): void {
      const parsed = parseRunPageMessage(data);
      if (!parsed.ok) {
        post1({ type: 'error', message: `invalid message to the run worker: ${parsed.error}` });
        return;
      }
      try {
        dispatch(parsed.message);
      } catch (err) {
        post1({ type: 'error', message: `the run worker failed: ${messageOf(err)}` });
      }
    },
  };
}
