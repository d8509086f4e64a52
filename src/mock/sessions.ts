// Sessions (SPEC.md "Core", CORE-AUTH-*, CORE-BIND-*): who may log in, which full JID a stream is bound
// to, and the registry of online sessions by full and by bare JID (in connection order, the order
// broadcasts and bare-JID routing use).
import type { Element } from 'ltx';
import { parseJid, bareOf, fullOf, type Jid } from './jid';
import { mediumId, type RandomSource } from './ids';
import type { ConnectOutcome, ConnectRequest, ServerSession, SessionHandlers } from './types';

export const SERVER_DOMAIN = 'localhost';
/** CORE-AUTH-2: the corpus config's host where every login fails. */
export const SECURE_DOMAIN = 'secure.localhost';

/** One client stream, as the core keeps it. */
export interface SessionState {
  jid: Jid;
  full: string;
  bare: string;
  handlers: SessionHandlers;
  open: boolean;
  /** Has sent available presence (and not unavailable since). */
  available: boolean;
  /** The last available presence, with a `<delay>` (sent to own resources coming online). */
  presence?: Element;
  priority: number;
  /** Asked for its roster: gets roster pushes (RFC 6121 §2.1.6). */
  rosterInterested: boolean;
  /** The session queried its account's archive (CORE-IQ-18): no offline messages are sent to it. */
  mamRequested: boolean;
  /** Directed-presence targets (RFC 6121 §4.6), as written in `to`. */
  directed: Set<string>;
  handle: ServerSession;
}

type Refusal = Extract<ConnectOutcome, { ok: false }>;

const notAuthorized = (jid: string): Refusal => ({
  ok: false,
  kind: 'auth-failed',
  condition: 'not-authorized',
  message: `authentication failed for ${jid}: not-authorized`,
});

/** CORE-AUTH-2..4 and CORE-BIND-1/2: the full JID a login binds, or why it is refused. */
export function bindJid(request: ConnectRequest, random: RandomSource): Jid | Refusal {
  const jid = parseJid(request.jid);
  // CORE-AUTH-3: no username to authenticate.
  if (!jid || jid.local === undefined) return notAuthorized(request.jid);
  // CORE-AUTH-2
  if (jid.domain === SECURE_DOMAIN) return notAuthorized(request.jid);
  if (jid.domain !== SERVER_DOMAIN) {
    // CORE-AUTH-4
    return {
      ok: false,
      kind: 'protocol',
      condition: 'host-unknown',
      message: `the server sent a stream error: host-unknown (This server does not serve ${jid.domain})`,
    };
  }
  // CORE-BIND-1/2: the requested resource, else a random one as Prosody makes them.
  const requested = request.resource ?? jid.resource;
  const resource = requested && requested.length > 0 ? requested : mediumId(random);
  return { local: jid.local, domain: jid.domain, resource };
}

/** A fresh open session bound to `bound`; its handle's sends and closes go through `port`. */
export function newSession(
  bound: Jid,
  handlers: SessionHandlers,
  port: { send(s: SessionState, stanza: Element): void; close(s: SessionState): Promise<void> },
): SessionState {
  const state: SessionState = {
    jid: bound,
    full: fullOf(bound),
    bare: bareOf(bound),
    handlers,
    open: true,
    available: false,
    priority: 0,
    rosterInterested: false,
    mamRequested: false,
    directed: new Set(),
    handle: undefined as unknown as ServerSession,
  };
  state.handle = {
    jid: state.full,
    get open() {
      return state.open;
    },
    send: (stanza) => port.send(state, stanza),
    close: () => port.close(state),
  };
  return state;
}

/** The online sessions, by full JID and by bare JID in connection order. */
export class Sessions {
  private readonly byFull = new Map<string, SessionState>();
  private readonly byBare = new Map<string, SessionState[]>();

  get(full: string): SessionState | undefined {
    return this.byFull.get(full);
  }

  /** The sessions of a bare JID (as stored: lower-case local and domain), in connection order. */
  ofBare(bare: string): SessionState[] {
    return this.byBare.get(bare) ?? [];
  }

  fullJids(): string[] {
    return [...this.byFull.keys()];
  }

  all(): SessionState[] {
    return [...this.byFull.values()];
  }

  add(s: SessionState): void {
    this.byFull.set(s.full, s);
    this.byBare.set(s.bare, [...this.ofBare(s.bare), s]);
  }

  remove(s: SessionState): void {
    if (this.byFull.get(s.full) === s) this.byFull.delete(s.full);
    const siblings = this.ofBare(s.bare).filter((x) => x !== s);
    if (siblings.length > 0) this.byBare.set(s.bare, siblings);
    else this.byBare.delete(s.bare);
  }

  clear(): void {
    this.byFull.clear();
    this.byBare.clear();
  }
}
