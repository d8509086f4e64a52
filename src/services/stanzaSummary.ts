// One-line summaries of stanzas for the sequence view and console headers:
// "presence unavailable · muc#user", "iq get · ping", "message groupchat · body".
import type { Element } from 'ltx';
import { parseXml } from '../scansion';

export interface StanzaSummary {
  name: string;
  type?: string;
  to?: string;
  from?: string;
  id?: string;
  /** Short names of the payload: first child's local name or the last part of its namespace. */
  payload: string[];
  /** The whole line, e.g. "presence unavailable · muc#user". */
  text: string;
}

/** The telling part of a namespace: `…/muc#user` -> muc#user, `urn:xmpp:occupant-id:0` -> occupant-id. */
export function shortNs(ns: string): string {
  const parts = ns.split(/[/:]/).filter((p) => p && !/^\d+$/.test(p));
  return parts.pop() ?? ns;
}

const cache = new Map<string, StanzaSummary>();

export function summarizeStanza(xml: string): StanzaSummary {
  const hit = cache.get(xml);
  if (hit) return hit;
  let out: StanzaSummary;
  const { elements } = parseXml(xml);
  const el: Element | undefined = elements[0];
  if (!el) {
    out = { name: '?', payload: [], text: xml.slice(0, 60) };
  } else {
    const payload: string[] = [];
    for (const c of el.children) {
      if (typeof c === 'string') continue;
      const ns = c.attrs.xmlns;
      const label = ns && c.name !== 'body' && c.name !== 'subject' ? shortNs(ns) : c.name;
      if (!payload.includes(label)) payload.push(label);
      if (payload.length >= 3) break;
    }
    const head = [el.name, el.attrs.type].filter(Boolean).join(' ');
    out = {
      name: el.name,
      type: el.attrs.type,
      to: el.attrs.to,
      from: el.attrs.from,
      id: el.attrs.id,
      payload,
      text: payload.length ? `${head} · ${payload.join(', ')}` : head,
    };
  }
  if (cache.size > 5000) cache.clear();
  cache.set(xml, out);
  return out;
}
