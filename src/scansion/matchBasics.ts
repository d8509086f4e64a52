// Small shared pieces of the matcher (see matcher.ts for the rules M1..M8): the special values,
// element helpers that read attributes without touching Object.prototype, and the mode rule (M3).
import type { Element, Node } from 'ltx';
import { locOf as sourceLocOf } from './xmlLocations';
import type { ElementLoc } from './types';

export const ANY = '{scansion:any}';
export const CAPTURE_PREFIX = '{scansion:capture:';
export const STRICT_ATTR = 'scansion:strict';
export const DEFAULT_NS = 'jabber:client';

/** The capture name of a `{scansion:capture:NAME}` value, or undefined. */
export function isCaptureValue(v: string): string | undefined {
  return v.startsWith(CAPTURE_PREFIX) && v.endsWith('}') ? v.slice(CAPTURE_PREFIX.length, -1) : undefined;
}

/**
 * An attribute's value, or undefined. Own properties only: `constructor`, `toString` or `__proto__`
 * must not be found on Object.prototype when the stanza lacks them.
 */
export function attr(el: Element, name: string): string | undefined {
  if (!Object.hasOwn(el.attrs, name)) return undefined;
  const v: unknown = el.attrs[name];
  return v === undefined || v === null ? undefined : String(v);
}

/** The attribute names of an element that carry a value. */
export function attrNames(el: Element): string[] {
  return Object.keys(el.attrs).filter((k) => attr(el, k) !== undefined);
}

export interface Side {
  el: Element;
  ns: string;
}

export function quote(v: string | undefined): string {
  if (v === undefined) return 'nothing';
  const s = v.length > 80 ? v.slice(0, 77) + '...' : v;
  return `'${s}'`;
}

export function textOf(el: Element): string {
  let s = '';
  for (const c of el.children) if (typeof c === 'string') s += c;
  return s.trim();
}

export function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (const c of el.children as Node[]) if (typeof c === 'object' && c !== null) out.push(c);
  return out;
}

/** A one-line picture of an element: `<item role='moderator'>…`. */
export function brief(el: Element): string {
  let s = '<' + el.name;
  for (const k of attrNames(el)) {
    if (k === STRICT_ATTR) continue;
    s += ` ${k}='${attr(el, k)}'`;
  }
  s += elementChildren(el).length > 0 || textOf(el) ? '>…' : '/>';
  return s.length > 120 ? s.slice(0, 117) + '...' : s;
}

/** Mode of an expected element given its parent's mode and namespace (rule M3). */
export function strictOf(exp: Element, parentStrict: boolean, parentNs: string): boolean {
  const s = attr(exp, STRICT_ATTR);
  if (s === 'true') return true;
  if (s === 'false') return false;
  const own = attr(exp, 'xmlns');
  if (own !== undefined && own !== parentNs) return own !== DEFAULT_NS;
  return parentStrict;
}

/** The matching mode of every element of an expected stanza (rule M3): true = strict. For UIs and tests. */
export function strictness(expected: Element): Map<Element, boolean> {
  const out = new Map<Element, boolean>();
  // Iterative: a deeply nested stanza must not overflow the stack.
  const stack: Array<[Element, boolean, string]> = [[expected, false, DEFAULT_NS]];
  while (stack.length > 0) {
    const [el, parentStrict, parentNs] = stack.pop()!;
    const strict = strictOf(el, parentStrict, parentNs);
    out.set(el, strict);
    const ns = attr(el, 'xmlns') ?? parentNs;
    for (const c of elementChildren(el)) stack.push([c, strict, ns]);
  }
  return out;
}

/**
 * Why an element of an expected stanza is compared strictly, in words ("<x> declares its own namespace
 * 'n'"), or undefined when it is not strict. `target` must be `expected` or one of its descendants.
 */
export function strictReason(expected: Element, target: Element): string | undefined {
  const chain: Element[] = [];
  for (let e: Element | null = target; e; e = e === expected ? null : (e.parent as Element | null))
    chain.unshift(e);
  if (chain[0] !== expected) return undefined;
  let strict = false;
  let ns = DEFAULT_NS;
  let origin: Element | undefined;
  let byAttr = false;
  for (const e of chain) {
    const s = attr(e, STRICT_ATTR);
    const own = attr(e, 'xmlns');
    const next = strictOf(e, strict, ns);
    if (next && (!strict || s === 'true' || (own !== undefined && own !== ns && own !== DEFAULT_NS))) {
      origin = e;
      byAttr = s === 'true';
    }
    if (!next) origin = undefined;
    strict = next;
    ns = own ?? ns;
  }
  if (!strict || !origin) return undefined;
  const how = byAttr ? "has scansion:strict='true'" : `declares its own namespace '${attr(origin, 'xmlns')}'`;
  return origin === target
    ? `<${target.name}> ${how}`
    : `<${origin.name}> ${how}, and <${target.name}> inherits its strict mode`;
}

/** Paths like `/presence/x[1]`, indexed among same-named siblings. */
export function indexedPaths(parentPath: string, els: Element[]): string[] {
  const counts = new Map<string, number>();
  return els.map((e) => {
    const n = (counts.get(e.name) ?? 0) + 1;
    counts.set(e.name, n);
    return `${parentPath}/${e.name}[${n}]`;
  });
}

/** Depth of an element tree (1 = no element children), computed without recursion. */
export function depthOf(root: Element): number {
  let max = 0;
  const stack: Array<[Element, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [el, d] = stack.pop()!;
    if (d > max) max = d;
    for (const c of elementChildren(el)) stack.push([c, d + 1]);
  }
  return max;
}

const locs = new WeakMap<Element, ElementLoc | null>();

/** `locOf`, remembered per element: locOf searches the parsed file for the element on every call. */
export function locOf(el: Element): ElementLoc | undefined {
  let l = locs.get(el);
  if (l === undefined) {
    l = sourceLocOf(el) ?? null;
    locs.set(el, l);
  }
  return l ?? undefined;
}
