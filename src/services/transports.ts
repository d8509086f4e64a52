// Picks the transport for a target. Runs on the mock go to a pooled run worker (the runner and the mock
// together in one Web Worker, kept warm between runs: src/worker/); the live console's sessions talk to
// a mock worker of their own (src/mock/workerTransport.ts). The WebSocket adapter (and the @xmpp
// packages behind it) is imported only when a ws target is used, keeping the first load small.
import type { Transport } from '../runner/transport';
import type { Target } from '../store';
import { createRunWorkerPool, type RunWorkerPool } from '../worker';

export type TransportFactory = (target: Target) => Promise<Transport>;

async function wsTransport(url0: string): Promise<Transport> {
  const url = url0.trim();
  if (!/^wss?:\/\//i.test(url)) {
    throw new Error(`The WebSocket URL must start with ws:// or wss:// (got "${url || 'nothing'}").`);
  }
  const { createXmppTransport } = await import('../runner/transports/xmpp');
  return createXmppTransport(url);
}

/** Sessions on a target (the live console): the mock in a Web Worker of its own. */
export const defaultTransportFactory: TransportFactory = async (target) => {
  if (target.kind === 'ws') return wsTransport(target.url);
  const { createWorkerTransport } = await import('../mock/workerTransport');
  return createWorkerTransport(
    () =>
      new Worker(new URL('../mock/worker.ts', import.meta.url), { type: 'module', name: 'scansion-mock' }),
  );
};

let pool: RunWorkerPool | undefined;

/** The page's run workers (created on first use). */
export function runWorkerPool(): RunWorkerPool {
  pool ??= createRunWorkerPool({
    makeWorker: () =>
      new Worker(new URL('../worker/entry.ts', import.meta.url), { type: 'module', name: 'scansion-run' }),
  });
  return pool;
}

/** Whole runs on a target (workbench, suites, comparison): the mock's are run workers from the pool. */
export const runTransportFactory: TransportFactory = async (target) => {
  if (target.kind === 'ws') return wsTransport(target.url);
  return runWorkerPool().acquire();
};

/** A short human label for a target ('mock' or the URL). */
export function targetLabel(target: Target): string {
  return target.kind === 'mock' ? 'mock' : target.url;
}
