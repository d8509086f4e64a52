// Routing (RFC 6120 §8, RFC 6121 §8; SPEC.md CORE-ROUTE-*, CORE-MSG-*, CORE-PRES-6..11, CORE-COMP-*):
// which handler gets a stanza by its address — a component, the server itself, a local account's bare
// or full JID, a configured host the mock does not serve, or a remote domain. How each recipient gets
// its copy is the delivery policy's business (delivery.ts).
import type { Element } from 'ltx';
import type { Accounts } from './accounts';
import type { Component, ComponentContext } from './component';
import { describeError, type Core, type Origin } from './core';
import { lastIq, pingIq, registerIq, pepIq, serverIq, timeIq } from './iqHandlers';
import { mediumId } from './ids';
import { parseJid, bareOf, fullOf } from './jid';
import { SUBSCRIPTION_TYPES } from './presenceRules';
import { CONFIGURED_HOSTS } from './serverInfo';
import { SERVER_DOMAIN } from './sessions';
import { copyElement, errorReply } from './stanza';

/** The corpus config's second VirtualHost (every login fails there, CORE-AUTH-2). */
const SECURE_DOMAIN = 'secure.localhost';

export class Router {
  /** What components are given: the way back into routing, and the delivery policy's batching. */
  readonly componentContext: ComponentContext;

  constructor(
    private readonly core: Core,
    private readonly accounts: Accounts,
  ) {
    this.componentContext = {
      send: (stanza) => this.fromComponent(stanza),
      sessionsOf: (bare) => core.sessions.ofBare(bare.toLowerCase()).map((s) => s.full),
      nextId: () => mediumId(core.random),
      give: (stanza) => core.delivery.give(stanza, (el) => this.fromComponent(el)),
      broadcast: (fn) => core.delivery.broadcast(fn),
    };
  }

  /** An answer to `origin`: a client's session gets it; a component gets it as a stanza. */
  reply(origin: Origin, reply: Element): void {
    if (origin.kind === 'client') {
      if (origin.session.open) this.core.delivery.deliver(origin.session, reply);
    } else if (origin.kind === 'component') {
      this.toComponent({ kind: 'server' }, origin.component, reply);
    }
  }

  /** Route a message, iq or presence with a valid, normalised `to` (CORE-ROUTE-*). */
  route(origin: Origin, stanza: Element): void {
    if (stanza.name === 'presence') {
      this.routePresence(origin, stanza);
      return;
    }
    const to = parseJid(stanza.attrs.to)!;
    const t = stanza.attrs.type;
    const answerable = t !== 'error' && t !== 'result';
    const component = this.core.components.get(to.domain);
    if (component) {
      this.toComponent(origin, component, stanza);
      return;
    }
    if (to.domain === SERVER_DOMAIN) {
      if (to.local === undefined) {
        // CORE-IQ-2: the server itself.
        if (stanza.name === 'iq' && answerable) {
          const reply =
            serverIq(stanza, this.discoItems()) ??
            timeIq(stanza, this.core.now()) ??
            (origin.kind === 'client' ? registerIq(stanza) : undefined);
          this.reply(origin, reply ?? errorReply(stanza, 'cancel', 'service-unavailable'));
        } else if (stanza.name === 'message' && t !== 'error') {
          this.reply(origin, errorReply(stanza, 'cancel', 'service-unavailable'));
        }
        return;
      }
      const bare = bareOf(to);
      if (to.resource !== undefined) {
        const target = this.core.sessions.get(stanza.attrs.to);
        if (target) {
          // CORE-ROUTE-1: a full JID that is online gets the stanza, available or not (a message
          // through the account's archive first, CORE-IQ-18).
          // An error a component sends back is Prosody's origin.send to the sender's session: it is
          // not routed, so no archive sees it.
          const direct = origin.kind === 'component' && stanza.attrs.type === 'error';
          const out =
            stanza.name === 'message' && !direct ? this.accounts.archives.incoming(bare, stanza) : stanza;
          this.core.delivery.deliver(target, out);
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
        // (CORE-IQ-9), PEP gets (CORE-IQ-12), last activity (CORE-IQ-14), time and ping (CORE-IQ-16).
        this.reply(
          origin,
          this.accounts.vcards.get(stanza, bare) ??
            pingIq(stanza) ??
            pepIq(stanza) ??
            lastIq(stanza) ??
            timeIq(stanza, this.core.now()) ??
            errorReply(stanza, 'cancel', 'service-unavailable'),
        );
      }
      return;
    }
    if (CONFIGURED_HOSTS.includes(to.domain)) {
      // CORE-ROUTE-4: hosts of the corpus config the mock does not implement (pubsub, upload; no
      // accounts on secure.localhost). secure.localhost is a VirtualHost: mod_ping answers there
      // (CORE-IQ-16), for the host and for any bare JID.
      const ping = to.domain === SECURE_DOMAIN && to.resource === undefined ? pingIq(stanza) : undefined;
      if (answerable) this.reply(origin, ping ?? errorReply(stanza, 'cancel', 'service-unavailable'));
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
  messageToBare(origin: Origin, bare: string, stanza: Element): void {
    const t = stanza.attrs.type ?? 'normal';
    if (t === 'error') return;
    if (t === 'groupchat') {
      this.reply(origin, errorReply(stanza, 'cancel', 'service-unavailable'));
      return;
    }
    // CORE-IQ-18: through the account's archive (a stanza-id once archiving is on).
    stanza = this.accounts.archives.incoming(bare, stanza);
    const delivery = this.core.delivery;
    const sessions = this.core.sessions.ofBare(bare).filter((x) => x.available && x.priority >= 0);
    if (t === 'headline') {
      if (stanza.attrs.to === bare) for (const x of sessions) delivery.deliver(x, copyElement(stanza));
      return;
    }
    const top = Math.max(-Infinity, ...sessions.map((x) => x.priority));
    const recipients = sessions.filter((x) => x.priority === top);
    if (recipients.length > 0) {
      for (const x of recipients) delivery.deliver(x, copyElement(stanza));
      return;
    }
    // CORE-MSG-3: nobody available with priority >= 0: store (every localhost account exists).
    this.accounts.store(bare, stanza);
  }

  /** RFC 6121 §4.6 / §8.5 for presence, as Prosody's mod_presence (CORE-PRES-6..7). */
  routePresence(origin: Origin, stanza: Element): void {
    const to = parseJid(stanza.attrs.to ?? '');
    if (!to) return;
    const t = stanza.attrs.type;
    const component = this.core.components.get(to.domain);
    if (component) {
      if (origin.kind === 'client' && t !== undefined && t !== 'probe' && SUBSCRIPTION_TYPES.has(t)) {
        // CORE-SUB-4 (Prosody's outbound subscription handling): stamped from the bare JID to the
        // bare JID; a subscribe marks the roster item ask='subscribe'; an unsubscribed with no
        // subscription to cancel is not routed at all.
        if (t === 'unsubscribed') return;
        const s = origin.session;
        stanza.attrs.from = s.bare;
        stanza.attrs.to = bareOf(to);
        if (t === 'subscribe') this.accounts.markAsk(s.bare, bareOf(to));
      }
      this.toComponent(origin, component, stanza);
      return;
    }
    if (to.domain === SERVER_DOMAIN) {
      if (to.local === undefined) {
        // CORE-SUB-7: presence to the server itself.
        if (origin.kind === 'client' && to.resource === undefined)
          this.accounts.toServer(origin.session, stanza);
        return;
      }
      if (t === 'subscribe' && origin.kind === 'client') {
        this.accounts.subscribe(origin.session, bareOf(to), stanza);
        return;
      }
      if (t !== undefined && SUBSCRIPTION_TYPES.has(t)) {
        // CORE-PRES-10: answers to subscriptions and probes between users are not modelled.
        this.core.report(
          'warning',
          'not-modelled',
          `presence subscriptions are not modelled by the mock (type='${t}' dropped)`,
          stanza,
        );
        return;
      }
      if (to.resource !== undefined) {
        const target = this.core.sessions.get(fullOf(to));
        if (target) this.core.delivery.deliver(target, stanza);
        return;
      }
      // CORE-PRES-11: a presence error to a bare JID reaches every session (observed: one that never
      // sent presence gets the MUC's answer to its subscription request); others, available ones.
      for (const x of this.core.sessions.ofBare(bareOf(to))) {
        if (x.available || t === 'error') this.core.delivery.deliver(x, copyElement(stanza));
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

  private toComponent(origin: Origin, component: Component, stanza: Element): void {
    const copy = copyElement(stanza);
    try {
      component.handle(copy, this.componentContext);
    } catch (err) {
      // CORE-ERR-2: a component's exception is the sender's internal-server-error, never a crash.
      this.core.report('error', 'component-exception', `${component.domain}: ${describeError(err)}`, stanza);
      const t = stanza.attrs.type;
      if (t !== 'error' && t !== 'result') {
        this.reply(origin, errorReply(stanza, 'cancel', 'internal-server-error'));
      }
    }
  }

  /** CORE-COMP-2: what a component sends is routed like any stanza; errors come back to it. */
  private fromComponent(stanza: Element): void {
    const from = parseJid(stanza.attrs.from ?? '');
    const component = from ? this.core.components.get(from.domain) : undefined;
    if (!component) {
      this.core.report(
        'error',
        'component-bad-from',
        `a component sent a stanza whose from is not on a component domain`,
        stanza,
      );
      return;
    }
    const to = parseJid(stanza.attrs.to ?? '');
    if (!to) {
      this.core.report(
        'error',
        'component-bad-to',
        `${component.domain} sent a stanza with no valid to`,
        stanza,
      );
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
      const target = this.core.sessions.get(normalTo);
      if (target) this.core.delivery.deliver(target, el);
      return;
    }
    try {
      this.route({ kind: 'component', component }, el);
    } catch (err) {
      this.core.report('error', 'handler-exception', describeError(err), el);
    }
  }

  private discoItems(): string[] {
    const items = [...CONFIGURED_HOSTS];
    for (const domain of this.core.components.keys()) if (!items.includes(domain)) items.push(domain);
    return items;
  }
}
