// The run worker's entry: a thin shell over handler.ts (which Node tests drive directly). The page
// creates it through the pool (pool.ts) with
//   new Worker(new URL('../worker/entry.ts', import.meta.url), { type: 'module' })
// Its event-loop turns are MessageChannel hops: zero timeouts would be clamped to 4 ms once nested.
import { createRunWorkerHandler } from './handler';
import type { RunWorkerMessage } from './protocol';

interface WorkerScope {
  postMessage(message: RunWorkerMessage): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

function channelTurn(): () => Promise<void> {
  const channel = new MessageChannel();
  const waiting: Array<() => void> = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(0);
    });
}

const scope = self as unknown as WorkerScope;
const handler = createRunWorkerHandler((m) => scope.postMessage(m), { turn: channelTurn() });
scope.onmessage = (event) => handler.handle(event.data);
