// What the server does with a stanza a client sent, before routing (SPEC.md CORE-STREAM-*, CORE-STAMP-1,
// CORE-IQ-1, CORE-JID-1, CORE-ERR-3): the stream's checks, the stamped `from`, the iq and presence
// checks, the normalised `to`, then the stanza goes to its handler: the user's own account (no `to` or
// one's own bare JID), presence handling, or routing.
import type { Element } from 'ltx';
import type { Accounts } from './accounts';
import type { Origin } from './core';
import { ownAccountIq, ownDiscoItems } from './iqHandlers';
import { parseJid, fullOf } from './jid';
import { PRESENCE_TYPES } from './presenceRules';
import { NS_PRIVATE } from './privateStorage';
import { NS_ROSTER } from './roster';
import type { Router } from './routing';
import type { SessionState } from './sessions';
import { NS_CLIENT, childElements, errorReply } from './stanza';
import type { UserPresence } from './userPresence';
import { normaliseAttributeWhitespace, wireMisfit } from './wire';
import type { CloseReason } from '../runner/transport';

export class Intake {
  constructor(
    private readonly router: Router,
    private readonly presence: UserPresence,
    private readonly accounts: Accounts,
    private readonly now: () => number,
    /** Ends a session (a stream error). */
    private readonly endSession: (s: SessionState, reason: CloseReason) => void,
  ) {}

  fromClient(s: SessionState, stanza: Element): void {
    // CORE-STREAM-1: only jabber:client message/presence/iq are stanzas.
    const xmlns = stanza.attrs.xmlns;
    if (
      !(stanza.name === 'message' || stanza.name === 'presence' || stanza.name === 'iq') ||
      (xmlns !== undefined && xmlns !== NS_CLIENT)
    ) {
      this.endSession(s, { kind: 'stream-error', condition: 'unsupported-stanza-type' });
      return;
    }
    const misfit = wireMisfit(stanza);
    if (misfit !== undefined) {
      // CORE-STREAM-2: Prosody's c2s_stanza_size_limit (256 KiB): the stream ends, policy-violation.
      // CORE-STREAM-3: so does nesting deeper than the mock serves (a deviation, see SPEC.md).
      this.endSession(s, { kind: 'stream-error', condition: 'policy-violation', text: misfit });
      return;
    }
    delete stanza.attrs.xmlns;
    normaliseAttributeWhitespace(stanza);
    // CORE-STAMP-1: the server stamps the sender's full JID and the stream's language.
    stanza.attrs.from = s.full;
    if (stanza.attrs['xml:lang'] === undefined) stanza.attrs['xml:lang'] = 'en';
    const origin: Origin = { kind: 'client', session: s };

    if (stanza.name === 'iq' && !this.validIq(origin, stanza)) return;
    if (stanza.name === 'presence') {
      const t = stanza.attrs.type;
      if (t !== undefined && !PRESENCE_TYPES.has(t)) {
        // CORE-PRES-9
        this.router.reply(origin, errorReply(stanza, 'modify', 'bad-request', 'Invalid presence type'));
        return;
      }
    }
    if (!this.normaliseTo(origin, stanza)) return;

    switch (stanza.name) {
      case 'message':
        // CORE-MSG-6: a message to one's own bare JID is handled as one with no `to`.
        if (stanza.attrs.to === s.bare) delete stanza.attrs.to;
        if (stanza.attrs.to === undefined) {
          // CORE-IQ-18: archived as sent, then as received.
          this.accounts.archives.outgoing(s.bare, stanza);
          this.router.messageToBare(origin, s.bare, stanza);
          return;
        }
        // CORE-IQ-18: kept in the sender's archive once archiving is on.
        this.accounts.archives.outgoing(s.bare, stanza);
        this.router.route(origin, stanza);
        return;
      case 'presence':
        // CORE-PRES-12: a presence to one's own bare JID is handled as one with no `to`.
        if (stanza.attrs.to === s.bare) delete stanza.attrs.to;
        this.presence.fromClient(s, stanza);
        return;
      case 'iq':
        // CORE-IQ-6: an iq to one's own bare JID is handled as one with no `to`.
        if (stanza.attrs.to === s.bare) delete stanza.attrs.to;
        if (stanza.attrs.to === undefined) {
          this.ownAccountIq(origin, s, stanza);
          return;
        }
        this.router.route(origin, stanza);
        return;
    }
  }

  /** CORE-JID-1 / CORE-ERR-3: `to`, if any, normalised; false (answered) when it is no JID. */
  private normaliseTo(origin: Origin, stanza: Element): boolean {
    const toAttr = stanza.attrs.to;
    if (toAttr === undefined) return true;
    const to = parseJid(toAttr);
    if (!to) {
      // CORE-ERR-3
      if (stanza.attrs.type !== 'error' && stanza.attrs.type !== 'result') {
        this.router.reply(
          origin,
          errorReply(stanza, 'modify', 'jid-malformed', `The destination address is invalid: ${toAttr}`),
        );
      }
      return false;
    }
    // CORE-JID-1: `localhost.` is `localhost` (the stanza is routed, and delivered, as prepped).
    stanza.attrs.to = fullOf(to);
    return true;
  }

  /** CORE-IQ-1: Prosody's stanza router checks every iq from a client before routing it. */
  private validIq(origin: Origin, iq: Element): boolean {
    if (iq.attrs.id === undefined) {
      this.router.reply(origin, errorReply(iq, 'modify', 'bad-request', "Missing required 'id' attribute"));
      return false;
    }
    const t = iq.attrs.type;
    if (t === 'get' || t === 'set') {
      if (childElements(iq).length !== 1) {
        this.router.reply(
          origin,
          errorReply(iq, 'modify', 'bad-request', 'Incorrect number of children for IQ stanza'),
        );
        return false;
      }
    } else if (t !== 'result' && t !== 'error') {
      this.router.reply(origin, errorReply(iq, 'modify', 'bad-request', 'Invalid IQ type'));
      return false;
    }
    return true;
  }

  /**
   * An iq to the user's own account: the roster (CORE-ROSTER-*), private storage (CORE-IQ-15), else
   * ownAccountIq (CORE-IQ-*).
   */
  private ownAccountIq(origin: Origin, s: SessionState, iq: Element): void {
    const t = iq.attrs.type;
    if (t === 'result' || t === 'error') return;
    const payload = childElements(iq)[0];
    if (payload?.name === 'query' && payload.attrs.xmlns === NS_ROSTER) {
      const { reply, push } = this.accounts.rosters.handle(iq, s.bare);
      if (iq.attrs.type === 'get' && reply.attrs.type === 'result') s.rosterInterested = true;
      this.router.reply(origin, reply);
      // CORE-ROSTER-5: pushed after the result.
      if (push) this.accounts.pushRoster(s.bare, push);
      return;
    }
    if (payload?.name === 'query' && payload.attrs.xmlns === NS_PRIVATE) {
      this.router.reply(origin, this.accounts.privateStorage.handle(iq, s.bare));
      return;
    }
    // CORE-IQ-18: the account's message archive (and smart enabling of archiving).
    const archive = this.accounts.archives.handle(iq, s.bare);
    if (archive) {
      if (iq.attrs.type === 'set') s.mamRequested = true;
      for (const r of archive) this.router.reply(origin, r);
      return;
    }
    // CORE-IQ-17: a vCard set publishes it (the vCard4 PEP node); a get answers it.
    const own =
      this.accounts.vcards.set(iq, s.bare) ??
      this.accounts.vcards.get(iq, s.bare) ??
      ownDiscoItems(iq, s.bare, this.accounts.vcards.nodes(s.bare));
    if (own) {
      this.router.reply(origin, own);
      return;
    }
    const reply = ownAccountIq(iq, s.bare, this.now(), this.accounts.lastStatus(s.bare));
    this.router.reply(origin, reply ?? errorReply(iq, 'cancel', 'service-unavailable'));
  }
}
