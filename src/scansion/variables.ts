// Variables: `${Romeo's JID}` (bare JID), `${Romeo's full JID}` (bound full JID, known after
// `connects`). The client name may itself contain "'s" (`${Juliet's phone's full JID}`): the kind is
// read from the END of the name, so everything before the last "'s JID" / "'s full JID" is the client.
// Special attribute values `{scansion:any}` and `{scansion:capture:NAME}` are the matcher's business.
import { Element } from 'ltx';
import type { Node } from 'ltx';
import { attributeMap } from './xml';
import { shareLocs } from './xmlLocations';

export type JidKind = 'JID' | 'full JID';

/** The variable name for a client's JID, e.g. jidVariable("Romeo", "full JID") = "Romeo's full JID". */
export function jidVariable(client: string, kind: JidKind): string {
  return `${client}'s ${kind}`;
}

/** Split a variable name into client and kind; undefined when it is not a JID variable. */
export function parseVariableName(name: string): { client: string; kind: JidKind } | undefined {
  if (name.endsWith("'s full JID")) {
    const client = name.slice(0, -"'s full JID".length);
    return client ? { client, kind: 'full JID' } : undefined;
  }
  if (name.endsWith("'s JID")) {
    const client = name.slice(0, -"'s JID".length);
    return client ? { client, kind: 'JID' } : undefined;
  }
  return undefined;
}

export interface VariableRef {
  name: string;
  /** Offsets of `${` and just after `}` in the searched text. */
  start: number;
  end: number;
}

/** Every `${...}` reference in `text` (between `from` and `to`), in order. Linear scan, no regex. */
export function findVariables(text: string, from = 0, to = text.length): VariableRef[] {
  const out: VariableRef[] = [];
  // Search a slice: an unbounded indexOf on a whole file per block would make parsing quadratic.
  const s = from === 0 && to === text.length ? text : text.slice(from, to);
  let i = s.indexOf('${');
  while (i !== -1) {
    const close = s.indexOf('}', i + 2);
    if (close === -1) break;
    const nl = s.indexOf('\n', i + 2);
    if (nl !== -1 && nl < close) {
      i = s.indexOf('${', nl);
      continue;
    }
    out.push({ name: s.slice(i + 2, close), start: from + i, end: from + close + 1 });
    i = s.indexOf('${', close + 1);
  }
  return out;
}

/** Substitute `${name}` in a string; unknown names are left as written and collected. */
export function expandString(s: string, vars: Record<string, string>, unknown: Set<string>): string {
  if (s.indexOf('${') === -1) return s;
  let out = '';
  let last = 0;
  for (const ref of findVariables(s)) {
    out += s.slice(last, ref.start);
    const v = Object.prototype.hasOwnProperty.call(vars, ref.name) ? vars[ref.name] : undefined;
    if (v === undefined) {
      unknown.add(ref.name);
      out += s.slice(ref.start, ref.end);
    } else out += v;
    last = ref.end;
  }
  return out + s.slice(last);
}

function expandAttrs(el: Element, vars: Record<string, string>, unknown: Set<string>): Element {
  const copy = new Element(el.name);
  const attrs = attributeMap();
  for (const k of Object.keys(el.attrs)) {
    const v = el.attrs[k];
    attrs[k] = typeof v === 'string' ? expandString(v, vars, unknown) : v;
  }
  copy.attrs = attrs;
  return copy;
}

/** The clone, built with an explicit stack (no recursion: any depth of nesting is safe). */
function expandTree(root: Element, vars: Record<string, string>, unknown: Set<string>): Element {
  const top = expandAttrs(root, vars, unknown);
  const work: [Element, Element][] = [[root, top]];
  for (let item = work.pop(); item; item = work.pop()) {
    const [from, to] = item;
    for (const child of from.children as Node[]) {
      if (typeof child === 'string') to.children.push(expandString(child, vars, unknown));
      else if (child) {
        const copy = expandAttrs(child, vars, unknown);
        to.cnode(copy);
        work.push([child, copy]);
      }
    }
  }
  return top;
}

/**
 * Deep clone of `el` with `${...}` substituted in attribute values and text. Unknown names are listed
 * (each once) and left as written. The clone keeps the source positions of the original (`locOf`).
 */
export function expand(el: Element, vars: Record<string, string>): { element: Element; unknown: string[] } {
  const unknown = new Set<string>();
  const element = expandTree(el, vars, unknown);
  shareLocs(el, element);
  return { element, unknown: [...unknown] };
}
