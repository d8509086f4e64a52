// Iqs the server answers itself (CORE-IQ-*): to the host (`localhost`) and to an account's own bare
// JID (or no `to`), as Prosody 0.12 with the corpus config answers them. Each handler returns the reply,
// or undefined when the iq is not served (the caller then answers service-unavailable).
import { Element } from 'ltx';
import { errorReply, firstChildElement, iqResult, appendChild } from './stanza';
import { NS_DISCO_INFO, NS_DISCO_ITEMS, SERVER_VERSION, accountDiscoInfo, hostDiscoInfo } from './serverInfo';

const NS_PING = 'urn:xmpp:ping';
const NS_VERSION = 'jabber:iq:version';

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
export function ownAccountIq(iq: Element, bare: string): Element | undefined {
  const p = payload(iq);
  if (!p || iq.attrs.type !== 'get') return undefined;
  if (p.name === 'query' && p.xmlns === NS_DISCO_INFO) {
    if (p.el.attrs.node !== undefined) return nodeNotFound(iq);
    // mod_disco answers for the account: `from` is the bare JID even when the iq had no `to`.
    const reply = iqResult(iq);
    reply.attrs = { id: reply.attrs.id, from: bare, to: reply.attrs.to, type: 'result' };
    if (reply.attrs.id === undefined) delete reply.attrs.id;
    appendChild(reply, accountDiscoInfo());
    return reply;
  }
  if (p.name === 'ping' && p.xmlns === NS_PING) return iqResult(iq);
  return undefined;
}

function nodeNotFound(iq: Element): Element {
  return errorReply(iq, 'cancel', 'item-not-found', 'Node does not exist');
}

export const IQ_NAMESPACES = { NS_PING, NS_VERSION };
export type { Element };
