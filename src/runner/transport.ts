// The one door between the runner and any XMPP server: real (WebSocket/TCP on @xmpp packages), the mock
// in a Web Worker, or the mock in-process. The runner never knows which.
import type { Element } from 'ltx';

export interface ConnectOptions {
  /** Bare or full JID from the script's [Client] block. */
  jid: string;
  password: string;
  resource?: string;
  connectHost?: string;
  connectPort?: number;
  /** Script name of the client, for logs and diagnostics only. */
  clientName: string;
  /**
   * Optional: every raw chunk of the stream (stream headers, authentication, binding, stanzas) as it
   * goes out or comes in, for a live console. Transports without a wire (the mock) never call it.
   */
  onTraffic?: (direction: 'in' | 'out', text: string) => void;
}

export type CloseReason =
  | { kind: 'requested' }
  | { kind: 'stream-error'; condition: string; text?: string }
  | { kind: 'dropped'; message: string };

/** One authenticated, bound client session. */
export interface Session {
  /** The bound full JID (`user@host/resource`). */
  readonly jid: string;
  /** Send exactly this stanza. */
  send(stanza: Element): Promise<void>;
  /** Every stanza the server sends after the session is online, in order. */
  onStanza(listener: (stanza: Element) => void): void;
  /** The session ended, for any reason other than `close()` (reason.kind 'requested' when closed by us). */
  onClose(listener: (reason: CloseReason) => void): void;
  /** Close the stream gracefully; resolves once closed. Never rejects. */
  close(): Promise<void>;
}

export class TransportError extends Error {
  constructor(
    readonly kind: 'connection-refused' | 'auth-failed' | 'bind-failed' | 'protocol' | 'closed' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface Transport {
  /** A human label for reports: 'mock', 'ws://127.0.0.1:5280/xmpp-websocket'. */
  readonly label: string;
  /** Open a session; rejects with a TransportError (connection refused, auth failed, …). */
  connect(options: ConnectOptions): Promise<Session>;
  /**
   * Optional: resolves once the server has nothing left to deliver for anything sent so far.
   * Given by the mock, so `receives: nothing` and timeouts are decided without wall-clock waits.
   */
  settled?(): Promise<void>;
  /**
   * Optional: a snapshot of the server's state (the mock: its rooms), a plain JSON-able value. The
   * runner forwards it as an `inspection` event after each step.
   */
  inspect?(): Promise<unknown>;
  /** Release everything (all sessions, worker). */
  dispose?(): Promise<void>;
}
