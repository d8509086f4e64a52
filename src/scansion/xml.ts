// Positioned XML: saxes (a maintained SAX parser that tracks offsets) builds ltx Elements, and the
// source range of every element, attribute and text node is kept beside it in a WeakMap (`locOf`).
//
// Decisions:
// - Namespaces are off (`xmlns: false`): scansion's `scansion:` prefix is never declared, and xmlns is
//   just an attribute for the matcher (see matcher.ts).
// - Fragment mode: a block may hold several top-level elements (one corpus block does). Text outside
//   any element is reported by us, since fragment mode would accept it silently.
// - Whitespace-only text nodes are dropped while building (indentation between children is layout, not
//   content; scansion compares and sends stanzas without it). Other text is kept exactly as written.
// - The parser is fed the raw slice of the file (indentation included), so every saxes offset plus the
//   slice start is a file offset: no re-mapping of lines or columns is needed.
import { SaxesParser } from 'saxes';
import { Element } from 'ltx';
import { LineIndex } from './positions';
import type { Diagnostic, ElementLoc, Range } from './types';

const locs = new WeakMap<Element, ElementLoc>();

/** Source positions of an element built by `parse`/`parseXml`, if it was. */
export function locOf(el: Element): ElementLoc | undefined {
  return locs.get(el);
}

/** Record positions for an element built elsewhere (e.g. a clone made by `expand`). */
export function setLoc(el: Element, loc: ElementLoc): void {
  locs.set(el, loc);
}

export interface XmlSliceResult {
  elements: Element[];
  diagnostics: Diagnostic[];
}

function isWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

/** Strip saxes' "line:col: " prefix (we report our own file positions) and a trailing period. */
function cleanMessage(m: string): string {
  const stripped = m.replace(/^(?:[^:\n]*:)?\d+:\d+: /, '');
  return stripped.endsWith('.') ? stripped.slice(0, -1) : stripped;
}

interface Open {
  el: Element;
  start: number;
  nameStart: number;
  loc: ElementLoc;
}

/**
 * Parse `text.slice(start, end)` as an XML fragment. Positions are reported against `index` (the whole
 * file). Never throws.
 */
export function parseXmlSlice(text: string, start: number, end: number, index: LineIndex): XmlSliceResult {
  const src = text.slice(start, end);
  const elements: Element[] = [];
  const diagnostics: Diagnostic[] = [];
  const stack: Open[] = [];
  let markupEnd = 0; // end (in src) of the last markup seen: where the next text node starts
  let pendingAttrs: Record<string, string> | null = null;
  let current: Open | null = null; // element whose start tag is being read
  const range = (a: number, b: number): Range => index.range(start + a, start + b);
  const error = (code: string, message: string, a: number, b: number): void => {
    const s = Math.max(0, Math.min(a, src.length));
    const e = Math.max(s, Math.min(b, src.length));
    diagnostics.push({ severity: 'error', code, message, ...range(s, e) });
  };

  const parser = new SaxesParser({ xmlns: false, position: true, fragment: true });

  parser.on('opentagstart', (tag) => {
    const pos = parser.position;
    const lt = Math.max(0, src.lastIndexOf('<', pos - 1));
    const el = new Element(tag.name);
    const loc: ElementLoc = {
      range: range(lt, pos),
      nameRange: range(lt + 1, lt + 1 + tag.name.length),
      attrs: {},
    };
    locs.set(el, loc);
    pendingAttrs = el.attrs;
    current = { el, start: lt, nameStart: lt + 1, loc };
  });

  parser.on('attribute', (attr) => {
    if (!current || !pendingAttrs) return;
    pendingAttrs[attr.name] = attr.value;
    const pos = parser.position;
    // The event fires just after the closing quote: find the opening quote, then the name before '='.
    const q = src.charCodeAt(pos - 1);
    let a = pos;
    if (q === 34 || q === 39) {
      const open = src.lastIndexOf(String.fromCharCode(q), pos - 2);
      let i = open - 1;
      while (i > 0 && (src.charCodeAt(i) === 61 || isWhitespace(src[i]))) i--;
      a = Math.max(current.nameStart, i + 1 - attr.name.length);
    }
    current.loc.attrs[attr.name] = range(a, pos);
  });

  parser.on('opentag', () => {
    if (!current) return;
    const open = current;
    current = null;
    pendingAttrs = null;
    const parent = stack[stack.length - 1];
    if (parent) parent.el.cnode(open.el);
    else elements.push(open.el);
    stack.push(open);
    markupEnd = parser.position;
  });

  parser.on('closetag', () => {
    const open = stack.pop();
    const pos = parser.position;
    markupEnd = pos;
    if (!open) return;
    open.loc.range = range(open.start, pos);
  });

  const addText = (t: string, from: number, to: number): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      if (!isWhitespace(t)) {
        let a = from;
        while (a < to && isWhitespace(src[a])) a++;
        let b = to;
        while (b > a && isWhitespace(src[b - 1])) b--;
        const shown = t.trim();
        error(
          'xml-text-outside',
          `text outside of any element: '${shown.length > 30 ? shown.slice(0, 30) + '…' : shown}'`,
          a,
          b,
        );
      }
      return;
    }
    if (isWhitespace(t)) return;
    const el = top.el;
    const last = el.children.length - 1;
    const loc = top.loc;
    if (!loc.text) loc.text = {};
    if (last >= 0 && typeof el.children[last] === 'string') {
      el.children[last] = (el.children[last] as string) + t;
      const prev = loc.text[last];
      loc.text[last] = prev ? { ...prev, ...endOf(range(from, to)) } : range(from, to);
    } else {
      el.children.push(t);
      loc.text[el.children.length - 1] = range(from, to);
    }
  };

  parser.on('text', (t) => {
    const from = markupEnd;
    let to = src.indexOf('<', from);
    if (to === -1 || to > parser.position) to = Math.min(parser.position, src.length);
    if (to < from) to = from;
    addText(t, from, to);
    markupEnd = to;
  });
  parser.on('cdata', (t) => {
    const pos = parser.position;
    const from = Math.max(0, src.lastIndexOf('<![CDATA[', pos));
    addText(t, from, pos);
    markupEnd = pos;
  });
  const skipMarkup = (): void => {
    markupEnd = parser.position;
  };
  parser.on('comment', skipMarkup);
  parser.on('processinginstruction', skipMarkup);
  parser.on('doctype', skipMarkup);
  parser.on('xmldecl', skipMarkup);

  // Only the first XML error of a block is reported: after it saxes recovers in ways that produce a
  // cascade of follow-on errors that would only bury the real one.
  let sawError = false;
  parser.on('error', (e) => {
    if (sawError) return;
    sawError = true;
    const message = cleanMessage(e.message);
    const pos = parser.position;
    const unclosed = /^unclosed tag: /.test(message);
    if (unclosed && stack.length > 0) {
      const open = stack[stack.length - 1];
      const l = open.loc.nameRange;
      diagnostics.push({
        severity: 'error',
        code: 'xml-malformed',
        message: `XML: ${message} (no closing tag)`,
        ...l,
      });
      return;
    }
    error('xml-malformed', `XML: ${message}`, Math.max(0, pos - 1), pos);
  });

  try {
    parser.write(src).close();
  } catch (e) {
    // saxes reports through the error handler; this is a last line of defence.
    error('xml-malformed', `XML: ${cleanMessage(String((e as Error)?.message ?? e))}`, 0, src.length);
  }
  return { elements, diagnostics };
}

function endOf(r: Range): { endLine: number; endColumn: number } {
  return { endLine: r.endLine, endColumn: r.endColumn };
}

/** Parse any XML text (one or more elements) with positions relative to that text. Never throws. */
export function parseXml(text: string): XmlSliceResult {
  const t = typeof text === 'string' ? text : String(text);
  return parseXmlSlice(t, 0, t.length, new LineIndex(t));
}
