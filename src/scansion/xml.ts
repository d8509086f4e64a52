// Positioned XML: saxes (a maintained SAX parser that tracks offsets) builds ltx Elements, and the
// source range of every element, attribute and text node is recorded for `locOf(el)` (xmlLocations.ts).
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
import { SourceElement, sourceRecord, type SourceRecord } from './xmlLocations';
import type { Diagnostic, Range } from './types';

/**
 * How deeply XML elements may nest in a script's block. Real stanzas nest a handful of levels; the
 * limit keeps every recursive walk over a parsed stanza (matching, serializing, the page's views) far
 * from the engine's stack limit, and turns a hostile file into a located error.
 */
export const MAX_XML_DEPTH = 256;

/** Thrown from a saxes handler to abandon a block that nests too deeply (caught in `parse`). */
class NestingTooDeep {
  constructor(readonly at: number) {}
}

/** The prototype of every attribute map: empty, itself without a prototype, frozen. */
const ATTRIBUTE_MAP_PROTOTYPE: object = Object.freeze(Object.create(null));

/**
 * An attribute map whose prototype chain holds no properties: `__proto__`, `constructor` or
 * `toString` are ordinary attribute names, kept and compared like any other. (Its prototype is an
 * empty object rather than null: see PERF.md.)
 */
export function attributeMap(): Record<string, string> {
  return Object.create(ATTRIBUTE_MAP_PROTOTYPE) as Record<string, string>;
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

/** Index of the first unpaired UTF-16 surrogate in `s`, or -1 (a quick test first: usually none). */
function loneSurrogateAt(s: string): number {
  if (!/[\ud800-\udfff]/.test(s)) return -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    const next = s.charCodeAt(i + 1);
    if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
    else return i;
  }
  return -1;
}

/** Strip saxes' "line:col: " prefix (we report our own file positions) and a trailing period. */
function cleanMessage(m: string): string {
  const stripped = m.replace(/^(?:[^:\n]*:)?\d+:\d+: /, '');
  return stripped.endsWith('.') ? stripped.slice(0, -1) : stripped;
}

/**
 * One saxes parser, handlers bound once, reused for every block (saxes resets itself on close()). The
 * per-block state lives in the fields below; parsing is synchronous, so a single instance is safe (a
 * handler never starts another parse). See PERF.md for the limits this class keeps to.
 */
class BlockParser {
  private readonly parser = new SaxesParser({ xmlns: false, position: true, fragment: true });
  private src = '';
  private base = 0;
  private index!: LineIndex;
  private elements: Element[] = [];
  private diagnostics: Diagnostic[] = [];
  /** Open elements, as rows of the record (reused across blocks). */
  private readonly stack: number[] = [];
  /** End (in src) of the last markup seen: where the next text node starts. */
  private markupEnd = 0;
  /** Row of the element whose start tag is being read. */
  private current = -1;
  private sawError = false;
  private record: SourceRecord | undefined;

  constructor() {
    const p = this.parser;
    p.on('opentagstart', (tag) => this.onOpenTagStart(tag.name));
    // Attribute values are stored as they arrive (PERF.md).
    p.on('attribute', (attr) => {
      if (this.current >= 0) this.record!.els[this.current].attrs[attr.name] = this.intern(attr.value);
    });
    p.on('opentag', () => this.onOpenTag());
    p.on('closetag', () => this.onCloseTag());
    p.on('text', (t) => this.onText(t));
    p.on('cdata', (t) => this.onCdata(t));
    // Seven handlers and no more (PERF.md): comments, processing instructions and doctypes get none;
    // `onText` skips over them.
    p.on('error', (e) => this.onError(e.message));
  }

  /** How deep elements may nest in the current block. */
  maxDepth = MAX_XML_DEPTH;

  parse(text: string, start: number, end: number, index: LineIndex): XmlSliceResult {
    this.src = text.slice(start, end);
    this.base = start;
    this.index = index;
    const elements: Element[] = (this.elements = []);
    const diagnostics: Diagnostic[] = (this.diagnostics = []);
    this.stack.length = 0;
    this.markupEnd = 0;
    this.current = -1;
    this.sawError = false;
    // Blocks of the same file (same LineIndex) share one record.
    if (this.record?.index !== index) {
      this.record = sourceRecord(index);
      this.strings.clear();
    }
    const lone = this.record.hasSurrogates ? loneSurrogateAt(this.src) : -1;
    if (lone >= 0) {
      // Not a character at all (text from a file is never like this; pasted or generated text can
      // be). saxes would stop on it with an internal error of its own.
      this.error('xml-malformed', 'XML: a lone UTF-16 surrogate is not a character', lone, lone + 1);
      return { elements, diagnostics };
    }
    // A NestingTooDeep thrown from a handler leaves here (see `parseXmlSlice`): no try/catch in this
    // hot function.
    this.parser.write(this.src).close();
    // Elements left open by malformed XML end where the block ends.
    for (const row of this.stack) this.record.elements.setEnd(row, end);
    return { elements: elements.slice(), diagnostics }; // exact size (PERF.md)
  }

  private range(from: number, to: number): Range {
    return this.index.range(this.base + from, this.base + to);
  }

  private error(code: string, message: string, from: number, to: number): void {
    const n = this.src.length;
    const start = Math.max(0, Math.min(from, n));
    const end = Math.max(start, Math.min(to, n));
    this.diagnostics.push({ severity: 'error', code, message, ...this.range(start, end) });
  }

  /** Element names and attribute values of the current file, each kept once (PERF.md). */
  private readonly strings = new Map<string, string>();

  private intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    if (this.strings.size < 5000) this.strings.set(s, s);
    return s;
  }

  private onOpenTagStart(tagName: string): void {
    const name = this.intern(tagName);
    const pos = this.parser.position;
    const lt = Math.max(0, this.src.lastIndexOf('<', pos - 1));
    if (this.stack.length >= this.maxDepth) throw new NestingTooDeep(lt);
    const record = this.record!;
    const row = record.els.length;
    let el: Element;
    if (this.stack.length === 0) {
      const root = new SourceElement(name);
      SourceElement.attach(root, record, row);
      el = root;
    } else el = new Element(name);
    el.attrs = attributeMap();
    record.els.push(el);
    const base = this.base;
    // The end is provisional (the start tag so far) until the tag closes.
    record.elements.add(base + lt, name.length, base + pos, record.texts.count);
    this.current = row;
  }

  private onOpenTag(): void {
    const open = this.current;
    if (open < 0) return;
    this.current = -1;
    const record = this.record!;
    const els = record.els;
    const el = els[open];
    const pos = this.parser.position;
    record.elements.closeStartTag(open, this.base + pos);
    const stack = this.stack;
    if (stack.length > 0) els[stack[stack.length - 1]].cnode(el);
    else this.elements.push(el);
    stack.push(open);
    this.markupEnd = pos;
  }

  private onCloseTag(): void {
    const open = this.stack.pop();
    const pos = this.parser.position;
    this.markupEnd = pos;
    if (open !== undefined) {
      const record = this.record!;
      record.elements.setEnd(open, this.base + pos);
      // An exact-size copy of the children (PERF.md).
      const el = record.els[open];
      if (el.children.length > 0) el.children = el.children.slice();
    }
  }

  private addText(t: string, from: number, to: number): void {
    const top = this.stack.length > 0 ? this.stack[this.stack.length - 1] : -1;
    if (top < 0) {
      if (!isWhitespace(t)) {
        const src = this.src;
        let start = from;
        while (start < to && isWhitespace(src[start])) start++;
        let end = to;
        while (end > start && isWhitespace(src[end - 1])) end--;
        const shown = t.trim();
        this.error(
          'xml-text-outside',
          `text outside of any element: '${shown.length > 30 ? shown.slice(0, 30) + '…' : shown}'`,
          start,
          end,
        );
      }
      return;
    }
    if (isWhitespace(t)) return;
    const { els, elements, texts } = this.record!;
    const el = els[top];
    const last = el.children.length - 1;
    if (last >= 0 && typeof el.children[last] === 'string') {
      // Adjacent text (around a comment or CDATA): one text node; extend its range.
      el.children[last] = (el.children[last] as string) + t;
      for (let row = texts.count - 1; row >= 0; row--) {
        if (texts.start(row) < elements.start(top)) break; // before this element: not there
        if (texts.element(row) === top && texts.child(row) === last) {
          texts.setEnd(row, this.base + to);
          break;
        }
      }
    } else {
      el.children.push(t);
      texts.add(top, el.children.length - 1, this.base + from, this.base + to);
    }
  }

  private onText(t: string): void {
    const src = this.src;
    const pos = this.parser.position;
    let from = this.markupEnd;
    let to = src.indexOf('<', from);
    // Comments and processing instructions have no handler (see the constructor): when one starts
    // right where this text would, the text begins after it.
    while (to === from && to < pos) {
      const comment = src.startsWith('<!--', to);
      if (!comment && !src.startsWith('<?', to)) break;
      const close = comment ? src.indexOf('-->', to + 4) : src.indexOf('?>', to + 2);
      if (close === -1) break;
      from = close + (comment ? 3 : 2);
      to = src.indexOf('<', from);
    }
    if (to === -1 || to > pos) to = Math.min(pos, src.length);
    if (to < from) to = from;
    this.addText(t, from, to);
    this.markupEnd = to;
  }

  private onCdata(t: string): void {
    const pos = this.parser.position;
    const from = Math.max(0, this.src.lastIndexOf('<![CDATA[', pos));
    this.addText(t, from, pos);
    this.markupEnd = pos;
  }

  // Only the first XML error of a block is reported: after it saxes recovers in ways that produce a
  // cascade of follow-on errors that would only bury the real one.
  private onError(raw: string): void {
    if (this.sawError) return;
    this.sawError = true;
    const message = cleanMessage(raw);
    const pos = this.parser.position;
    if (/^unclosed tag: /.test(message) && this.stack.length > 0) {
      const open = this.stack[this.stack.length - 1];
      const { elements } = this.record!;
      const base = this.base;
      this.error(
        'xml-malformed',
        `XML: ${message} (no closing tag)`,
        elements.nameStart(open) - base,
        elements.nameEnd(open) - base,
      );
      return;
    }
    this.error('xml-malformed', `XML: ${message}`, Math.max(0, pos - 1), pos);
  }
}

let shared: BlockParser | undefined;

/**
 * Parse `text.slice(start, end)` as an XML fragment. Positions are reported against `index` (the whole
 * file). Never throws.
 */
export function parseXmlSlice(
  text: string,
  start: number,
  end: number,
  index: LineIndex,
  maxDepth = MAX_XML_DEPTH,
): XmlSliceResult {
  const bp = (shared ??= new BlockParser());
  try {
    bp.maxDepth = maxDepth;
    return bp.parse(text, start, end, index);
  } catch (e) {
    if (e instanceof NestingTooDeep) {
      // saxes' state is unknown after a handler threw: this parser is retired.
      shared = undefined;
      return {
        elements: [],
        diagnostics: [
          {
            severity: 'error',
            code: 'xml-too-deep',
            message: `XML nests deeper than ${maxDepth} levels: this element is one level too many`,
            ...index.range(start + e.at, start + e.at + 1),
          },
        ],
      };
    }
    // saxes reports through the error handler, so this is a bug of ours: an `internal-error` (which the
    // property tests assert never happens), not a crash. The shared parser may be in a broken state
    // now: start afresh next time.
    shared = undefined;
    const r = index.range(start, Math.max(start, end));
    return {
      elements: [],
      diagnostics: [
        {
          severity: 'error',
          code: 'internal-error',
          message: `internal XML reader error: ${cleanMessage(String((e as Error)?.message ?? e))}`,
          ...r,
        },
      ],
    };
  }
}

/** Parse any XML text (one or more elements) with positions relative to that text. Never throws. */
export function parseXml(text: string, options: { maxDepth?: number } = {}): XmlSliceResult {
  const t = typeof text === 'string' ? text : String(text);
  // Unlimited by default: this reads stanzas a server sent (whose depth the matcher bounds itself);
  // script blocks are read with MAX_XML_DEPTH.
  return parseXmlSlice(t, 0, t.length, new LineIndex(t), options.maxDepth ?? Infinity);
}
