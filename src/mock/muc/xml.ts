// Small stanza helpers for the MUC (ltx elements), shaped after Prosody's util.stanza so the code can
// follow mod_muc's structure: build, clone, find children, error replies with `by`.
import { Element } from 'ltx';
import { appendChild, copyElement } from '../stanza';

export const NS_MUC = 'http://jabber.org/protocol/muc';
export const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
export const NS_MUC_ADMIN = 'http://jabber.org/protocol/muc#admin';
export const NS_MUC_OWNER = 'http://jabber.org/protocol/muc#owner';
export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
export const NS_DELAY = 'urn:xmpp:delay';
export const NS_DATA = 'jabber:x:data';
export const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
export const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';
export const NS_REGISTER = 'jabber:iq:register';
export const NS_COMMANDS = 'http://jabber.org/protocol/commands';
export const NS_OCCUPANT_ID = 'urn:xmpp:occupant-id:0';
export const NS_STANZA_ID = 'urn:xmpp:sid:0';
export const NS_MAM = 'urn:xmpp:mam:2';

export { copyElement as clone, appendChild };

type Attrs = Record<string, string | undefined>;

/** An element with the defined attributes only (Prosody drops nil attributes). */
export function el(name: string, attrs: Attrs = {}, ...children: (Element | string)[]): Element {
  const clean: Record<string, string> = {};
  for (const k in attrs) {
    const v = attrs[k];
    if (v !== undefined) clean[k] = v;
  }
  // Assigned, not passed to the constructor: ltx would re-check every attribute (hot in fan-out).
  const e = new Element(name);
  e.attrs = clean;
  for (const c of children) {
    if (typeof c === 'string') e.children.push(c);
    else appendChild(e, c);
  }
  return e;
}

/** Append `child` to `parent`; returns the parent (for chaining as st.stanza's :add_child). */
export function add(parent: Element, child: Element): Element {
  appendChild(parent, child);
  return parent;
}

export function textEl(name: string, text: string, attrs: Attrs = {}): Element {
  return el(name, attrs, text);
}

export function elements(parent: Element): Element[] {
  return parent.children.filter((c): c is Element => typeof c !== 'string');
}

/** The first child with this name and namespace (an element's own xmlns, or inherited). */
export function child(parent: Element | undefined, name: string | null, xmlns?: string): Element | undefined {
  if (!parent) return undefined;
  for (const c of elements(parent)) {
    if (name !== null && c.name !== name) continue;
    if (xmlns !== undefined && c.getNS() !== xmlns) continue;
    return c;
  }
  return undefined;
}

/** Text of a child, or undefined (st:get_child_text). */
export function childText(parent: Element | undefined, name: string, xmlns?: string): string | undefined {
  const c = child(parent, name, xmlns);
  return c ? textOf(c) : undefined;
}

export function textOf(e: Element): string {
  return e.children.filter((c): c is string => typeof c === 'string').join('');
}

/** Remove children matching name/xmlns (st:remove_children / maptags). */
export function removeChildren(parent: Element, pred: (c: Element) => boolean): void {
  parent.children = parent.children.filter((c) => typeof c === 'string' || !pred(c));
}

/** st.reply: same name, from/to swapped, same id, iq -> result, others keep their type. */
export function reply(stanza: Element): Element {
  return el(stanza.name, {
    to: stanza.attrs.from,
    from: stanza.attrs.to,
    id: stanza.attrs.id,
    type: stanza.name === 'iq' ? 'result' : stanza.attrs.type,
  });
}

export type ErrorType = 'cancel' | 'modify' | 'auth' | 'wait';

export interface ErrorDetails {
  /** Human-readable <text/>. */
  text?: string;
  /** The error's `by` (left out when it is the reply's own `from`). */
  by?: string;
}

/**
 * st.error_reply(stanza, type, condition, text, by): `by` is dropped when it equals the reply's `from`
 * (so iq errors from the room itself carry no `by`, presence errors from room/nick do).
 */
export function errorReply(
  stanza: Element,
  type: ErrorType,
  condition: string,
  { text, by }: ErrorDetails = {},
): Element {
  const r = reply(stanza);
  r.attrs.type = 'error';
  const error = el('error', { type, by: by !== undefined && by !== r.attrs.from ? by : undefined });
  error.c(condition, { xmlns: NS_STANZAS });
  if (text !== undefined) error.c('text', { xmlns: NS_STANZAS }).t(text);
  add(r, error);
  return r;
}

/** The error condition of an error stanza (st:get_error). */
export function errorOf(stanza: Element): { type?: string; condition?: string; text?: string } {
  const e = child(stanza, 'error');
  if (!e) return {};
  let condition: string | undefined;
  let text: string | undefined;
  for (const c of elements(e)) {
    if (c.attrs.xmlns !== NS_STANZAS) continue;
    if (c.name === 'text') text = textOf(c);
    else if (condition === undefined) condition = c.name;
  }
  return { type: e.attrs.type, condition, text };
}

export function bare(jid: string): string {
  const i = jid.indexOf('/');
  return i === -1 ? jid : jid.slice(0, i);
}

export function resource(jid: string): string | undefined {
  const i = jid.indexOf('/');
  return i === -1 ? undefined : jid.slice(i + 1);
}

export function domainOf(jid: string): string {
  const b = bare(jid);
  const at = b.indexOf('@');
  return at === -1 ? b : b.slice(at + 1);
}

/** XEP-0082 date-time as Prosody's util.datetime.datetime (whole seconds, Z). */
export function datetime(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}
