// The in-process Transport: the runner talks to a MockServer in the same thread (Node tests, `scs run
// --mock`). Sends are enqueued and processed asynchronously by the server; `settled()` resolves when the
// server has nothing left to deliver, so `receives: nothing` needs no wall clock.
import type { Element } from 'ltx';
import {
  TransportError,
  type CloseReason,
  type ConnectOptions,
  type Session,
  type Transport,
} from '../runner/transport';
import type { MockServer, ServerSession } from './server';
import { copyElement } from './stanza';
import type { MockSnapshot } from './inspect';

/** A Session over a channel that delivers parsed stanzas; shared by the in-process and worker transports. */
export class BufferedSession implements Session {
  private readonly stanzaListeners: Array<(stanza: Element) => void> = [];
  private readonly closeListeners: Array<(reason: CloseReason) => void> = [];
  /** Stanzas that arrived before anyone listened (the runner attaches after `connect` resolves). */
  private backlog: Element[] = [];
  private ended: CloseReason | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    readonly jid: string,
    private readonly channel: {
      send(stanza: Element): void | Promise<void>;
      close(): Promise<void>;
    },
  ) {}

  get isEnded(): boolean {
    return this.ended !== undefined;
  }

  deliver(stanza: Element): void {
    if (this.ended) return;
    if (this.stanzaListeners.length === 0) {
      this.backlog.push(stanza);
      return;
    }
    this.stanzaListeners.forEach((l, i) => l(i === 0 ? stanza : copyElement(stanza)));
  }

  end(reason: CloseReason): void {
    if (this.ended) return;
    this.ended = reason;
    for (const l of this.closeListeners) {
      try {
        l(reason);
      } catch {
        // a listener's failure is its own
      }
    }
  }

  async send(stanza: Element): Promise<void> {
    if (this.ended || this.closing) {
      throw new TransportError('closed', `cannot send: the session of ${this.jid} is closed`);
    }
    // Like the wire: the server gets its own copy, the caller's element stays as written.
    await this.channel.send(copyElement(stanza));
  }

  onStanza(listener: (stanza: Element) => void): void {
    this.stanzaListeners.push(listener);
    if (this.backlog.length > 0) {
      const held = this.backlog;
      this.backlog = [];
      for (const s of held) listener(s);
    }
  }

  onClose(listener: (reason: CloseReason) => void): void {
    this.closeListeners.push(listener);
    if (this.ended) listener(this.ended);
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.ended) return (this.closing = Promise.resolve());
    this.closing = this.channel
      .close()
      .catch(() => undefined)
      .then(() => this.end({ kind: 'requested' }));
    return this.closing;
  }
}

export interface InProcessTransport extends Transport {
  readonly server: MockServer;
  inspect(): Promise<MockSnapshot>;
}

export function createInProcessTransportFor(server: MockServer): InProcessTransport {
  const sessions = new Set<BufferedSession>();
  return {
    label: 'mock',
    server,
    async connect(options: ConnectOptions): Promise<Session> {
      // Everything sent before this connect is processed first, as on a real server.
      await server.settled();
      let session: BufferedSession | undefined = undefined;
      const early: Element[] = [];
      const outcome = server.connect(
        { jid: options.jid, password: options.password, resource: options.resource },
        {
          deliver: (stanza) => (session ? session.deliver(stanza) : early.push(stanza)),
          closed: (reason) => {
            if (session) {
              sessions.delete(session);
              session.end(reason);
            }
          },
        },
      );
      if (!outcome.ok) throw new TransportError(outcome.kind, outcome.message);
      const ss: ServerSession = outcome.session;
      session = new BufferedSession(ss.jid, {
        send: (stanza) => ss.send(stanza),
        close: () => ss.close(),
      });
      for (const s of early) session.deliver(s);
      sessions.add(session);
      return session;
    },
    settled: () => server.settled(),
    // INSPECT-2: after everything sent so far is processed; a fresh JSON copy, never live state.
    async inspect(): Promise<MockSnapshot> {
      await server.settled();
      return JSON.parse(JSON.stringify(server.inspect())) as MockSnapshot;
    },
    async dispose(): Promise<void> {
      await Promise.all([...sessions].map((s) => s.close()));
      sessions.clear();
    },
  };
}
