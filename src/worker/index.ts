// The run worker room: the runner and the mock server together in one Web Worker, so a mock run never
// crosses a thread per stanza. It composes src/runner and src/mock (which may not import each other
// beyond the Transport type) and sits beside src/cli above them; src/services uses it.
export { createRunWorkerPool, isRunHost } from './pool';
export type { RunHost, RunWorkerPool, RunWorkerPoolOptions, WorkerLike } from './pool';
export type { RemoteRunOptions } from './remoteRunner';
