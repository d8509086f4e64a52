// The generaliser: writes a received stanza as a scansion author would write the expectation for it,
// so that "accept what arrived" and the live-session recorder produce scripts that pass again on the
// next run. Pure; never throws.
//
// G1 JIDs. Each client's bound full JID becomes `${Name's full JID}` and its bare JID `${Name's JID}`,
//    in attribute values that equal the JID or contain it as a token (`jid=`, `from=`, a pubsub node
//    named after an account), and in text that is exactly a JID. A bare JID shared by several clients
//    (two resources of one account) is written for the recipient if it is one of them, else for the
//    first client listed. Room JIDs (`room@conference.localhost/Romeo`) are not client JIDs and stay.
// G2 Server-chosen values become `{scansion:any}`: the stanza's own `id` unless the clients chose it
//    (`clientIds`, or without that list: kept on iq results and errors, which echo the request's id);
//    <delay stamp>, <stanza-id id>, <occupant-id id>, MAM archive ids and timestamps, RSM first/last,
//    last-activity seconds; and any attribute or text that is an ISO 8601 date-time or a UUID.
// G3 Dropped: the recipient's full JID as the top-level `to`, the top-level `xmlns='jabber:client'`
//    (the matcher's default) and the top-level `xml:lang` (the top level is matched non-strictly, so
//    leaving attributes out never breaks the match). Nested `xmlns='jabber:client'` (a forwarded
//    message) stays: there it changes the namespace.
// G4 Decorations. `dropDecorations` names elements an author would not assert on, by element name
//    (`delay`) or by namespace (`urn:xmpp:sid:0`); they are dropped where the matcher would not miss them,
//    i.e. inside a non-strict parent (inside a strict one an absent child fails the match, so it stays).
// G5 Layout. One element per line, children indented by `indent` (default a tab, as the corpus writes),
//    text-only elements on one line, every line prefixed by `baseIndent`. Attributes in double quotes
//    (variables contain an apostrophe), `xmlns` first, then id, type, from, to, then as received.
import type { Element, Node } from 'ltx';

export const ANY_VALUE = '{scansion:any}';

export interface GeneraliseOptions {
  /** The script's clients with the full JID each was bound to in this run. */
  clients: Array<{ name: string; fullJid: string }>;
  /** The client that received the stanza: its full JID as the top-level `to` is dropped. */
  recipient?: string;
  /** Elements to leave out, by name (`delay`) or namespace (`urn:xmpp:sid:0`); see G4. */
  dropDecorations?: string[];
  /** One level of indentation (default a tab). */
  indent?: string;
  /** Prefix of every line (the block's indentation in the script). */
  baseIndent?: string;
  /** Stanza ids the clients chose (the `id`s of the script's sent stanzas); see G2. */
  clientIds?: Iterable<string>;
}

const DEFAULT_NS = 'jabber:client';
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Characters that may appear in a JID's local part or domain (a token boundary is anything else). */
const JID_CHAR = /[A-Za-z0-9._%+\-@]/;

/** Attributes whose value the server chooses, by `namespace element`. */
const SERVER_ATTRS: Record<string, string[]> = {
  'urn:xmpp:delay delay': ['stamp'],
  'jabber:x:delay x': ['stamp'],
  'urn:xmpp:sid:0 stanza-id': ['id'],
  'urn:xmpp:occupant-id:0 occupant-id': ['id'],
  'urn:xmpp:mam:2 result': ['id'],
  'urn:xmpp:mam:2 start': ['id', 'timestamp'],
  'urn:xmpp:mam:2 end': ['id', 'timestamp'],
  'jabber:iq:last query': ['seconds'],
};
/** Elements whose text the server chooses, by `namespace element`. */
const SERVER_TEXT = new Set(['http://jabber.org/protocol/rsm first', 'http://jabber.org/protocol/rsm last']);
const ATTR_ORDER = ['xmlns', 'id', 'type', 'from', 'to'];

interface Jids {
  /** [literal, variable] pairs, longest literal first. */
  pairs: Array<[string, string]>;
  exact: Map<string, string>;
}

function jidTable(options: GeneraliseOptions): Jids {
  const exact = new Map<string, string>();
  const recipient = options.clients.find((c) => c.name === options.recipient);
  const ordered = recipient
    ? [recipient, ...options.clients.filter((c) => c !== recipient)]
    : options.clients;
  for (const c of ordered) {
    // A name with a double quote cannot be written inside our double-quoted attributes.
    if (!c.fullJid || c.name.includes('"') || c.name.includes('}')) continue;
    const slash = c.fullJid.indexOf('/');
    const bare = slash === -1 ? c.fullJid : c.fullJid.slice(0, slash);
    if (!exact.has(c.fullJid)) exact.set(c.fullJid, `\${${c.name}'s full JID}`);
    if (!exact.has(bare)) exact.set(bare, `\${${c.name}'s JID}`);
  }
  const pairs = [...exact.entries()].sort((a, b) => b[0].length - a[0].length);
  return { pairs, exact };
}

function isBoundary(s: string, i: number): boolean {
  return i < 0 || i >= s.length || !JID_CHAR.test(s[i]);
}

/** Replace client JIDs inside an attribute value, at token boundaries (G1). */
function replaceJids(value: string, jids: Jids): string {
  const exact = jids.exact.get(value);
  if (exact !== undefined) return exact;
  let out = value;
  for (const [lit, variable] of jids.pairs) {
    let from = 0;
    for (;;) {
      const at = out.indexOf(lit, from);
      if (at === -1) break;
      const end = at + lit.length;
      // A bare JID followed by '/' is the start of another full JID: still that account (`${X's JID}/r`).
      if (isBoundary(out, at - 1) && (isBoundary(out, end) || out[end] === '/')) {
        out = out.slice(0, at) + variable + out.slice(end);
        from = at + variable.length;
      } else from = end;
    }
  }
  return out;
}

function looksServerChosen(value: string): boolean {
  return ISO_DATETIME.test(value) || UUID.test(value);
}

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
function escapeText(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function orderedAttrNames(el: Element): string[] {
  const names = Object.keys(el.attrs);
  const first = ATTR_ORDER.filter((n) => names.includes(n));
  return [...first, ...names.filter((n) => !ATTR_ORDER.includes(n))];
}

function childElements(el: Element): Element[] {
  const out: Element[] = [];
  for (const c of el.children as Node[]) if (typeof c === 'object' && c !== null) out.push(c);
  return out;
}

function textOf(el: Element): string {
  let s = '';
  for (const c of el.children as Node[]) if (typeof c === 'string') s += c;
  return s;
}

interface Frame {
  el: Element;
  ns: string;
  strict: boolean;
  depth: number;
  top: boolean;
}

class Writer {
  private lines: string[] = [];
  private jids: Jids;
  private clientIds: Set<string> | undefined;
  private drop: Set<string>;
  private indent: string;
  private base: string;
  private recipientFull: string | undefined;

  constructor(private options: GeneraliseOptions) {
    this.jids = jidTable(options);
    this.clientIds = options.clientIds ? new Set(options.clientIds) : undefined;
    this.drop = new Set(options.dropDecorations ?? []);
    this.indent = options.indent ?? '\t';
    this.base = options.baseIndent ?? '';
    this.recipientFull = options.clients.find((c) => c.name === options.recipient)?.fullJid;
  }

  attrValue(f: Frame, name: string, value: string): string | undefined {
    if (f.top) {
      if (name === 'xmlns' && value === DEFAULT_NS) return undefined;
      if (name === 'xml:lang') return undefined;
      if (name === 'to' && this.recipientFull !== undefined && value === this.recipientFull) return undefined;
      if (name === 'id') return this.stanzaId(f.el, value);
    }
    if (name === 'xmlns' || name.startsWith('xmlns:')) return value;
    if (SERVER_ATTRS[`${f.ns} ${f.el.name}`]?.includes(name)) return ANY_VALUE;
    if (looksServerChosen(value)) return ANY_VALUE;
    return replaceJids(value, this.jids);
  }

  stanzaId(el: Element, id: string): string {
    if (this.clientIds) return this.clientIds.has(id) ? id : ANY_VALUE;
    const type = el.attrs.type;
    return el.name === 'iq' && (type === 'result' || type === 'error') ? id : ANY_VALUE;
  }

  startTag(f: Frame): string {
    let s = '<' + f.el.name;
    for (const name of orderedAttrNames(f.el)) {
      const raw = f.el.attrs[name];
      if (raw === undefined || raw === null) continue;
      const v = this.attrValue(f, name, String(raw));
      if (v === undefined) continue;
      s += ` ${name}="${escapeAttr(v)}"`;
    }
    return s;
  }

  text(f: Frame, raw: string): string {
    const t = raw.trim();
    if (SERVER_TEXT.has(`${f.ns} ${f.el.name}`) || looksServerChosen(t)) return ANY_VALUE;
    const jid = this.jids.exact.get(t);
    return escapeText(jid ?? t);
  }

  kept(parent: Frame, child: Element, ns: string): boolean {
    if (parent.strict) return true;
    return !(this.drop.has(child.name) || this.drop.has(ns));
  }

  /** Iterative (an explicit stack): a deeply nested stanza cannot overflow the call stack. */
  write(root: Element): string {
    type Item = { frame: Frame } | { close: string };
    const rootNs = root.attrs.xmlns ?? DEFAULT_NS;
    const stack: Item[] = [{ frame: { el: root, ns: rootNs, strict: false, depth: 0, top: true } }];
    while (stack.length > 0) {
      const item = stack.pop()!;
      if ('close' in item) {
        this.lines.push(item.close);
        continue;
      }
      const f = item.frame;
      const pad = this.base + this.indent.repeat(f.depth);
      const kids = childElements(f.el);
      const text = textOf(f.el).trim();
      const kidFrames: Frame[] = [];
      for (const k of kids) {
        const own = k.attrs.xmlns;
        const ns = own ?? f.ns;
        const strict = own !== undefined && own !== f.ns ? own !== DEFAULT_NS : f.strict;
        if (!this.kept(f, k, ns)) continue;
        kidFrames.push({ el: k, ns, strict, depth: f.depth + 1, top: false });
      }
      const open = this.startTag(f);
      if (kidFrames.length === 0) {
        this.lines.push(pad + open + (text ? `>${this.text(f, text)}</${f.el.name}>` : '/>'));
        continue;
      }
      this.lines.push(pad + open + '>');
      if (text) this.lines.push(pad + this.indent + this.text(f, text));
      stack.push({ close: `${pad}</${f.el.name}>` });
      for (let i = kidFrames.length - 1; i >= 0; i--) stack.push({ frame: kidFrames[i] });
    }
    return this.lines.join('\n');
  }
}

/**
 * The expectation a scansion author would write for `stanza` (see G1-G5 above): pretty-printed XML
 * text without a trailing newline, ready to be parsed as a `receives:` block with the script's
 * variables.
 */
export function generaliseStanza(stanza: Element, options: GeneraliseOptions): string {
  return new Writer(options).write(stanza);
}
