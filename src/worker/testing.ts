// Test support: a fake Web Worker that runs the real run-worker handler, with messages crossing as
// structured clones a task later, as postMessage does; and a pool over such workers. Tests can make
// a worker crash on a message type, fall silent, or corrupt what it sends.
import { createRunWorkerHandler, type RunWorkerHandlerOptions } from './handler';
import { createRunWorkerPool, type RunWorkerPool, type RunWorkerPoolOptions, type WorkerLike } from './pool';
import type { RunWorkerMessage } from './protocol';

export class FakeRunWorker implements WorkerLike {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = false;
  /** Crash (onerror) when a page message of this type arrives (an intent's type for 'intent'). */
  crashOn: string | undefined;
  /** Stop answering anything (a worker stuck in a loop). */
  silent = false;
  corrupt: ((m: RunWorkerMessage) => unknown) | undefined;
  readonly received: unknown[] = [];
  readonly handler;

  constructor(options: RunWorkerHandlerOptions = {}) {
    this.handler = createRunWorkerHandler((m) => {
      if (this.terminated || this.silent) return;
      const data = structuredClone(this.corrupt ? this.corrupt(m) : m);
      setTimeout(() => !this.terminated && this.onmessage?.({ data } as MessageEvent), 0);
    }, options);
  }

  postMessage(message: unknown): void {
    const data = structuredClone(message) as { type: string; intent?: { type: string } };
    setTimeout(() => {
      if (this.terminated || this.silent) return;
      this.received.push(data);
      if (this.crashOn !== undefined && (this.crashOn === data.type || this.crashOn === data.intent?.type)) {
        this.onerror?.({ message: 'Uncaught RangeError: boom', preventDefault() {} } as ErrorEvent);
        return;
      }
      this.handler.handle(data);
    }, 0);
  }

  terminate(): void {
    this.terminated = true;
  }
}

/** A pool of fake run workers; `workers` lists every worker it started, in order. */
export function fakeRunPool(
  options: Partial<RunWorkerPoolOptions> & { handler?: RunWorkerHandlerOptions } = {},
  configure?: (w: FakeRunWorker, index: number) => void,
): { pool: RunWorkerPool; workers: FakeRunWorker[] } {
  const workers: FakeRunWorker[] = [];
  const pool = createRunWorkerPool({
    ...options,
    makeWorker: () => {
      const w = new FakeRunWorker(options.handler);
      configure?.(w, workers.length);
      workers.push(w);
      return w;
    },
  });
  return { pool, workers };
}
