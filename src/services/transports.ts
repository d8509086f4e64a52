// Picks the transport for a target. The mock runs in a Web Worker; the WebSocket adapter (and the
// @xmpp packages behind it) is imported only when a ws target is used, keeping the first load small.
import type { Transport } from '../runner/transport';
import type { Target } from '../store';

export type TransportFactory = (target: Target) => Promise<Transport>;

export const defaultTransportFactory: TransportFactory = async (target) => {
  if (target.kind === 'ws') {
    const url = target.url.trim();
    if (!/^wss?:\/\//i.test(url)) {
      throw new Error(`The WebSocket URL must start with ws:// or wss:// (got "${url || 'nothing'}").`);
    }
    const { createXmppTransport } = await import('../runner/transports/xmpp');
    return createXmppTransport(url);
  }
  const { createWorkerTransport } = await import('../mock/workerTransport');
  return createWorkerTransport(
    () =>
      new Worker(new URL('../mock/worker.ts', import.meta.url), { type: 'module', name: 'scansion-mock' }),
  );
};

/** A short human label for a target ('mock' or the URL). */
export function targetLabel(target: Target): string {
  return target.kind === 'mock' ? 'mock' : target.url;
}
