// Iqs the server answers itself (CORE-IQ-*): to the host (`localhost`) and to an account's own bare
// JID (or no `to`), as Prosody 0.12 with the corpus config answers them. Each handler returns the reply,
// or undefined when the iq is not served (the caller then answers service-unavailable).
import { Element } from 'ltx';
import { errorReply, firstChildElement, iqResult, appendChild } from './stanza';
import { parseJid } from './jid';
import { NS_DISCO_INFO, NS_DISCO_ITEMS, SERVER_VERSION, accountDiscoInfo, hostDiscoInfo } from './serverInfo';

const NS_PING = 'urn:xmpp:ping';
const NS_VERSION = 'jabber:iq:version';
const NS_TIME = 'urn:xmpp:time';
const NS_REGISTER = 'jabber:iq:register';
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_LAST = 'jabber:iq:last';

function payload(iq: Element): { name: string; xmlns: string; el: Element } | undefined {
  const el = firstChildElement(iq);
  if (!el) return undefined;
  return { name: el.name, xmlns: el.attrs.xmlns ?? '', el };
}

/** CORE-IQ-2..5: iq get/set addressed to the server's own domain. */
export function serverIq(iq: Element, itemJids: string[]): Element | undefined {
  const p = payload(iq);
  if (!p || iq.attrs.type !== 'get') return undefined;
  if (p.name === 'query' && p.xmlns === NS_DISCO_INFO) {
    if (p.el.attrs.node !== undefined) return nodeNotFound(iq);
    const reply = iqResult(iq);
    appendChild(reply, hostDiscoInfo());
    return reply;
  }
  if (p.name === 'query' && p.xmlns === NS_DISCO_ITEMS) {
    if (p.el.attrs.node !== undefined) return nodeNotFound(iq);
    const reply = iqResult(iq);
    const q = reply.c('query', { xmlns: NS_DISCO_ITEMS });
    for (const jid of itemJids) q.c('item', { jid });
    return reply;
  }
  if (p.name === 'ping' && p.xmlns === NS_PING) return iqResult(iq);
  // CORE-IQ-14: mod_uptime on the frozen clock.
  if (p.name === 'query' && p.xmlns === NS_LAST) return lastResult(iq, undefined);
  if (p.name === 'query' && p.xmlns === NS_VERSION) {
    const reply = iqResult(iq);
    const q = reply.c('query', { xmlns: NS_VERSION });
    q.c('name').t(SERVER_VERSION.name);
    q.c('version').t(SERVER_VERSION.version);
    return reply;
  }
  return undefined;
}

/** CORE-IQ-4/6: iq get/set from an account to itself (no `to`, or its own bare JID). Rosters: roster.ts. */
export function ownAccountIq(
  iq: Element,
  bare: string,
  nowMs: number,
  lastStatus: string | undefined,
): Element | undefined {
  const registered = registerIq(iq);
  if (registered) return registered;
  const p = payload(iq);
  if (!p || iq.attrs.type !== 'get') return undefined;
  if (p.name === 'query' && p.xmlns === NS_DISCO_INFO) {
    if (p.el.attrs.node !== undefined) return nodeNotFound(iq);
    // mod_disco answers for the account: `from` is the bare JID even when the iq had no `to`.
    const reply = iqResult(iq);
    reply.attrs = { id: reply.attrs.id, from: bare, to: reply.attrs.to, type: 'result' };
    if (reply.attrs.id === undefined) delete reply.attrs.id;
    appendChild(reply, accountDiscoInfo(bare));
    return reply;
  }
  if (p.name === 'ping' && p.xmlns === NS_PING) return iqResult(iq);
  if (p.name === 'query' && p.xmlns === NS_LAST) return lastResult(iq, lastStatus);
  return pepIq(iq, true) ?? timeIq(iq, nowMs);
}

/**
 * CORE-IQ-17: disco#items of one's own account (mod_disco, mod_pep's account-disco-items): from the
 * bare JID, an item per PEP node (`jid` the account, `node`); a `node` asked for: CORE-IQ-8.
 */
export function ownDiscoItems(iq: Element, bare: string, nodes: string[]): Element | undefined {
  const p = payload(iq);
  if (!p || iq.attrs.type !== 'get' || p.name !== 'query' || p.xmlns !== NS_DISCO_ITEMS) return undefined;
  if (p.el.attrs.node !== undefined) return undefined;
  const reply = iqResult(iq);
  reply.attrs = { id: reply.attrs.id, from: bare, to: reply.attrs.to, type: 'result' };
  const q = reply.c('query', { xmlns: NS_DISCO_ITEMS });
  for (const node of nodes) q.c('item', { jid: bare, node });
  return reply;
}

/**
 * CORE-IQ-16: mod_ping answers a ping get to any bare JID of a VirtualHost (another account's, one that
 * does not exist) and to the host itself, whoever sends it: an empty result from that JID.
 */
export function pingIq(iq: Element): Element | undefined {
  const p = payload(iq);
  if (!p || iq.name !== 'iq' || iq.attrs.type !== 'get' || p.name !== 'ping' || p.xmlns !== NS_PING)
    return undefined;
  return iqResult(iq);
}

/** CORE-IQ-10: urn:xmpp:time to the server: UTC now (the injected clock), offset +00:00. */
export function timeIq(iq: Element, nowMs: number): Element | undefined {
  const p = payload(iq);
  if (!p || iq.attrs.type !== 'get' || p.name !== 'time' || p.xmlns !== NS_TIME) return undefined;
  const reply = iqResult(iq);
  const t = reply.c('time', { xmlns: NS_TIME });
  t.c('tzo').t('+00:00');
  t.c('utc').t(new Date(nowMs).toISOString().replace(/\.\d+Z$/, 'Z'));
  return reply;
}

/**
 * CORE-IQ-11: jabber:iq:register to the server (or to one's own account) from a signed-in account
 * (mod_user_account_management): a get says already registered, with the username and an empty
 * password; a set changing the password (`<username>` the account's own, `<password>`) fails with
 * `internal-server-error` (wait: the corpus config's insecure auth stores no password); any other set is
 * `bad-request` (modify). Removing the account (`<remove/>`) is not modelled (undefined:
 * service-unavailable).
 */
export function registerIq(iq: Element): Element | undefined {
  const p = payload(iq);
  if (!p || p.name !== 'query' || p.xmlns !== NS_REGISTER) return undefined;
  const from = String(iq.attrs.from ?? '');
  const local = from.slice(0, from.indexOf('@'));
  if (iq.attrs.type === 'set') {
    if (firstChildElement(p.el)?.name === 'remove') return undefined;
    const username = p.el.getChildText('username');
    const password = p.el.getChildText('password');
    if (username === null || password === null) return errorReply(iq, 'modify', 'bad-request');
    const prepped = parseJid(`${username}@localhost`);
    if (!prepped || prepped.local !== local) return errorReply(iq, 'modify', 'bad-request');
    // The corpus config's auth provider (insecure) cannot store a password.
    return errorReply(iq, 'wait', 'internal-server-error');
  }
  if (iq.attrs.type !== 'get') return undefined;
  const reply = iqResult(iq);
  const q = reply.c('query', { xmlns: NS_REGISTER });
  q.c('registered');
  q.c('username').t(local);
  q.c('password');
  return reply;
}

/**
 * CORE-IQ-12: a pubsub get to another account's bare JID (its PEP service) from someone without a
 * presence subscription (e.g. relayed through a MUC) is `forbidden` (auth): PEP's presence access model.
 */
export function pepIq(iq: Element, own = false): Element | undefined {
  const p = payload(iq);
  if (!p || p.name !== 'pubsub' || p.xmlns !== NS_PUBSUB || iq.attrs.type !== 'get') return undefined;
  // One's own PEP service: the (empty) node asked for does not exist.
  return own ? errorReply(iq, 'cancel', 'item-not-found') : errorReply(iq, 'auth', 'forbidden');
}

/**
 * CORE-IQ-14 (mod_lastactivity, mod_uptime): jabber:iq:last get. One's own account: seconds 0 (Prosody's
 * clock is frozen) and the status of the account's last broadcast unavailable presence; the server:
 * seconds 0; another account's bare JID: `forbidden` (auth; no presence subscription).
 */
export function lastIq(iq: Element): Element | undefined {
  const p = payload(iq);
  if (!p || iq.attrs.type !== 'get' || p.name !== 'query' || p.xmlns !== NS_LAST) return undefined;
  return errorReply(iq, 'auth', 'forbidden');
}

function lastResult(iq: Element, status: string | undefined): Element {
  const reply = iqResult(iq);
  const q = reply.c('query', { xmlns: NS_LAST, seconds: '0' });
  if (status) q.t(status);
  return reply;
}

function nodeNotFound(iq: Element): Element {
  return errorReply(iq, 'cancel', 'item-not-found', 'Node does not exist');
}

export type { Element };
