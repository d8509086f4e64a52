// Stanza helpers shared by the core: copies that share nothing, and error replies shaped exactly as
// Prosody's `st.error_reply` builds them (RFC 6120 §8.3): a new stanza of the same name with
// `from`/`to` swapped, the same `id`, `type='error'`, and `<error type>` holding the condition and an
// optional `<text>`; the original payload is not echoed.
import { Element, type Node } from 'ltx';

export const NS_CLIENT = 'jabber:client';
export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
export const NS_DELAY = 'urn:xmpp:delay';

export type ErrorType = 'cancel' | 'modify' | 'auth' | 'wait' | 'continue';

/** A deep copy with no parent and no shared attribute objects or children. */
export function copyElement(el: Element): Element {
  // Attributes are assigned directly: ltx's constructor would re-validate each one (hot in fan-out).
  const copy = new Element(el.name);
  const attrs: Record<string, string> = {};
  // As on the wire: an attribute without a value does not exist.
  for (const k in el.attrs) {
    const v = el.attrs[k];
    if (v !== undefined && v !== null) attrs[k] = v;
  }
  copy.attrs = attrs;
  const children = el.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    copy.children.push(typeof child === 'string' ? child : copyNode(child, copy));
  }
  return copy;
}

function copyNode(child: Node, parent: Element): Node {
  if (typeof child === 'string') return child;
  const c = copyElement(child);
  c.parent = parent;
  return c;
}

/**
 * A deep copy of `stanza`'s children, deep-frozen so that they can be shared between recipients: one
 * recipient cannot change what another received (a change throws instead). Their `parent` is a frozen
 * stand-in of the stanza carrying the jabber:client namespace, which is all a child asks its parent
 * for (ltx's getNS()), as on a delivered copy. (CORE-WIRE-2)
 */
export function frozenChildren(stanza: Element): Node[] {
  const root = new Element(stanza.name);
  root.attrs = { xmlns: NS_CLIENT };
  const out: Node[] = [];
  for (const child of stanza.children) {
    if (typeof child === 'string') {
      out.push(child);
      continue;
    }
    const c = copyElement(child);
    c.parent = root;
    root.children.push(c);
    out.push(deepFreeze(c));
  }
  Object.freeze(root.attrs);
  Object.freeze(root.children);
  Object.freeze(root);
  return out;
}

/** Freeze an element, its attributes and its subtree. */
export function deepFreeze(el: Element): Element {
  if (Object.isFrozen(el)) return el;
  Object.freeze(el.attrs);
  for (const c of el.children) if (typeof c !== 'string') deepFreeze(c);
  Object.freeze(el.children);
  return Object.freeze(el);
}

/** Append a child element (sets its parent). */
export function appendChild(parent: Element, child: Element): Element {
  child.parent = parent;
  parent.children.push(child);
  return child;
}

export function errorReply(stanza: Element, type: ErrorType, condition: string, text?: string): Element {
  const attrs: Record<string, string> = {};
  if (stanza.attrs.id !== undefined) attrs.id = stanza.attrs.id;
  if (stanza.attrs.to !== undefined) attrs.from = stanza.attrs.to;
  if (stanza.attrs.from !== undefined) attrs.to = stanza.attrs.from;
  attrs.type = 'error';
  const reply = new Element(stanza.name, attrs);
  const error = reply.c('error', { type });
  error.c(condition, { xmlns: NS_STANZAS });
  if (text !== undefined) error.c('text', { xmlns: NS_STANZAS }).t(text);
  return reply;
}

/** `st.reply` for an iq: a result with `from`/`to` swapped and the same id. */
export function iqResult(stanza: Element): Element {
  const attrs: Record<string, string> = {};
  if (stanza.attrs.id !== undefined) attrs.id = stanza.attrs.id;
  if (stanza.attrs.to !== undefined) attrs.from = stanza.attrs.to;
  if (stanza.attrs.from !== undefined) attrs.to = stanza.attrs.from;
  attrs.type = 'result';
  return new Element('iq', attrs);
}

/** The first child element of an iq (its payload), if any. */
export function firstChildElement(el: Element): Element | undefined {
  for (const c of el.children) if (typeof c !== 'string') return c;
  return undefined;
}

export function childElements(el: Element): Element[] {
  return el.children.filter((c): c is Element => typeof c !== 'string');
}

/** XEP-0082 date-time without fractions, as Prosody's util.datetime.datetime() writes it. */
export function xmppDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
