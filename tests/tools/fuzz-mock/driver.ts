// Drives one flow's clients on one server (the mock or Prosody) through the runner's Transport door and
// records what each client received, step by step. "Nothing more is coming" is decided by a ping round
// trip (XEP-0199 to the server), never by waiting: after a send, the sender pings (the server has
// processed the stanza and written everything it caused), then every other client pings (it has read
// everything written to it before the pong).
import { Element } from 'ltx';
import type { CloseReason, Session, Transport } from '../../../src/runner/transport';

export interface ClientSpec {
  /** Bare JID (user@localhost). */
  jid: string;
  resource: string;
}

/** What one client received after one step (pongs of the barrier excluded). */
export interface Received {
  client: number;
  stanzas: Element[];
  /** The session ended during this step. */
  closed?: string;
  /**
   * No pong within the barrier timeout: the server stopped answering this client. Reported once; from
   * then on the client counts as gone (nothing more is sent from it or read for it), so one stall costs
   * one timeout, not one per later step.
   */
  stalled?: boolean;
}

export const BARRIER_PREFIX = 'fuzz-barrier-';

class Client {
  inbox: Element[] = [];
  closed: string | undefined;
  reported = false;
  /** Its barrier timed out once: the server stopped answering it. */
  stuck = false;
  private waiters = new Map<string, () => void>();
  constructor(
    readonly index: number,
    readonly session: Session,
  ) {
    session.onStanza((s) => {
      const id = s.attrs.id as string | undefined;
      if (s.name === 'iq' && id?.startsWith(BARRIER_PREFIX) && this.waiters.has(id)) {
        const w = this.waiters.get(id)!;
        this.waiters.delete(id);
        w();
        return;
      }
      this.inbox.push(s);
    });
    session.onClose((r: CloseReason) => {
      this.closed = r.kind === 'stream-error' ? `stream-error:${r.condition}` : r.kind;
      for (const w of this.waiters.values()) w();
      this.waiters.clear();
    });
  }

  /** Ping the server and wait for the pong; false when it did not come in time. */
  async barrier(n: number, timeoutMs: number): Promise<boolean> {
    if (this.closed) return true;
    const id = `${BARRIER_PREFIX}${n}`;
    const pong = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        resolve(false);
      }, timeoutMs);
      this.waiters.set(id, () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    const ping = new Element('iq', { type: 'get', id, to: 'localhost' });
    ping.c('ping', { xmlns: 'urn:xmpp:ping' });
    try {
      await this.session.send(ping);
    } catch {
      return true; // closed meanwhile: nothing more can come
    }
    return pong;
  }

  take(): Received {
    const r: Received = { client: this.index, stanzas: this.inbox };
    this.inbox = [];
    if (this.stuck) r.stanzas = []; // gone since an earlier step
    if (this.closed && !this.reported && !this.stuck) {
      r.closed = this.closed;
      this.reported = true;
    }
    return r;
  }
}

export interface FlowSide {
  /** Send `stanza` as client `from`, then wait for the barrier; what each client received, in client order. */
  step(from: number, stanza: Element): Promise<Received[]>;
  /** Connection results, one per client (ok or the error). */
  readonly connected: Array<string | undefined>;
  close(): Promise<void>;
}

let barrierSeq = 0;

export async function openSide(
  transport: Transport,
  clients: ClientSpec[],
  opts: { barrierMs?: number } = {},
): Promise<FlowSide> {
  const barrierMs = opts.barrierMs ?? 5000;
  const live: Array<Client | undefined> = [];
  const connected: Array<string | undefined> = [];
  for (const [i, c] of clients.entries()) {
    try {
      const session = await transport.connect({
        jid: c.jid,
        password: 'password',
        resource: c.resource,
        clientName: `c${i}`,
      });
      live.push(new Client(i, session));
      connected.push(undefined);
    } catch (err) {
      live.push(undefined);
      connected.push(err instanceof Error ? err.message : String(err));
    }
  }
  const all = () => live.filter((c): c is Client => c !== undefined);
  // Settle the connections themselves (nothing is sent on connect, but be sure).
  for (const c of all()) await c.barrier(barrierSeq++, barrierMs);
  for (const c of all()) c.take();
  return {
    connected,
    async step(from, stanza) {
      const sender = live[from];
      const stalled = new Set<number>();
      if (sender && !sender.closed && !sender.stuck) {
        try {
          await sender.session.send(stanza);
        } catch {
          // the session closed: recorded by onClose
        }
        if (!(await sender.barrier(barrierSeq++, barrierMs))) stalled.add(from);
      }
      const others = all().filter((c) => c !== sender && !c.stuck);
      const oks = await Promise.all(others.map((c) => c.barrier(barrierSeq++, barrierMs)));
      others.forEach((c, k) => {
        if (!oks[k]) stalled.add(c.index);
      });
      return all().map((c) => {
        const r = c.take();
        if (stalled.has(c.index)) {
          r.stalled = true;
          c.stuck = true;
        }
        return r;
      });
    },
    async close() {
      await Promise.all(all().map((c) => c.session.close().catch(() => undefined)));
      await transport.dispose?.();
    },
  };
}
