// XML presentation helpers for the page: pretty-printing stanzas for the console and locating a
// mismatch (by its path, e.g. `/presence/x[1]/item[1]@role`) in pretty-printed expected XML.
import type { Element } from 'ltx';
import { locOf, parseXml, serialize } from '../scansion';
import type { Range } from '../scansion/types';

const cache = new Map<string, string>();
const CACHE_MAX = 2000;

/** Indented XML for people; the input unchanged when it is not well-formed. */
export function prettyXml(xml: string): string {
  const hit = cache.get(xml);
  if (hit !== undefined) return hit;
  let out = xml;
  try {
    const { elements, diagnostics } = parseXml(xml);
    if (elements.length > 0 && !diagnostics.some((d) => d.severity === 'error')) {
      out = elements.map((e) => serialize(e, { pretty: true })).join('\n');
    }
  } catch {
    out = xml;
  }
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(xml, out);
  return out;
}

interface Segment {
  name: string;
  /** 1-based among same-named element children, when given. */
  index?: number;
}

/** Splits `/a/b[2]/c@attr` (also `/a/b[2]/text()`) into element steps and an optional attribute. */
export function parseMismatchPath(path: string): { segments: Segment[]; attr?: string; text: boolean } {
  let p = path.trim();
  let attr: string | undefined;
  let text = false;
  const at = p.lastIndexOf('@');
  if (at >= 0 && !p.slice(at).includes('/')) {
    attr = p.slice(at + 1);
    p = p.slice(0, at);
  }
  const parts = p.split('/').filter(Boolean);
  const segments: Segment[] = [];
  for (const part of parts) {
    if (part === 'text()' || part === '#text') {
      text = true;
      continue;
    }
    const m = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(part);
    if (!m) continue;
    segments.push({ name: m[1], index: m[2] ? Number(m[2]) : undefined });
  }
  return { segments, attr, text };
}

/**
 * Where in `xml` (as displayed) a mismatch path points: the attribute (name to closing quote), the text,
 * or the element's start-tag name. Walks as far as the path matches, so a missing child marks its parent.
 */
export function locateMismatchRange(xml: string, path: string): Range | null {
  const { elements } = parseXml(xml);
  const { segments, attr, text } = parseMismatchPath(path);
  if (elements.length === 0 || segments.length === 0) return null;
  let cur: Element | undefined = elements.find((e) => e.name === segments[0].name) ?? elements[0];
  let found: Element = cur;
  for (let i = 1; i < segments.length && cur; i++) {
    const seg = segments[i];
    const parent: Element = cur;
    const same: Element[] = parent.children.filter(
      (c): c is Element => typeof c !== 'string' && c.name === seg.name,
    );
    cur = same[(seg.index ?? 1) - 1];
    if (cur) found = cur;
  }
  const loc = locOf(found);
  if (!loc) return null;
  if (cur && attr && loc.attrs[attr]) return loc.attrs[attr];
  if (cur && text && loc.text) {
    const first = Object.values(loc.text)[0];
    if (first) return first;
  }
  return loc.nameRange;
}

/** The 1-based line of `xml` that a mismatch path points at (see locateMismatchRange). */
export function locateMismatch(xml: string, path: string): number | null {
  return locateMismatchRange(xml, path)?.line ?? null;
}

/**
 * The received element a mismatch path (written against the expected XML) refers to: at each level
 * the received child with the expected child's name and namespace (received stanzas often carry other
 * same-named children first, e.g. a vcard `<x>` before the muc#user `<x>`), then the attribute or name.
 */
export function locateCounterpartRange(expectedXml: string, receivedXml: string, path: string): Range | null {
  const exp = parseXml(expectedXml).elements[0];
  const rec = parseXml(receivedXml).elements[0];
  const { segments, attr, text } = parseMismatchPath(path);
  if (!exp || !rec || segments.length === 0) return null;
  let e: Element | undefined = exp;
  let r: Element | undefined = rec;
  let found: Element = rec;
  let complete = true;
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i];
    const ePar: Element | undefined = e;
    const eSame: Element[] = ePar
      ? ePar.children.filter((c): c is Element => typeof c !== 'string' && c.name === seg.name)
      : [];
    e = eSame[(seg.index ?? 1) - 1];
    const rPar: Element = r as Element;
    const rSame: Element[] = rPar.children.filter(
      (c): c is Element => typeof c !== 'string' && c.name === seg.name,
    );
    const ns = e?.attrs.xmlns;
    const byNs = ns === undefined ? rSame : rSame.filter((c) => c.attrs.xmlns === ns);
    // Among candidates, the one agreeing with most of the expected attributes.
    const score = (c: Element) => Object.entries(e?.attrs ?? {}).filter(([k, v]) => c.attrs[k] === v).length;
    const pick = [...byNs].sort((a, b) => score(b) - score(a))[0];
    if (!pick) {
      complete = false;
      break;
    }
    r = pick;
    found = pick;
  }
  const loc = locOf(found);
  if (!loc) return null;
  if (complete && attr && loc.attrs[attr]) return loc.attrs[attr];
  if (complete && text && loc.text) {
    const first = Object.values(loc.text)[0];
    if (first) return first;
  }
  return loc.nameRange;
}
