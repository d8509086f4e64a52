// XML presentation helpers for the page: pretty-printing stanzas for the console and locating a
// mismatch (by its path, e.g. `/presence/x[1]/item[1]@role`) in pretty-printed expected XML.
import type { Element } from 'ltx';
import { locOf, parseXml, serialize } from '../scansion';

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
 * The 1-based lines of `xml` (as displayed) that a mismatch path points at: the attribute's line, or
 * the element's start tag. Walks as far as the path matches, so a missing child marks its parent.
 */
export function locateMismatch(xml: string, path: string): number | null {
  const { elements } = parseXml(xml);
  const { segments, attr } = parseMismatchPath(path);
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
  if (cur && attr && loc.attrs[attr]) return loc.attrs[attr].line;
  return loc.nameRange.line;
}
