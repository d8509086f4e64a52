// The mock worker's logic, apart from the Worker global so Node tests can drive it directly: validates
// each page message (protocol.ts), runs one MockServer, and posts back connected/stanza/closed/settled/
// error. `reset` replaces the server: one server state per run.
import { parse, type Element } from 'ltx';
import type { CloseReason } from '../runner/transport';
import { createMockServer } from './index';
import type { MockDiagnostic, MockServer, ServerSession } from './server';
import { parsePageMessage, requestIdOf, type PageMessage, type WorkerMessage } from './protocol';

export interface WorkerHandler {
  /** Handle one message from the page (anything: it is validated here). */
  handle(data: unknown): Promise<void>;
  /** The current server (tests). */
  readonly server: MockServer;
}

/** Makes a server whose diagnostics go to `onDiagnostic` (posted to the page). */
export type ServerFactory = (onDiagnostic: (d: MockDiagnostic) => void) => MockServer;

export function createWorkerHandler(
  post: (message: WorkerMessage) => void,
  makeServer: ServerFactory = (onDiagnostic) => createMockServer({ onDiagnostic }),
): WorkerHandler {
  const emit = (m: WorkerMessage): void => {
    try {
      post(m);
    } catch {
      // the page is gone; nothing to tell
    }
  };
  const fresh = () => makeServer((diagnostic) => emit({ type: 'diagnostic', diagnostic }));
  let server = fresh();
  let nextSession = 1;
  const sessions = new Map<number, ServerSession>();
  /** Pending `close` request ids per session. */
  const closeRequests = new Map<number, number[]>();
  const ended = new Set<number>();

  function onClosed(n: number, reason: CloseReason): void {
    sessions.delete(n);
    ended.add(n);
    const ids = closeRequests.get(n) ?? [];
    closeRequests.delete(n);
    if (ids.length === 0) emit({ type: 'closed', session: n, reason });
    for (const id of ids) emit({ type: 'closed', session: n, reason, id });
  }

  async function dispatch(m: PageMessage): Promise<void> {
    switch (m.type) {
      case 'connect': {
        await server.settled();
        const n = nextSession++;
        const outcome = server.connect(
          { jid: m.options.jid, password: m.options.password, resource: m.options.resource },
          {
            deliver: (stanza: Element) => emit({ type: 'stanza', session: n, xml: stanza.toString() }),
            closed: (reason) => onClosed(n, reason),
          },
        );
        if (!outcome.ok) {
          emit({ type: 'error', id: m.id, kind: outcome.kind, message: outcome.message });
          return;
        }
        sessions.set(n, outcome.session);
        emit({ type: 'connected', id: m.id, session: n, jid: outcome.session.jid });
        return;
      }
      case 'send': {
        const s = sessions.get(m.session);
        if (!s) {
          emit({
            type: 'error',
            session: m.session,
            kind: 'closed',
            message: `cannot send: mock session ${m.session} is not open`,
          });
          return;
        }
        let stanza: Element;
        try {
          stanza = parse(m.xml);
        } catch (err) {
          emit({
            type: 'error',
            session: m.session,
            kind: 'protocol',
            message: `the mock worker could not parse a sent stanza: ${String(err)}`,
          });
          return;
        }
        s.send(stanza);
        return;
      }
      case 'close': {
        const s = sessions.get(m.session);
        if (!s) {
          emit({ type: 'closed', session: m.session, reason: { kind: 'requested' }, id: m.id });
          return;
        }
        closeRequests.set(m.session, [...(closeRequests.get(m.session) ?? []), m.id]);
        await s.close();
        return;
      }
      case 'settle':
        await server.settled();
        emit({ type: 'settled', id: m.id });
        return;
      case 'reset': {
        const old = server;
        old.reset(); // ends every session: each posts 'closed' (dropped)
        sessions.clear();
        closeRequests.clear();
        server = fresh();
        emit({ type: 'settled', id: m.id });
        return;
      }
    }
  }

  return {
    get server() {
      return server;
    },
    async handle(data: unknown): Promise<void> {
      const parsed = parsePageMessage(data);
      if (!parsed.ok) {
        const id = requestIdOf(data);
        const message = `invalid message to the mock worker: ${parsed.error}`;
        emit(
          id === undefined
            ? { type: 'error', kind: 'protocol', message }
            : { type: 'error', id, kind: 'protocol', message },
        );
        return;
      }
      try {
        await dispatch(parsed.message);
      } catch (err) {
        const id = requestIdOf(parsed.message);
        const message = `the mock worker failed: ${err instanceof Error ? err.message : String(err)}`;
        emit(
          id === undefined
            ? { type: 'error', kind: 'protocol', message }
            : { type: 'error', id, kind: 'protocol', message },
        );
      }
    },
  };
}
