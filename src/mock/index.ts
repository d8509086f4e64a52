// The mock XMPP server's public door: a server (pure state machine) and the in-process Transport.
// The Web Worker pair lives in worker.ts (entry) and workerTransport.ts (page side).
import { createMockServer as createServer, type MockServer, type MockServerOptions } from './server';
import { createInProcessTransportFor, type InProcessTransport } from './inProcess';
import { defaultComponents } from './defaults';
import { hostClock } from './hostClock';

export type {
  MockServer,
  MockServerOptions,
  MockDiagnostic,
  ServerSession,
  SessionHandlers,
  ConnectOutcome,
} from './server';
export type { InProcessTransport } from './inProcess';
export type { Component, ComponentContext } from './component';
export { seededRandom } from './ids';

/**
 * A fresh mock server; unless `components` is given, with the default ones (the MUC); unless `now` is
 * given, on the host's wall clock.
 */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  return createServer({
    ...options,
    now: options.now ?? hostClock,
    components: options.components ?? defaultComponents(),
  });
}

/** A Transport to `server`, or to a fresh default server of its own. */
export function createInProcessTransport(server?: MockServer): InProcessTransport {
  return createInProcessTransportFor(server ?? createMockServer());
}
