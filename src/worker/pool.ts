// The page's run workers: each runs whole scripts (runner and mock together, handler.ts), is kept
// alive and warm between runs, and is handed out as a RunHost: a Transport-shaped object whose
// createRunner gives a RemoteRunner. A worker that crashes (onerror, messageerror, an invalid message)
// or stops answering pings while a run is open ends every run on it as 'error' with a sentence saying
// what happened, and is dropped: the next run gets a fresh worker.
import { TransportError, type Runner, type Transport } from '../runner';
import { parseRunWorkerMessage, type RunPageMessage } from './protocol';
import { RemoteRunner, type RemoteRunOptions, type RunChannel } from './remoteRunner';

/** What the pool needs of a Worker (a real one in the page, a fake in tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export interface RunWorkerPoolOptions {
  makeWorker: () => WorkerLike;
  /** Workers kept warm while no run uses them. Default 4. */
  maxIdle?: number;
  /** A worker silent this long while one of its runs is open is taken as hung (ms). Default 10 s. */
  hangMs?: number;
  /** How often a worker with an open run is asked whether it is there (ms). Default 1 s. */
  pingMs?: number;
  /** A stop unanswered this long means the worker is hung (ms). Default 3 s. */
  stopMs?: number;
  now?: () => number;
}

/** A run worker lent to one user (the workbench's run, a suite lane): dispose() gives it back. */
export interface RunHost extends Transport {
  createRunner(opts: RemoteRunOptions): Runner;
  /** Each run has a fresh server already: nothing to do (the suite runner resets between scripts). */
  reset(): Promise<void>;
}

export interface RunWorkerPool {
  acquire(): RunHost;
  /** Start a worker now (module loading and compilation) so the next run does not wait for it. */
  warm(): void;
  /** Workers alive (tests, diagnostics). */
  readonly size: number;
  dispose(): void;
}

export function isRunHost(t: unknown): t is RunHost {
  return typeof t === 'object' && t !== null && typeof (t as RunHost).createRunner === 'function';
}

class WorkerLink implements RunChannel {
  dead = false;
  private readonly worker: WorkerLike;
  private readonly runs = new Map<string, RemoteRunner>();
  private readonly pending = new Map<number, (error: string | undefined) => void>();
  private nextId = 1;
  private lastHeard: number;
  private watchdog: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly o: Required<Omit<RunWorkerPoolOptions, 'maxIdle'>>,
    private readonly onDead: (link: WorkerLink) => void,
  ) {
    try {
      this.worker = o.makeWorker();
    } catch (err) {
      throw new TransportError('connection-refused', `cannot start the mock worker: ${String(err)}`);
    }
    this.lastHeard = o.now();
    this.worker.onmessage = (event) => this.onMessage(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.crash(`the mock worker crashed: ${event.message || 'unknown error'}`);
    };
    this.worker.onmessageerror = () =>
      this.crash('the mock worker sent a message that could not be deserialized');
  }

  get openRuns(): number {
    return this.runs.size;
  }

  post(message: RunPageMessage): void {
    if (this.dead) return;
    try {
      this.worker.postMessage(message);
    } catch (err) {
      this.crash(`cannot post to the mock worker: ${String(err)}`);
    }
  }

  request(make: (id: number) => RunPageMessage, urgent = false): Promise<string | undefined> {
    if (this.dead) return Promise.resolve('the mock worker is gone');
    const id = this.nextId++;
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      this.pending.set(id, (error) => {
        if (timer !== undefined) clearTimeout(timer);
        resolve(error);
      });
      if (urgent) {
        const ms = this.o.stopMs;
        timer = setTimeout(
          () => this.crash(`the mock worker did not stop the run within ${ms / 1000} s`),
          ms,
        );
      }
      this.post(make(id));
    });
  }

  createRunner(opts: RemoteRunOptions): Runner {
    if (this.dead) throw new TransportError('closed', 'the mock worker is gone');
    const runner = new RemoteRunner(this, opts);
    this.runs.set(opts.runId, runner);
    this.watch();
    return runner;
  }

  private watch(): void {
    if (this.watchdog !== undefined) return;
    this.lastHeard = this.o.now();
    this.watchdog = setInterval(() => {
      if (this.runs.size === 0) return this.unwatch();
      const silent = this.o.now() - this.lastHeard;
      if (silent >= this.o.hangMs)
        return this.crash(`the mock worker did not answer for ${Math.round(silent / 1000)} s`);
      this.post({ type: 'ping', id: 0 });
    }, this.o.pingMs);
  }

  private unwatch(): void {
    if (this.watchdog !== undefined) clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  private onMessage(data: unknown): void {
    if (this.dead) return;
    this.lastHeard = this.o.now();
    const parsed = parseRunWorkerMessage(data);
    if (!parsed.ok) return this.crash(`the mock worker sent an invalid message: ${parsed.error}`);
    const m = parsed.message;
    switch (m.type) {
      case 'events': {
        const run = this.runs.get(m.runId);
        if (!run) return;
        run.receive(m.events, m.status);
        if (run.isFinished) this.runs.delete(m.runId);
        return;
      }
      case 'failed': {
        const run = this.runs.get(m.runId);
        this.runs.delete(m.runId);
        run?.abandon(m.message);
        return;
      }
      case 'done': {
        const resolve = this.pending.get(m.id);
        this.pending.delete(m.id);
        resolve?.(m.error);
        return;
      }
      case 'pong':
        return;
      case 'error':
        return this.crash(m.message);
    }
  }

  crash(message: string): void {
    if (this.dead) return;
    this.dead = true;
    this.unwatch();
    try {
      this.worker.terminate();
    } catch {
      // already gone
    }
    const runs = [...this.runs.values()];
    this.runs.clear();
    for (const r of runs) r.abandon(message);
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p(message);
    this.onDead(this);
  }

  terminate(): void {
    this.crash('the mock worker was shut down');
  }
}

export function createRunWorkerPool(options: RunWorkerPoolOptions): RunWorkerPool {
  const o = {
    makeWorker: options.makeWorker,
    hangMs: options.hangMs ?? 10_000,
    pingMs: options.pingMs ?? 1_000,
    stopMs: options.stopMs ?? 3_000,
    now: options.now ?? (() => Date.now()),
  };
  const maxIdle = options.maxIdle ?? 4;
  const all = new Set<WorkerLink>();
  let idle: WorkerLink[] = [];
  const onDead = (link: WorkerLink) => {
    all.delete(link);
    idle = idle.filter((l) => l !== link);
  };
  const spawn = () => {
    const link = new WorkerLink(o, onDead);
    all.add(link);
    return link;
  };
  const release = (link: WorkerLink) => {
    if (link.dead || idle.includes(link)) return;
    if (idle.length < maxIdle) idle.push(link);
    else if (link.openRuns === 0) link.terminate();
  };

  return {
    get size() {
      return all.size;
    },
    warm() {
      if (idle.length === 0) idle.push(spawn());
    },
    acquire(): RunHost {
      let link = idle.pop() ?? spawn();
      let released = false;
      return {
        label: 'mock',
        connect: () =>
          Promise.reject(
            new TransportError('protocol', 'the run worker runs whole scripts: open a run with createRunner'),
          ),
        // A host outlives its worker: after a crash its next run starts on a fresh one.
        createRunner: (opts) => {
          if (link.dead) link = idle.pop() ?? spawn();
          return link.createRunner(opts);
        },
        reset: () => Promise.resolve(),
        async dispose() {
          if (released) return;
          released = true;
          release(link);
        },
      };
    },
    dispose() {
      for (const link of [...all]) link.terminate();
      all.clear();
      idle = [];
    },
  };
}
