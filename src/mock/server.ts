// The mock XMPP server core: a pure state machine (no timers, no I/O, no clock of its own: time is the
// injected `now`). Behaviour follows Prosody 0.12 with the corpus config; each rule is numbered in
// SPEC.md ("Core") and cited by id. This file wires the parts together, each in its own file:
//   sessions.ts      logins, binds and the registry of online sessions
//   taskQueue.ts     the ordered processing of what clients send (settled())
//   intake.ts        a client's stanza checked, stamped and handed to its handler
//   userPresence.ts  a user's own presence: broadcast, directed, session end
//   routing.ts       which handler gets a stanza by its address (server, accounts, components, s2s)
//   accounts.ts      offline messages, rosters, pending subscription requests
//   delivery.ts      the delivery policy: how each recipient gets its copy (copy / share / give)
//
// Processing is asynchronous and ordered: `send` and `close` enqueue a task; a microtask drains the
// queue in order. Routing and delivery inside one task are synchronous, like Prosody's in-process
// routing.
//
// Internal stanza form: top-level elements carry no `xmlns` (jabber:client is implied); `from` is the
// sender's full JID (stamped by the core); what a session receives is a fresh copy with
// xmlns='jabber:client' on the stanza, the shape @xmpp/client's `stanza` events give from Prosody over
// WebSocket.
import type { Element } from 'ltx';
import type { CloseReason } from '../runner/transport';
import { Accounts } from './accounts';
import type { Component } from './component';
import { describeError, type Core } from './core';
import { Delivery } from './delivery';
import { cryptoRandom, type RandomSource } from './ids';
import { SNAPSHOT_VERSION, type MockSnapshot, type RoomSnapshot } from './inspect';
import { Intake } from './intake';
import { Router } from './routing';
import { SERVER_DOMAIN, Sessions, bindJid, newSession, type SessionState } from './sessions';
import { errorReply, xmppDateTime } from './stanza';
import { TaskQueue } from './taskQueue';
import type {
  ConnectOutcome,
  ConnectRequest,
  MockDiagnostic,
  MockServer,
  MockServerOptions,
  SessionHandlers,
} from './types';
import { UserPresence } from './userPresence';

export type {
  ConnectOutcome,
  ConnectRequest,
  MockDiagnostic,
  MockServer,
  MockServerOptions,
  ServerSession,
  SessionHandlers,
} from './types';
export { SERVER_DOMAIN, SECURE_DOMAIN } from './sessions';

/** Prosody's config freezes os.time() at this instant; offline-message stamps show it. */
export const FROZEN_TIME_MS = 1219439344 * 1000;

/** The core's options: its clock is always given (the adapters that build a server supply the host's). */
export type CoreOptions = MockServerOptions & { now: () => number };

type Task =
  | { kind: 'stanza'; session: SessionState; stanza: Element }
  | { kind: 'close'; session: SessionState; reason: CloseReason; done: () => void };

const MAX_DIAGNOSTICS = 500;

export function createMockServer(options: CoreOptions): MockServer {
  return new Server(options);
}

class Server implements MockServer {
  readonly domain = SERVER_DOMAIN;
  readonly diagnostics: MockDiagnostic[] = [];
  private readonly core: Core;
  private readonly accounts: Accounts;
  private readonly router: Router;
  private readonly presence: UserPresence;
  private readonly intake: Intake;
  private readonly tasks: TaskQueue<Task>;

  constructor(private readonly options: CoreOptions) {
    const random: RandomSource = options.random ?? cryptoRandom;
    this.core = {
      sessions: new Sessions(),
      delivery: new Delivery((err) => this.report('error', 'listener-exception', describeError(err))),
      components: new Map(),
      random,
      now: options.now,
      report: (level, code, message, stanza) => this.report(level, code, message, stanza),
    };
    this.accounts = new Accounts(this.core, xmppDateTime(options.offlineTime ?? FROZEN_TIME_MS));
    this.router = new Router(this.core, this.accounts);
    this.presence = new UserPresence(this.core, this.router, this.accounts);
    this.intake = new Intake(this.router, this.presence, this.accounts, options.now, (s, reason) =>
      this.endSession(s, reason),
    );
    this.tasks = new TaskQueue<Task>(
      (task) => this.run(task),
      () => this.safely(() => this.options.onTurn?.()),
    );
    for (const c of options.components ?? []) this.addComponent(c);
  }

  addComponent(component: Component): void {
    this.core.components.set(component.domain.toLowerCase(), component);
  }

  sessions(): string[] {
    return this.core.sessions.fullJids();
  }

  inspect(): MockSnapshot {
    const rooms: RoomSnapshot[] = [];
    for (const c of this.core.components.values()) if (c.inspect) rooms.push(...c.inspect());
    return { version: SNAPSHOT_VERSION, sessions: this.sessions(), rooms };
  }

  connect(request: ConnectRequest, handlers: SessionHandlers): ConnectOutcome {
    const bound = bindJid(request, this.core.random);
    if ('ok' in bound) return bound;
    const state = newSession(bound, handlers, {
      send: (session, stanza) => this.tasks.enqueue({ kind: 'stanza', session, stanza }),
      close: (session) =>
        new Promise<void>((done) =>
          this.tasks.enqueue({ kind: 'close', session, reason: { kind: 'requested' }, done }),
        ),
    });
    // CORE-BIND-3: a second session with the same full JID replaces the first (Prosody's kick_old).
    const old = this.core.sessions.get(state.full);
    if (old) {
      this.endSession(old, {
        kind: 'stream-error',
        condition: 'conflict',
        text: 'Replaced by new connection',
      });
    }
    this.core.sessions.add(state);
    return { ok: true, session: state.handle };
  }

  reset(): void {
    const sessions = this.core.sessions.all();
    this.core.sessions.clear();
    this.accounts.clear();
    this.tasks.clear((t) => {
      if (t.kind === 'close') t.done();
    });
    for (const s of sessions) {
      s.open = false;
      this.safely(() => s.handlers.closed({ kind: 'dropped', message: 'the mock server was reset' }));
    }
    for (const c of this.core.components.values()) this.safely(() => c.reset?.());
    this.diagnostics.length = 0;
  }

  settled(): Promise<void> {
    return this.tasks.settled();
  }

  private run(task: Task): void {
    if (task.kind === 'close') {
      try {
        if (task.session.open) this.endSession(task.session, task.reason);
      } catch (err) {
        this.report('error', 'handler-exception', `closing ${task.session.full}: ${describeError(err)}`);
      } finally {
        task.done();
      }
      return;
    }
    const { session, stanza } = task;
    if (!session.open) return;
    try {
      this.intake.fromClient(session, stanza);
    } catch (err) {
      // CORE-ERR-1: never a crash; the sender gets internal-server-error.
      this.report('error', 'handler-exception', describeError(err), stanza);
      const t = stanza.attrs.type;
      if (t !== 'error' && t !== 'result' && session.open) {
        this.core.delivery.deliver(session, errorReply(stanza, 'cancel', 'internal-server-error'));
      }
    }
  }

  /** Session end (CORE-PRES-8): remove it, then tell its contacts and directed targets it left. */
  private endSession(s: SessionState, reason: CloseReason): void {
    if (!s.open) return;
    s.open = false;
    this.core.sessions.remove(s);
    this.presence.sessionEnded(s, reason);
    this.safely(() => s.handlers.closed(reason));
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.report('error', 'listener-exception', describeError(err));
    }
  }

  private report(level: MockDiagnostic['level'], code: string, message: string, stanza?: Element): void {
    const d: MockDiagnostic = { level, code, message };
    if (stanza) d.stanza = stanza.toString();
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) this.diagnostics.shift();
    this.diagnostics.push(d);
    try {
      this.options.onDiagnostic?.(d);
    } catch {
      // a broken listener must not break the server
    }
  }
}
