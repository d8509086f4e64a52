// An in-process Transport pair for tests (as tldraw's TestSocketPair): the test plays the server. It sees
// every stanza the runner sends, answers through a handler or by hand, and can refuse connections, fail
// authentication, or drop a session mid-run. No timers, no network.
import { clone, type Element } from 'ltx';
import {
  TransportError,
  type CloseReason,
  type ConnectOptions,
  type Session,
  type Transport,
} from './transport';

export interface TestServerOptions {
  /** Give the transport a `settled()` (as the mock has), so waits need no clock. */
  settled?: boolean;
  /** Bare JIDs whose login fails with not-authorized. */
  rejectAuth?: string[];
  /** Every connect fails as if nothing listened. */
  refuse?: boolean;
  /** Called for every stanza a client sends; `server.deliver` to answer. */
  onStanza?: (from: TestSession, stanza: Element, server: TestServer) => void;
}

export interface TestSession extends Session {
  readonly clientName: string;
  readonly open: boolean;
}

export interface TestServer {
  readonly transport: Transport;
  /** Every stanza sent by any client, in order, as sent. */
  readonly sent: Array<{ jid: string; stanza: Element }>;
  /** Sessions by full JID (open or closed). */
  readonly sessions: Map<string, TestSession>;
  /** Log of connects/closes, for asserting that everything was disconnected. */
  readonly log: string[];
  /** Deliver a stanza to one session (by full JID). */
  deliver(fullJid: string, stanza: Element): void;
  /** End a session from the server side. */
  drop(fullJid: string, reason?: CloseReason): void;
}

class TestSessionImpl implements TestSession {
  readonly stanzaListeners: Array<(s: Element) => void> = [];
  readonly closeListeners: Array<(r: CloseReason) => void> = [];
  open = true;
  constructor(
    readonly jid: string,
    readonly clientName: string,
    private readonly server: TestServerImpl,
  ) {}
  async send(stanza: Element): Promise<void> {
    if (!this.open) throw new TransportError('closed', `session ${this.jid} is closed`);
    const copy = clone(stanza);
    this.server.sent.push({ jid: this.jid, stanza: copy });
    this.server.options.onStanza?.(this, copy, this.server);
  }
  onStanza(l: (s: Element) => void): void {
    this.stanzaListeners.push(l);
  }
  onClose(l: (r: CloseReason) => void): void {
    this.closeListeners.push(l);
  }
  async close(): Promise<void> {
    this.end({ kind: 'requested' });
  }
  end(reason: CloseReason): void {
    if (!this.open) return;
    this.open = false;
    this.server.log.push(`close ${this.jid} ${reason.kind}`);
    for (const l of this.closeListeners) l(reason);
  }
}

class TestServerImpl implements TestServer {
  readonly sent: Array<{ jid: string; stanza: Element }> = [];
  readonly sessions = new Map<string, TestSessionImpl>();
  readonly log: string[] = [];
  readonly transport: Transport;
  constructor(readonly options: TestServerOptions) {
    const connect = (o: ConnectOptions) => this.connect(o);
    this.transport = {
      label: 'test',
      connect,
      ...(options.settled
        ? {
            async settled() {
              for (let i = 0; i < 5; i++) await Promise.resolve();
            },
          }
        : {}),
    };
  }
  private async connect(o: ConnectOptions): Promise<Session> {
    await Promise.resolve();
    if (this.options.refuse) {
      throw new TransportError('connection-refused', 'cannot connect to test: refused');
    }
    const bare = o.jid.split('/')[0];
    if (this.options.rejectAuth?.includes(bare)) {
      throw new TransportError('auth-failed', `authentication failed for ${o.jid}: not-authorized`);
    }
    const full = `${bare}/${o.resource ?? o.jid.split('/')[1] ?? 'test'}`;
    const s = new TestSessionImpl(full, o.clientName, this);
    this.sessions.set(full, s);
    this.log.push(`connect ${full}`);
    return s;
  }

  deliver(fullJid: string, stanza: Element): void {
    const s = this.sessions.get(fullJid);
    if (!s || !s.open) return;
    for (const l of s.stanzaListeners) l(clone(stanza));
  }
  drop(fullJid: string, reason: CloseReason = { kind: 'dropped', message: 'test server dropped it' }): void {
    this.sessions.get(fullJid)?.end(reason);
  }
}

export function createTestServer(options: TestServerOptions = {}): TestServer {
  return new TestServerImpl(options);
}
