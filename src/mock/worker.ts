// The mock server's Web Worker entry: a thin shell over workerHandler.ts (which Node tests drive
// directly). The page creates it with
//   new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })
// and talks to it through createWorkerTransport (workerTransport.ts).
import { createWorkerHandler } from './workerHandler';
import type { WorkerMessage } from './protocol';

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: { data: unknown }) => void) | null;
}

const scope = self as unknown as WorkerScope;
const handler = createWorkerHandler((m) => scope.postMessage(m));
scope.onmessage = (event) => {
  void handler.handle(event.data);
};
