// What the server keeps per account between sessions: offline messages (CORE-MSG-3/4), rosters and
// their pushes (CORE-ROSTER-*), unanswered subscription requests (CORE-SUB-1/2), private XML storage
// (CORE-IQ-15), vCards (CORE-IQ-17), message archives (CORE-IQ-18).
import { Element } from 'ltx';
import type { Core } from './core';
import { mediumId } from './ids';
import { AccountArchives } from './accountMam';
import { AccountVcards } from './accountVcards';
import { PrivateStorage } from './privateStorage';
import { Rosters } from './roster';
import { SERVER_DOMAIN, type SessionState } from './sessions';
import { NS_DELAY, appendChild, copyElement } from './stanza';

export class Accounts {
  readonly rosters = new Rosters();
  readonly privateStorage = new PrivateStorage();
  readonly vcards: AccountVcards;
  private readonly offline = new Map<string, Element[]>();
  /** CORE-IQ-14: the status of each account's last broadcast unavailable presence ('' for none). */
  private readonly lastUnavailable = new Map<string, string>();
  /** Unanswered subscription requests by contact, then by requester (CORE-SUB-2). */
  private readonly pendingSubs = new Map<string, Map<string, Element>>();

  /** Message archives (CORE-IQ-18), stamped with the offline messages' instant (the frozen clock). */
  readonly archives: AccountArchives;

  constructor(
    private readonly core: Core,
    /** The instant stamped on offline messages (XMPP date-time). */
    private readonly offlineStamp: string,
  ) {
    this.archives = new AccountArchives(() => mediumId(core.random), offlineStamp);
    this.vcards = new AccountVcards((message, stanza) =>
      core.report('warning', 'not-modelled', message, stanza),
    );
  }

  clear(): void {
    this.offline.clear();
    this.rosters.clear();
    this.pendingSubs.clear();
    this.lastUnavailable.clear();
    this.privateStorage.clear();
    this.vcards.clear();
    this.archives.clear();
  }

  /** CORE-IQ-14: a broadcast unavailable presence (no `to`) from the account: its status is kept. */
  wentUnavailable(bare: string, presence: Element): void {
    this.lastUnavailable.set(bare, presence.getChildText('status') ?? '');
  }

  lastStatus(bare: string): string | undefined {
    return this.lastUnavailable.get(bare);
  }

  /** CORE-MSG-3: keep a message for `bare` (every localhost account exists); `to` stays as sent. */
  store(bare: string, stanza: Element): void {
    const list = this.offline.get(bare) ?? [];
    list.push(copyElement(stanza));
    this.offline.set(bare, list);
  }

  /** CORE-MSG-4: stored messages, in order, each with Prosody's frozen-clock `<delay>`. */
  flushOffline(s: SessionState): void {
    // CORE-IQ-18: mod_mam keeps a session that queried the archive from the broadcast (they stay stored).
    if (s.mamRequested) return;
    const stored = this.offline.get(s.bare);
    if (!stored) return;
    this.offline.delete(s.bare);
    for (const msg of stored) {
      appendChild(
        msg,
        new Element('delay', { xmlns: NS_DELAY, from: SERVER_DOMAIN, stamp: this.offlineStamp }),
      );
      this.core.delivery.deliver(s, msg);
    }
  }

  /** CORE-SUB-2: the unanswered subscription requests to `bare`, as stored. */
  pendingFor(bare: string): Iterable<Element> {
    return this.pendingSubs.get(bare)?.values() ?? [];
  }

  /**
   * CORE-SUB-1/2/6 (RFC 6121 §3.1.2-3.1.3, Prosody's mod_presence): an outbound subscription request is
   * stamped with the requester's bare JID and addressed to the contact's bare JID; the requester's
   * roster item gets ask='subscribe' (pushed); the contact's server acknowledges receipt with an
   * unavailable presence to the requester's bare JID; the contact keeps the first request as sent until
   * it is answered, and its available resources get it then (a repeat is not delivered again).
   */
  subscribe(s: SessionState, contact: string, stanza: Element): void {
    if (contact === s.bare) return;
    const req = copyElement(stanza);
    req.attrs.from = s.bare;
    req.attrs.to = contact;
    this.markAsk(s.bare, contact);
    // CORE-SUB-6: the acknowledgement reaches the requester's available resources.
    const ack = new Element('presence', { from: contact, to: s.bare, type: 'unavailable' });
    for (const x of this.core.sessions.ofBare(s.bare)) if (x.available) this.core.delivery.deliver(x, ack);
    const pending = this.pendingSubs.get(contact) ?? new Map<string, Element>();
    if (pending.has(s.bare)) return;
    pending.set(s.bare, req);
    this.pendingSubs.set(contact, pending);
    for (const x of this.core.sessions.ofBare(contact)) if (x.available) this.core.delivery.deliver(x, req);
  }

  /**
   * CORE-SUB-7 (mod_presence's presence/host): the server answers a probe with its available presence,
   * and approves a subscription request at once (`subscribed`, the roster item becomes 'to', then its
   * presence), all to the user's bare JID: its available resources get them.
   */
  toServer(s: SessionState, stanza: Element): void {
    const t = stanza.attrs.type;
    const toBare = (attrs: Record<string, string | undefined>): void => {
      const p = new Element('presence', { from: SERVER_DOMAIN, to: s.bare, ...attrs });
      if (p.attrs.id === undefined) delete p.attrs.id;
      for (const x of this.core.sessions.ofBare(s.bare)) if (x.available) this.core.delivery.deliver(x, p);
    };
    if (t === 'probe') {
      toBare({ id: stanza.attrs.id });
    } else if (t === 'subscribe') {
      this.markAsk(s.bare, SERVER_DOMAIN);
      const push = this.rosters.approve(s.bare, SERVER_DOMAIN);
      if (push) {
        toBare({ id: stanza.attrs.id, type: 'subscribed' });
        this.pushRoster(s.bare, push);
      }
      toBare({ id: stanza.attrs.id });
    } else if (t === 'unsubscribe') {
      const push = this.rosters.unsubscribe(s.bare, SERVER_DOMAIN);
      if (push) this.pushRoster(s.bare, push);
    }
  }

  /** CORE-SUB-7: the contacts `bare` is subscribed to (an initial presence probes them). */
  subscribedTo(bare: string): string[] {
    return this.rosters.subscribedTo(bare);
  }

  /** CORE-SUB-5: the contacts `bare` asked for a subscription and that have not answered. */
  asked(bare: string): string[] {
    return this.rosters.asked(bare);
  }

  /** CORE-SUB-1/4: `bare` asked `contact` for a subscription: its roster item shows it (pushed). */
  markAsk(bare: string, contact: string): void {
    this.pushRoster(bare, this.rosters.markAsk(bare, contact));
  }

  /** CORE-ROSTER-5: a roster push to every resource of `bare` that asked for the roster. */
  pushRoster(bare: string, push: Element): void {
    for (const x of this.core.sessions.ofBare(bare)) {
      if (!x.rosterInterested) continue;
      const copy = copyElement(push);
      copy.attrs.id = mediumId(this.core.random);
      this.core.delivery.deliver(x, copy);
    }
  }
}
