// The mock server's public types: options, diagnostics, sessions (SPEC.md "Core").
import type { Element } from 'ltx';
import type { CloseReason } from '../runner/transport';
import type { Component } from './component';
import type { RandomSource } from './ids';
import type { MockSnapshot } from './inspect';

export interface MockDiagnostic {
  level: 'error' | 'warning' | 'info';
  /** Stable kind, e.g. 'handler-exception', 'component-exception', 'not-modelled'. */
  code: string;
  message: string;
  /** The stanza being processed, serialized. */
  stanza?: string;
}

export interface MockServerOptions {
  /** Components to register (e.g. the MUC at conference.localhost). */
  components?: Component[];
  /** Randomness for bound resources and generated ids (default: crypto). */
  random?: RandomSource;
  /**
   * The server's clock (ms): presence `<delay>` stamps (Prosody's are not frozen), entity time, the MUC.
   * The core never reads a clock itself; createMockServer (index.ts) defaults this to the host's.
   */
  now?: () => number;
  /** Instant (ms) stamped on offline messages. Default: Prosody's frozen clock, 2008-08-22T21:09:04Z. */
  offlineTime?: number;
  /** Called for every diagnostic (handler exceptions, unmodelled features). */
  onDiagnostic?: (d: MockDiagnostic) => void;
  /** Called after each processed task, once its deliveries are made (the worker flushes on it). */
  onTurn?: () => void;
}

export interface SessionHandlers {
  /** A stanza for this session (a private copy, xmlns='jabber:client'). */
  deliver(stanza: Element): void;
  /** The session ended; called once. */
  closed(reason: CloseReason): void;
}

export interface ConnectRequest {
  jid: string;
  password: string;
  resource?: string;
}

export type ConnectOutcome =
  | { ok: true; session: ServerSession }
  | {
      ok: false;
      kind: 'auth-failed' | 'protocol' | 'bind-failed';
      condition: string;
      message: string;
    };

export interface ServerSession {
  /** The bound full JID. */
  readonly jid: string;
  readonly open: boolean;
  /** Enqueue a stanza sent by this client. */
  send(stanza: Element): void;
  /** Enqueue a graceful close; resolves once processed (unavailable presence routed). */
  close(): Promise<void>;
}

export interface MockServer {
  readonly domain: string;
  connect(request: ConnectRequest, handlers: SessionHandlers): ConnectOutcome;
  addComponent(component: Component): void;
  /** Resolves once every enqueued task has been processed. */
  settled(): Promise<void>;
  /** Forget everything: sessions end (reason 'dropped'), offline store cleared, components reset. */
  reset(): void;
  /** Full JIDs of the online sessions, in connection order. */
  sessions(): string[];
  /** INSPECT-2: the server's state now (sessions, every component's rooms), plain JSON. */
  inspect(): MockSnapshot;
  readonly diagnostics: readonly MockDiagnostic[];
}
