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

/** The hooks a worker's server must call: diagnostics are posted; each turn's stanzas are flushed. */
export interface ServerHooks {
  onDiagnostic: (d: MockDiagnostic) => void;
  onTurn: () => void;
}
/** Makes a server wired to the worker's hooks. */
export type ServerFactory = (hooks: ServerHooks) => MockServer;

export function createWorkerHandler(
  post: (message: WorkerMessage) => void,
  makeServer: ServerFactory = (hooks) => createMockServer(hooks),
): WorkerHandler {
  const post1 = (m: WorkerMessage): void => {
    try {
      post(m);
    } catch {
      // the page is gone; nothing to tell
    }
  };
  /**
   * Stanzas of one server turn (what one sent stanza caused) cross in one message, so the page receives
   * them in one task, as a socket read gives them from a real server (CORE-WORKER-4).
   */
  let turn: Array<{ session: number; xml: string }> = [];
  const flush = (): void => {
    if (turn.length === 0) return;
    const items = turn;
    turn = [];
    post1(
      items.length === 1
        ? { type: 'stanza', session: items[0].session, xml: items[0].xml }
        : { type: 'stanzas', items },
    );
  };
  const emit = (m: WorkerMessage): void => {
    if (m.type === 'stanza') {
      turn.push({ session: m.session, xml: m.xml });
      return;
    }
    flush();
    post1(m);
  };

  const fresh = () =>
    makeServer({
      onDiagnostic: (diagnostic) => emit({ type: 'diagnostic', diagnostic }),
      onTurn: flush,
    });
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
      case 'inspect':
        await server.settled();
        emit({ type: 'inspection', id: m.id, snapshot: server.inspect() });
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
        flush();
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
