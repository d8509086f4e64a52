// A user's own presence (RFC 6121 §4; SPEC.md CORE-PRES-1..9): broadcast presence to the user's own
// resources, directed presence remembered so that leaving tells its targets, and what a session's end
// tells them. Where a directed presence goes is routing's business (routing.ts).
import { Element } from 'ltx';
import type { Accounts } from './accounts';
import type { Core } from './core';
import { injectVcardUpdate, parsePriority } from './presenceRules';
import type { Router } from './routing';
import { SERVER_DOMAIN, type SessionState } from './sessions';
import { NS_DELAY, appendChild, copyElement, errorReply, xmppDateTime } from './stanza';
import type { CloseReason } from '../runner/transport';

export class UserPresence {
  constructor(
    private readonly core: Core,
    private readonly router: Router,
    private readonly accounts: Accounts,
  ) {}

  /** A presence from a client, stamped and with a valid type (CORE-PRES-9) and `to`. */
  fromClient(s: SessionState, stanza: Element): void {
    const t = stanza.attrs.type;
    if (t === undefined) injectVcardUpdate(stanza);
    if (stanza.attrs.to === undefined) {
      if (t === undefined || t === 'unavailable') {
        if (t === 'unavailable') this.accounts.wentUnavailable(s.bare, stanza);
        this.broadcast(s, stanza);
      } else if (t !== 'error') {
        // CORE-PRES-9: only available/unavailable may be broadcast. CORE-PRES-13: an error is not
        // answered (Prosody's error_reply refuses to answer an error stanza).
        this.router.reply(
          { kind: 'client', session: s },
          errorReply(stanza, 'modify', 'bad-request', 'Invalid presence type'),
        );
      }
      return;
    }
    // CORE-PRES-6: directed presence is remembered, so leaving tells the target (e.g. a MUC room).
    if (t === undefined) s.directed.add(stanza.attrs.to);
    else if (t === 'unavailable' || t === 'error') s.directed.delete(stanza.attrs.to);
    this.router.routePresence({ kind: 'client', session: s }, stanza);
  }

  /**
   * CORE-PRES-8: a session ended (already out of the registry): its contacts and directed targets are
   * told it left; a stream error is told as Prosody does: "Disconnected: <text or condition>".
   */
  sessionEnded(s: SessionState, reason: CloseReason): void {
    const status =
      reason.kind === 'stream-error' ? `Disconnected: ${reason.text ?? reason.condition}` : undefined;
    const unavailable = (to?: string): Element => {
      const pres = new Element('presence', { from: s.full, to, type: 'unavailable' });
      if (to === undefined) delete pres.attrs.to;
      if (status !== undefined) pres.c('status').t(status);
      return pres;
    };
    if (s.available) {
      this.broadcast(s, unavailable());
    } else if (s.directed.size > 0) {
      for (const to of s.directed) this.router.routePresence({ kind: 'client', session: s }, unavailable(to));
      s.directed.clear();
    }
  }

  /**
   * CORE-PRES-1..5 (Prosody's handle_normal_presence): a presence with no `to` goes to the sender's
   * other available resources (with their `to`), is echoed to the sender (without `to`); an initial
   * presence then brings the other resources' presences (with `<delay>`) and, at priority >= 0, the
   * offline messages; unavailable presence also goes to every directed-presence target.
   */
  private broadcast(s: SessionState, stanza: Element): void {
    const { delivery, sessions } = this.core;
    const t = stanza.attrs.type;
    const priority = t === undefined ? parsePriority(stanza) : 0;
    for (const other of sessions.ofBare(s.bare)) {
      if (other === s || !other.available) continue;
      const copy = copyElement(stanza);
      copy.attrs.to = other.full;
      delivery.deliver(other, copy);
    }
    if (s.open) delivery.deliver(s, stanza);
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
          stamp: xmppDateTime(this.core.now()),
        }),
      );
      s.presence = stored;
      if (initial && s.open) {
        // CORE-SUB-7: contacts we are subscribed to are probed (only the server can be one).
        for (const contact of this.accounts.subscribedTo(s.bare)) {
          const probe = new Element('presence', { type: 'probe', from: s.full, to: contact });
          this.router.routePresence({ kind: 'client', session: s }, probe);
        }
        for (const other of sessions.ofBare(s.bare)) {
          if (other === s || !other.available || !other.presence) continue;
          const copy = copyElement(other.presence);
          copy.attrs.to = s.full;
          delivery.deliver(s, copy);
        }
        // CORE-SUB-2: unanswered subscription requests, as stored, on every initial presence.
        for (const req of this.accounts.pendingFor(s.bare)) delivery.deliver(s, req);
        // CORE-SUB-5: the user's own unanswered requests are sent again (from the bare JID, no id).
        for (const contact of this.accounts.asked(s.bare)) {
          const again = new Element('presence', { type: 'subscribe', from: s.full, to: contact });
          this.router.routePresence({ kind: 'client', session: s }, again);
        }
        if (priority >= 0) this.accounts.flushOffline(s);
      }
    } else {
      s.available = false;
      s.presence = undefined;
      s.priority = 0;
      for (const to of s.directed) {
        const copy = copyElement(stanza);
        copy.attrs.to = to;
        this.router.routePresence({ kind: 'client', session: s }, copy);
      }
      s.directed.clear();
    }
  }
}
