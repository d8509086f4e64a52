// The mock XMPP server core: sessions, routing (RFC 6120 §8, RFC 6121 §8), presence broadcast, offline
// messages, the server's own iqs and the doors to components (the MUC). A pure state machine: no
// timers, no I/O. Behaviour follows Prosody 0.12 with the corpus config; each rule is numbered in
// SPEC.md ("Core") and cited here by id.
//
// Processing is asynchronous and ordered: `send` and `close` enqueue a task; a microtask drains the
// queue in order, so `settled()` can tell exactly when nothing is left to deliver (the runner decides
// `receives: nothing` on that, with no wall clock). Routing and delivery inside one task are synchronous,
// like Prosody's in-process routing.
//
// Internal stanza form: top-level elements carry no `xmlns` (jabber:client is implied); `from` is the
// sender's full JID (stamped by the core); what a session receives is a fresh copy with
// xmlns='jabber:client' on the stanza, the shape @xmpp/client's `stanza` events give from Prosody over
// WebSocket.
import { Element, type Node } from 'ltx';
import type { CloseReason } from '../runner/transport';
import type { Component, ComponentContext } from './component';
import { parseJid, bareOf, fullOf, type Jid } from './jid';
import { cryptoRandom, mediumId, type RandomSource } from './ids';
import {
  NS_CLIENT,
  NS_DELAY,
  appendChild,
  childElements,
  copyElement,
  frozenChildren,
  errorReply,
  xmppDateTime,
} from './stanza';
import { serverIq, ownAccountIq, pepIq, registerIq, timeIq, vcardIq } from './iqHandlers';
import { CONFIGURED_HOSTS } from './serverInfo';
import { PRESENCE_TYPES, SUBSCRIPTION_TYPES, injectVcardUpdate, parsePriority } from './presenceRules';
import type {
  ConnectOutcome,
  ConnectRequest,
  MockDiagnostic,
  MockServer,
  MockServerOptions,
  ServerSession,
  SessionHandlers,
} from './types';

export type {
  ConnectOutcome,
  ConnectRequest,
  MockDiagnostic,
  MockServer,
  MockServerOptions,
  ServerSession,
  SessionHandlers,
} from './types';
import { Rosters, NS_ROSTER } from './roster';
import { SNAPSHOT_VERSION, type MockSnapshot, type RoomSnapshot } from './inspect';

export const SERVER_DOMAIN = 'localhost';
/** CORE-AUTH-2: the corpus config's host where every login fails. */
export const SECURE_DOMAIN = 'secure.localhost';
/** Prosody's config freezes os.time() at this instant; offline-message stamps show it. */
export const FROZEN_TIME_MS = 1219439344 * 1000;

interface SessionState {
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
  /** Directed-presence targets (RFC 6121 §4.6), as written in `to`. */
  directed: Set<string>;
  handle: ServerSession;
}

type Origin =
  | { kind: 'client'; session: SessionState }
  | { kind: 'component'; component: Component }
  | { kind: 'server' };

type Task =
  | { kind: 'stanza'; session: SessionState; stanza: Element }
  | { kind: 'close'; session: SessionState; reason: CloseReason; done: () => void };

const MAX_DIAGNOSTICS = 500;

export function createMockServer(options: MockServerOptions = {}): MockServer {
  return new Server(options);
}

class Server implements MockServer {
  readonly domain = SERVER_DOMAIN;
  readonly diagnostics: MockDiagnostic[] = [];
  private readonly random: RandomSource;
  private readonly now: () => number;
  private readonly offlineStamp: string;
  private readonly components = new Map<string, Component>();
  private readonly bySession = new Map<string, SessionState>();
  /** Sessions by bare JID, in connection order (for broadcasts and bare-JID routing). */
  private readonly byBare = new Map<string, SessionState[]>();
  private readonly offline = new Map<string, Element[]>();
  private readonly rosters = new Rosters();
  /** Unanswered subscription requests by contact, then by requester (CORE-SUB-2). */
  private readonly pendingSubs = new Map<string, Map<string, Element>>();
  private queue: Task[] = [];
  private head = 0;
  private scheduled = false;
  private waiters: Array<() => void> = [];
  private readonly ctx: ComponentContext;
  /** During a component broadcast (CORE-WIRE-2): each sent element's frozen, shared children. */
  private sharedChildren: Map<Element, Node[]> | undefined;
  /** The element a component gave up (CORE-WIRE-3) while it is being routed. */
  private given: Element | undefined;

  constructor(private readonly options: MockServerOptions) {
    this.random = options.random ?? cryptoRandom;
    this.now = options.now ?? (() => Date.now());
    this.offlineStamp = xmppDateTime(options.offlineTime ?? FROZEN_TIME_MS);
    for (const c of options.components ?? []) this.addComponent(c);
    this.ctx = {
      send: (stanza) => this.fromComponent(stanza),
      sessionsOf: (bare) => this.sessionsOfBare(bare.toLowerCase()).map((s) => s.full),
      nextId: () => mediumId(this.random),
      give: (stanza) => {
        // CORE-WIRE-3: the first delivery of this element may take it as is (later ones copy).
        const prev = this.given;
        this.given = stanza;
        try {
          this.fromComponent(stanza);
        } finally {
          this.given = prev;
        }
      },
      broadcast: (fn) => {
        // CORE-WIRE-2: nested broadcasts share the outer cache; it is dropped when the outermost ends.
        if (this.sharedChildren) return fn();
        this.sharedChildren = new Map();
        try {
          return fn();
        } finally {
          this.sharedChildren = undefined;
        }
      },
    };
  }

  addComponent(component: Component): void {
    this.components.set(component.domain.toLowerCase(), component);
  }

  sessions(): string[] {
    return [...this.bySession.keys()];
  }

  inspect(): MockSnapshot {
    const rooms: RoomSnapshot[] = [];
    for (const c of this.components.values()) if (c.inspect) rooms.push(...c.inspect());
    return { version: SNAPSHOT_VERSION, sessions: this.sessions(), rooms };
  }

  // ---- sessions -------------------------------------------------------------------------------

  connect(request: ConnectRequest, handlers: SessionHandlers): ConnectOutcome {
    const jid = parseJid(request.jid);
    if (!jid || jid.local === undefined) {
      // CORE-AUTH-3: no username to authenticate.
      return {
        ok: false,
        kind: 'auth-failed',
        condition: 'not-authorized',
        message: `authentication failed for ${request.jid}: not-authorized`,
      };
    }
    if (jid.domain === SECURE_DOMAIN) {
      // CORE-AUTH-2
      return {
        ok: false,
        kind: 'auth-failed',
        condition: 'not-authorized',
        message: `authentication failed for ${request.jid}: not-authorized`,
      };
    }
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
    const resource = requested && requested.length > 0 ? requested : mediumId(this.random);
    const bound: Jid = { local: jid.local, domain: jid.domain, resource };
    const full = fullOf(bound);
    // CORE-BIND-3: a second session with the same full JID replaces the first (Prosody's kick_old).
    const old = this.bySession.get(full);
    if (old) {
      this.endSession(old, {
        kind: 'stream-error',
        condition: 'conflict',
        text: 'Replaced by new connection',
      });
    }
    const state: SessionState = {
      jid: bound,
      full,
      bare: bareOf(bound),
      handlers,
      open: true,
      available: false,
      priority: 0,
      rosterInterested: false,
      directed: new Set(),
      handle: undefined as unknown as ServerSession,
    };
    state.handle = {
      jid: full,
      get open() {
        return state.open;
      },
      send: (stanza) => this.enqueue({ kind: 'stanza', session: state, stanza }),
      close: () =>
        new Promise<void>((done) =>
          this.enqueue({ kind: 'close', session: state, reason: { kind: 'requested' }, done }),
        ),
    };
    this.bySession.set(full, state);
    this.byBare.set(state.bare, [...(this.byBare.get(state.bare) ?? []), state]);
    return { ok: true, session: state.handle };
  }

  reset(): void {
    const sessions = [...this.bySession.values()];
    this.bySession.clear();
    this.byBare.clear();
    this.offline.clear();
    this.rosters.clear();
    this.pendingSubs.clear();
    for (let i = this.head; i < this.queue.length; i++) {
      const t = this.queue[i];
      if (t.kind === 'close') t.done();
    }
    this.queue = [];
    this.head = 0;
    for (const s of sessions) {
      s.open = false;
      this.safely(() => s.handlers.closed({ kind: 'dropped', message: 'the mock server was reset' }));
    }
    for (const c of this.components.values()) this.safely(() => c.reset?.());
    this.diagnostics.length = 0;
  }

  // ---- the task queue -------------------------------------------------------------------------

  settled(): Promise<void> {
    if (!this.scheduled && this.head >= this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private enqueue(task: Task): void {
    this.queue.push(task);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.drain());
    }
  }

  /**
   * One task per microtask (CORE-Q-3): what one stanza causes is delivered together, in one turn, and
   * the next stanza's effects come in a later turn, as Prosody flushes a socket per processed stanza.
   * Listeners that group deliveries by turn (the runner's bursts) see the same grouping as on the wire.
   */
  private drain(): void {
    if (this.head < this.queue.length) {
      const task = this.queue[this.head++];
      this.run(task);
      this.safely(() => this.options.onTurn?.());
    }
    if (this.head < this.queue.length) {
      queueMicrotask(() => this.drain());
      return;
    }
    this.queue = [];
    this.head = 0;
    this.scheduled = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  private run(task: Task): void {
    if (task.kind === 'close') {
      try {
        if (task.session.open) this.endSession(task.session, task.reason);
      } catch (err) {
        this.report('error', 'handler-exception', `closing ${task.session.full}: ${describe(err)}`);
      } finally {
        task.done();
      }
      return;
    }
    const { session, stanza } = task;
    if (!session.open) return;
    try {
      this.fromClient(session, stanza);
    } catch (err) {
      // CORE-ERR-1: never a crash; the sender gets internal-server-error.
      this.report('error', 'handler-exception', describe(err), stanza);
      const t = stanza.attrs.type;
      if (t !== 'error' && t !== 'result' && session.open) {
        this.deliver(session, errorReply(stanza, 'cancel', 'internal-server-error'));
      }
    }
  }

  /** Session end (CORE-PRES-8): remove it, then tell its contacts and directed targets it left. */
  private endSession(s: SessionState, reason: CloseReason): void {
    if (!s.open) return;
    s.open = false;
    if (this.bySession.get(s.full) === s) this.bySession.delete(s.full);
    const siblings = (this.byBare.get(s.bare) ?? []).filter((x) => x !== s);
    if (siblings.length > 0) this.byBare.set(s.bare, siblings);
    else this.byBare.delete(s.bare);
    // CORE-PRES-8: a stream error is told as Prosody does: "Disconnected: <text or condition>".
    const status =
      reason.kind === 'stream-error' ? `Disconnected: ${reason.text ?? reason.condition}` : undefined;
    const unavailable = (to?: string): Element => {
      const pres = new Element('presence', { from: s.full, to, type: 'unavailable' });
      if (to === undefined) delete pres.attrs.to;
      if (status !== undefined) pres.c('status').t(status);
      return pres;
    };
    if (s.available) {
      this.broadcastPresence(s, unavailable());
    } else if (s.directed.size > 0) {
      for (const to of s.directed) this.routePresence({ kind: 'client', session: s }, unavailable(to));
      s.directed.clear();
    }
    this.safely(() => s.handlers.closed(reason));
  }

  // ---- from clients ---------------------------------------------------------------------------

  private fromClient(s: SessionState, stanza: Element): void {
    // CORE-STREAM-1: only jabber:client message/presence/iq are stanzas.
    const xmlns = stanza.attrs.xmlns;
    if (
      !(stanza.name === 'message' || stanza.name === 'presence' || stanza.name === 'iq') ||
      (xmlns !== undefined && xmlns !== NS_CLIENT)
    ) {
      this.endSession(s, { kind: 'stream-error', condition: 'unsupported-stanza-type' });
      return;
    }
    if (exceedsSize(stanza, STANZA_SIZE_LIMIT)) {
      // CORE-STREAM-2: Prosody's c2s_stanza_size_limit (256 KiB): the stream ends, policy-violation.
      this.endSession(s, { kind: 'stream-error', condition: 'policy-violation', text: 'stanza too large' });
      return;
    }
    delete stanza.attrs.xmlns;
    // CORE-WIRE-4: an XML parser normalises tab, CR and LF in attribute values to spaces.
    for (const k in stanza.attrs) {
      const v = stanza.attrs[k];
      if (typeof v === 'string' && /[\t\n\r]/.test(v)) stanza.attrs[k] = v.replace(/[\t\n\r]/g, ' ');
    }
    // CORE-STAMP-1: the server stamps the sender's full JID and the stream's language.
    stanza.attrs.from = s.full;
    if (stanza.attrs['xml:lang'] === undefined) stanza.attrs['xml:lang'] = 'en';
    const origin: Origin = { kind: 'client', session: s };

    if (stanza.name === 'iq' && !this.validIq(origin, stanza)) return;
    if (stanza.name === 'presence') {
      const t = stanza.attrs.type;
      if (t !== undefined && !PRESENCE_TYPES.has(t)) {
        // CORE-PRES-9
        this.reply(origin, errorReply(stanza, 'modify', 'bad-request', 'Invalid presence type'));
        return;
      }
    }

    const toAttr = stanza.attrs.to;
    if (toAttr !== undefined) {
      const to = parseJid(toAttr);
      // CORE-JID-1: `localhost.` is `localhost` (the stanza is routed, and delivered, as prepped).
      if (to && toAttr.split('/')[0].endsWith('.')) stanza.attrs.to = fullOf(to);
      if (!to) {
        // CORE-ERR-3
        if (stanza.attrs.type !== 'error' && stanza.attrs.type !== 'result') {
          this.reply(
            origin,
            errorReply(stanza, 'modify', 'jid-malformed', `The destination address is invalid: ${toAttr}`),
          );
        }
        return;
      }
      stanza.attrs.to = fullOf(to);
    }

    switch (stanza.name) {
      case 'message':
        // CORE-MSG-6: a message to one's own bare JID is handled as one with no `to`.
        if (stanza.attrs.to === s.bare) delete stanza.attrs.to;
        if (stanza.attrs.to === undefined) {
          this.messageToBare(origin, s.bare, stanza);
          return;
        }
        this.route(origin, stanza);
        return;
      case 'presence':
        this.clientPresence(s, stanza);
        return;
      case 'iq':
        // CORE-IQ-6: an iq to one's own bare JID is handled as one with no `to`.
        if (stanza.attrs.to === s.bare) delete stanza.attrs.to;
        if (stanza.attrs.to === undefined) {
          this.ownAccountIq(origin, s, stanza);
          return;
        }
        this.route(origin, stanza);
        return;
    }
  }

  /** CORE-IQ-1: Prosody's stanza router checks every iq from a client before routing it. */
  private validIq(origin: Origin, iq: Element): boolean {
    if (iq.attrs.id === undefined) {
      this.reply(origin, errorReply(iq, 'modify', 'bad-request', "Missing required 'id' attribute"));
      return false;
    }
    const t = iq.attrs.type;
    if (t === 'get' || t === 'set') {
      if (childElements(iq).length !== 1) {
        this.reply(
          origin,
          errorReply(iq, 'modify', 'bad-request', 'Incorrect number of children for IQ stanza'),
        );
        return false;
      }
    } else if (t !== 'result' && t !== 'error') {
      this.reply(origin, errorReply(iq, 'modify', 'bad-request', 'Invalid IQ type'));
      return false;
    }
    return true;
  }

  private clientPresence(s: SessionState, stanza: Element): void {
    const t = stanza.attrs.type;
    if (t === undefined) injectVcardUpdate(stanza);
    if (stanza.attrs.to === undefined) {
      if (t === undefined || t === 'unavailable') {
        this.broadcastPresence(s, stanza);
      } else {
        // CORE-PRES-9: only available/unavailable may be broadcast.
        this.reply(
          { kind: 'client', session: s },
          errorReply(stanza, 'modify', 'bad-request', 'Invalid presence type'),
        );
      }
      return;
    }
    // CORE-PRES-6: directed presence is remembered, so leaving tells the target (e.g. a MUC room).
    if (t === undefined) s.directed.add(stanza.attrs.to);
    else if (t === 'unavailable' || t === 'error') s.directed.delete(stanza.attrs.to);
    this.routePresence({ kind: 'client', session: s }, stanza);
  }

  /**
   * CORE-PRES-1..5 (Prosody's handle_normal_presence): a presence with no `to` goes to the sender's
   * other available resources (with their `to`), is echoed to the sender (without `to`); an initial
   * presence then brings the other resources' presences (with `<delay>`) and, at priority >= 0, the
   * offline messages; unavailable presence also goes to every directed-presence target.
   */
  private broadcastPresence(s: SessionState, stanza: Element): void {
    const t = stanza.attrs.type;
    const priority = t === undefined ? parsePriority(stanza) : 0;
    for (const other of this.sessionsOfBare(s.bare)) {
      if (other === s || !other.available) continue;
      const copy = copyElement(stanza);
      copy.attrs.to = other.full;
      this.deliver(other, copy);
    }
    if (s.open) this.deliver(s, stanza);
    if (t === undefined) {
      const initial = !s.available;
      s.available = true;
      s.priority = priority;
      const stored = copyElement(stanza);
      appendChild(
        stored,
        new Element('delay', {
          xmlns: NS_DELAY,
          from: SERVER_DOMAIN,
          stamp: xmppDateTime(this.now()),
        }),
      );
      s.presence = stored;
      if (initial && s.open) {
        for (const other of this.sessionsOfBare(s.bare)) {
          if (other === s || !other.available || !other.presence) continue;
          const copy = copyElement(other.presence);
          copy.attrs.to = s.full;
          this.deliver(s, copy);
        }
        // CORE-SUB-2: unanswered subscription requests, as stored, on every initial presence.
        for (const req of this.pendingSubs.get(s.bare)?.values() ?? []) this.deliver(s, req);
        if (priority >= 0) this.flushOffline(s);
      }
    } else {
      s.available = false;
      s.presence = undefined;
      s.priority = 0;
      for (const to of s.directed) {
        const copy = copyElement(stanza);
        copy.attrs.to = to;
        this.routePresence({ kind: 'client', session: s }, copy);
      }
      s.directed.clear();
    }
  }

  /** CORE-MSG-4: stored messages, in order, each with Prosody's frozen-clock `<delay>`. */
  private flushOffline(s: SessionState): void {
    const stored = this.offline.get(s.bare);
    if (!stored) return;
    this.offline.delete(s.bare);
    for (const msg of stored) {
      appendChild(
        msg,
        new Element('delay', { xmlns: NS_DELAY, from: SERVER_DOMAIN, stamp: this.offlineStamp }),
      );
      this.deliver(s, msg);
    }
  }

  private ownAccountIq(origin: Origin, s: SessionState, iq: Element): void {
    const t = iq.attrs.type;
    if (t === 'result' || t === 'error') return;
    const payload = childElements(iq)[0];
    if (payload?.name === 'query' && payload.attrs.xmlns === NS_ROSTER) {
      const { reply, push } = this.rosters.handle(iq, s.bare);
      if (iq.attrs.type === 'get' && reply.attrs.type === 'result') s.rosterInterested = true;
      this.reply(origin, reply);
      // CORE-ROSTER-5: pushed after the result.
      if (push) this.pushRoster(s.bare, push);
      return;
    }
    const reply = ownAccountIq(iq, s.bare);
    this.reply(origin, reply ?? errorReply(iq, 'cancel', 'service-unavailable'));
  }

  // ---- routing --------------------------------------------------------------------------------

  /** Route a message or iq with a valid, normalised `to` (CORE-ROUTE-*). */
  private route(origin: Origin, stanza: Element): void {
    if (stanza.name === 'presence') {
      this.routePresence(origin, stanza);
      return;
    }
    const to = parseJid(stanza.attrs.to)!;
    const t = stanza.attrs.type;
    const answerable = t !== 'error' && t !== 'result';
    const component = this.components.get(to.domain);
    if (component) {
      this.toComponent(origin, component, stanza);
      return;
    }
    if (to.domain === SERVER_DOMAIN) {
      if (to.local === undefined) {
        // CORE-IQ-2: the server itself.
        if (stanza.name === 'iq' && answerable) {
          const reply =
            serverIq(stanza, this.discoItems()) ?? timeIq(stanza, this.now()) ?? registerIq(stanza);
          this.reply(origin, reply ?? errorReply(stanza, 'cancel', 'service-unavailable'));
        } else if (stanza.name === 'message' && t !== 'error') {
          this.reply(origin, errorReply(stanza, 'cancel', 'service-unavailable'));
        }
        return;
      }
      const bare = bareOf(to);
      if (to.resource !== undefined) {
        const target = this.bySession.get(stanza.attrs.to);
        if (target) {
          // CORE-ROUTE-1: a full JID that is online gets the stanza, available or not.
          this.deliver(target, stanza);
          return;
        }
        if (stanza.name === 'message') {
          // CORE-MSG-2: to a resource that is not online: as if to the bare JID.
          this.messageToBare(origin, bare, stanza);
        } else if (answerable) {
          // CORE-ROUTE-2
          this.reply(origin, errorReply(stanza, 'cancel', 'service-unavailable'));
        }
        return;
      }
      if (stanza.name === 'message') {
        this.messageToBare(origin, bare, stanza);
      } else if (answerable) {
        // CORE-ROUTE-3: another account's bare JID serves nothing the mock models but its vCard
        // (CORE-IQ-9).
        this.reply(
          origin,
          vcardIq(stanza) ??
            pepIq(stanza) ??
            timeIq(stanza, this.now()) ??
            errorReply(stanza, 'cancel', 'service-unavailable'),
        );
      }
      return;
    }
    if (CONFIGURED_HOSTS.includes(to.domain)) {
      // CORE-ROUTE-4: hosts of the corpus config the mock does not implement (pubsub, upload; no
      // accounts on secure.localhost).
      if (answerable) this.reply(origin, errorReply(stanza, 'cancel', 'service-unavailable'));
      return;
    }
    // CORE-ROUTE-5: s2s is disabled.
    if (t !== 'error') {
      this.reply(
        origin,
        errorReply(stanza, 'cancel', 'not-allowed', 'Communication with remote domains is not enabled'),
      );
    }
  }

  /** RFC 6121 §8.5.2 as Prosody's mod_message does it (CORE-MSG-1..5). */
  private messageToBare(origin: Origin, bare: string, stanza: Element): void {
    const t = stanza.attrs.type ?? 'normal';
    if (t === 'error') return;
    if (t === 'groupchat') {
      this.reply(origin, errorReply(stanza, 'cancel', 'service-unavailable'));
      return;
    }
    const sessions = this.sessionsOfBare(bare).filter((x) => x.available && x.priority >= 0);
    if (t === 'headline') {
      if (stanza.attrs.to === bare) for (const x of sessions) this.deliver(x, copyElement(stanza));
      return;
    }
    const top = Math.max(-Infinity, ...sessions.map((x) => x.priority));
    const recipients = sessions.filter((x) => x.priority === top);
    if (recipients.length > 0) {
      for (const x of recipients) this.deliver(x, copyElement(stanza));
      return;
    }
    // CORE-MSG-3: nobody available with priority >= 0: store (every localhost account exists).
    // The stored copy keeps its `to` as sent (a full JID stays full; none stays none).
    const stored = copyElement(stanza);
    const list = this.offline.get(bare) ?? [];
    list.push(stored);
    this.offline.set(bare, list);
  }

  /** RFC 6121 §4.6 / §8.5 for presence, as Prosody's mod_presence (CORE-PRES-6..7). */
  private routePresence(origin: Origin, stanza: Element): void {
    const to = parseJid(stanza.attrs.to ?? '');
    if (!to) return;
    const t = stanza.attrs.type;
    const component = this.components.get(to.domain);
    if (component) {
      if (origin.kind === 'client' && t !== undefined && t !== 'probe' && SUBSCRIPTION_TYPES.has(t)) {
        // CORE-SUB-4 (Prosody's outbound subscription handling): stamped from the bare JID to the
        // bare JID; a subscribe marks the roster item ask='subscribe'; an unsubscribed with no
        // subscription to cancel is not routed at all.
        if (t === 'unsubscribed') return;
        const s = origin.session;
        stanza.attrs.from = s.bare;
        stanza.attrs.to = bareOf(to);
        if (t === 'subscribe') this.pushRoster(s.bare, this.rosters.markAsk(s.bare, bareOf(to)));
      }
      this.toComponent(origin, component, stanza);
      return;
    }
    if (to.domain === SERVER_DOMAIN) {
      if (to.local === undefined) return;
      if (t === 'subscribe' && origin.kind === 'client') {
        this.subscribe(origin.session, bareOf(to), stanza);
        return;
      }
      if (t !== undefined && SUBSCRIPTION_TYPES.has(t)) {
        // CORE-PRES-10: answers to subscriptions and probes between users are not modelled.
        this.report(
          'warning',
          'not-modelled',
          `presence subscriptions are not modelled by the mock (type='${t}' dropped)`,
          stanza,
        );
        return;
      }
      if (to.resource !== undefined) {
        const target = this.bySession.get(fullOf(to));
        if (target) this.deliver(target, stanza);
        return;
      }
      // CORE-PRES-11: a presence error to a bare JID reaches every session (observed: one that never
      // sent presence gets the MUC's answer to its subscription request); others, available ones.
      for (const x of this.sessionsOfBare(bareOf(to))) {
        if (x.available || t === 'error') this.deliver(x, copyElement(stanza));
      }
      return;
    }
    if (CONFIGURED_HOSTS.includes(to.domain)) return;
    if (t !== 'error') {
      this.reply(
        origin,
        errorReply(stanza, 'cancel', 'not-allowed', 'Communication with remote domains is not enabled'),
      );
    }
  }

  /**
   * CORE-SUB-1/2 (RFC 6121 §3.1.2-3.1.3, Prosody's mod_presence): an outbound subscription request is
   * stamped with the requester's bare JID and addressed to the contact's bare JID; the requester's
   * roster item gets ask='subscribe' (pushed); the contact keeps the first request as sent until it is
   * answered, and its available resources get it now.
   */
  private subscribe(s: SessionState, contact: string, stanza: Element): void {
    if (contact === s.bare) return;
    const req = copyElement(stanza);
    req.attrs.from = s.bare;
    req.attrs.to = contact;
    const pending = this.pendingSubs.get(contact) ?? new Map<string, Element>();
    if (!pending.has(s.bare)) pending.set(s.bare, req);
    this.pendingSubs.set(contact, pending);
    for (const x of this.sessionsOfBare(contact)) if (x.available) this.deliver(x, req);
    this.pushRoster(s.bare, this.rosters.markAsk(s.bare, contact));
  }

  /** CORE-ROSTER-5: a roster push to every resource of `bare` that asked for the roster. */
  private pushRoster(bare: string, push: Element): void {
    for (const x of this.sessionsOfBare(bare)) {
      if (!x.rosterInterested) continue;
      const copy = copyElement(push);
      copy.attrs.id = mediumId(this.random);
      this.deliver(x, copy);
    }
  }

  // ---- components -----------------------------------------------------------------------------

  private toComponent(origin: Origin, component: Component, stanza: Element): void {
    const copy = copyElement(stanza);
    try {
      component.handle(copy, this.ctx);
    } catch (err) {
      // CORE-ERR-2: a component's exception is the sender's internal-server-error, never a crash.
      this.report('error', 'component-exception', `${component.domain}: ${describe(err)}`, stanza);
      const t = stanza.attrs.type;
      if (t !== 'error' && t !== 'result') {
        this.reply(origin, errorReply(stanza, 'cancel', 'internal-server-error'));
      }
    }
  }

  /** CORE-COMP-2: what a component sends is routed like any stanza; errors come back to it. */
  private fromComponent(stanza: Element): void {
    const from = parseJid(stanza.attrs.from ?? '');
    const component = from ? this.components.get(from.domain) : undefined;
    if (!component) {
      this.report(
        'error',
        'component-bad-from',
        `a component sent a stanza whose from is not on a component domain`,
        stanza,
      );
      return;
    }
    const to = parseJid(stanza.attrs.to ?? '');
    if (!to) {
      this.report('error', 'component-bad-to', `${component.domain} sent a stanza with no valid to`, stanza);
      return;
    }
    // Routing only reads the stanza (every delivery or storage takes its own copy), so the component's
    // element is used as is unless it needs normalising.
    let el = stanza;
    const normalTo = fullOf(to);
    if (el.attrs.xmlns !== undefined || el.attrs.to !== normalTo) {
      el = copyElement(stanza);
      delete el.attrs.xmlns;
      el.attrs.to = normalTo;
    }
    // Fast path of the MUC's fan-out (same outcome as route -> routePresence, CORE-PRES-7): an
    // available/unavailable presence to an online local full JID is delivered, to an offline one dropped.
    if (
      el.name === 'presence' &&
      to.resource !== undefined &&
      to.local !== undefined &&
      to.domain === SERVER_DOMAIN &&
      (el.attrs.type === undefined || el.attrs.type === 'unavailable')
    ) {
      const target = this.bySession.get(normalTo);
      if (target) this.deliver(target, el);
      return;
    }
    const origin: Origin = { kind: 'component', component };
    try {
      this.route(origin, el);
    } catch (err) {
      this.report('error', 'handler-exception', describe(err), el);
    }
  }

  private discoItems(): string[] {
    const items = [...CONFIGURED_HOSTS];
    for (const domain of this.components.keys()) if (!items.includes(domain)) items.push(domain);
    return items;
  }

  // ---- delivery -------------------------------------------------------------------------------

  private reply(origin: Origin, reply: Element): void {
    if (origin.kind === 'client') {
      if (origin.session.open) this.deliver(origin.session, reply);
    } else if (origin.kind === 'component') {
      this.toComponent({ kind: 'server' }, origin.component, reply);
    }
  }

  /** Give a session its own copy, shaped as received over WebSocket (xmlns first). */
  private deliver(s: SessionState, stanza: Element): void {
    if (!s.open) return;
    if (stanza === this.given && !this.sharedChildren) {
      // CORE-WIRE-3: nobody else holds this element: it becomes the delivery (attributes re-laid with
      // xmlns first, as a copy would have them).
      this.given = undefined;
      const attrs: Record<string, string> = { xmlns: NS_CLIENT };
      const src = stanza.attrs;
      for (const k in src) {
        const v = src[k];
        if (k !== 'xmlns' && v !== undefined && v !== null) attrs[k] = v;
      }
      stanza.attrs = attrs;
      stanza.parent = null;
      try {
        s.handlers.deliver(stanza);
      } catch (err) {
        this.report('error', 'listener-exception', describe(err));
      }
      return;
    }
    const out = new Element(stanza.name);
    // xmlns first, then the stanza's attributes in order (a loop: object spread is slow on ltx's attrs).
    const attrs: Record<string, string> = { xmlns: NS_CLIENT };
    const src = stanza.attrs;
    for (const k in src) if (k !== 'xmlns') attrs[k] = src[k];
    out.attrs = attrs;
    const children = stanza.children;
    const outChildren = out.children;
    if (this.sharedChildren) {
      let kids = this.sharedChildren.get(stanza);
      if (!kids) this.sharedChildren.set(stanza, (kids = frozenChildren(stanza)));
      for (let i = 0; i < kids.length; i++) outChildren.push(kids[i]);
    } else
      for (let i = 0; i < children.length; i++) {
        const child = children[i];
        if (typeof child === 'string') outChildren.push(child);
        else {
          const c = copyElement(child);
          c.parent = out;
          outChildren.push(c);
        }
      }
    try {
      s.handlers.deliver(out);
    } catch (err) {
      this.report('error', 'listener-exception', describe(err));
    }
  }

  private sessionsOfBare(bare: string): SessionState[] {
    return this.byBare.get(bare) ?? [];
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.report('error', 'listener-exception', describe(err));
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

/** Prosody 0.12's default c2s_stanza_size_limit, in bytes of serialized XML. */
export const STANZA_SIZE_LIMIT = 256 * 1024;

/** Whether the stanza's serialized size is above `limit` (text and attribute lengths, tags estimated). */
function exceedsSize(root: Element, limit: number): boolean {
  let size = 0;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (typeof n === 'string') size += n.length;
    else if (n instanceof Element) {
      size += 2 * n.name.length + 5;
      for (const k in n.attrs) size += k.length + String(n.attrs[k]).length + 4;
      for (const c of n.children) stack.push(c);
    }
    if (size > limit) return true;
  }
  return false;
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}
