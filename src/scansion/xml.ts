// Positioned XML: saxes (a maintained SAX parser that tracks offsets) builds ltx Elements, and the
// source range of every element, attribute and text node is available through `locOf(el)`.
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

// Positions are recorded as plain file offsets while parsing and turned into ranges only when asked
// for (`locOf`): building line/column ranges and a map entry for every element cost several times the
// XML parsing itself in the 10,000-step benchmark. All blocks of one file share one record (a few
// growing arrays, no per-block or per-element bookkeeping objects). A top-level element knows its
// record and its index in it; `locOf(el)` climbs `el.parent` to that root, finds the element among the
// root's descendants (which follow the root in document order) and materializes (and caches) its
// ElementLoc.
const O = 6; // numbers per element in FileRecord.offs

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

/** A growable Int32Array: flat, outside the garbage-collected heap, cheap to append to. */
class IntBuf {
  a = new Int32Array(256);
  n = 0;
  reserve(k: number): number {
    const at = this.n;
    if (at + k > this.a.length) {
      const next = new Int32Array(Math.max(this.a.length * 2, at + k));
      next.set(this.a.subarray(0, at));
      this.a = next;
    }
    this.n = at + k;
    return at;
  }
}
interface FileRecord {
  index: LineIndex;
  /** Every element of the file, in document order. */
  els: Element[];
  /** Per element: start, end, nameStart, nameEnd, start-tag end, textFrom (file offsets / index).
   * Attribute positions are not recorded while parsing: `locOf` finds them in the start tag. */
  offs: IntBuf;
  /** Per text node: element index, child index, start, end. */
  textOffs: IntBuf;
  /** Materialized locs, created on the first `locOf` (most elements are never asked for). */
  cache?: Map<number, ElementLoc>;
}

/** For clones made by `expand` (see `shareLocs`): the record, and clone element -> record index. */
interface CloneRef {
  rec: FileRecord;
  map: Map<Element, number>;
}

const clones = new WeakMap<Element, CloneRef>();

/**
 * Top-level elements built by the parser carry their record in private fields: registering 10,000
 * roots in a WeakMap was the single largest cost of parsing a 10,000-step script (WeakMap entries are
 * slow to add and expensive for the garbage collector). Private fields are invisible to Object.keys,
 * JSON, structured clone and test equality (`toEqual`), and `instanceof Element` still holds.
 */
class SourceElement extends Element {
  #rec: FileRecord | undefined;
  #index = -1;
  static recOf(el: Element): [FileRecord, number] | undefined {
    return el instanceof SourceElement && el.#rec ? [el.#rec, el.#index] : undefined;
  }
  static attach(el: SourceElement, rec: FileRecord, index: number): void {
    el.#rec = rec;
    el.#index = index;
  }
}

function rootOf(el: Element): Element {
  let root: Element = el;
  for (let n = 0; root.parent && n < 100_000; n++) root = root.parent;
  return root;
}

/** The record and index of an element, if it (or the root it belongs to) came from the parser. */
function find(el: Element): [FileRecord, number] | undefined {
  const root = rootOf(el);
  const own = SourceElement.recOf(root);
  if (own) {
    const [rec, first] = own;
    // The root's descendants follow it in document order, up to the root's end offset.
    const o = rec.offs.a;
    const end = o[O * first + 1];
    for (let i = first; i < rec.els.length; i++) {
      if (rec.els[i] === el) return [rec, i];
      if (i > first && o[O * i] >= end) break;
    }
    return undefined;
  }
  const clone = clones.get(root);
  if (!clone) return undefined;
  const i = clone.map.get(el);
  return i === undefined ? undefined : [clone.rec, i];
}

/**
 * Locate the attributes of a start tag that saxes has already parsed and accepted (`from` = end of the
 * tag name, `to` = end of the start tag): each `name = "value"` span, name to closing quote. Done on
 * demand, so parsing pays nothing for attribute positions. Stops at anything unexpected (the tag was
 * malformed and saxes reported it).
 */
function attributeRanges(
  text: string,
  from: number,
  to: number,
  found: (name: string, start: number, end: number) => void,
): void {
  const ws = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;
  let i = from;
  while (i < to) {
    while (i < to && ws(text.charCodeAt(i))) i++;
    const nameStart = i;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c === 61 /* = */ || ws(c) || c === 47 /* / */ || c === 62 /* > */) break;
      i++;
    }
    if (i === nameStart) return;
    const name = text.slice(nameStart, i);
    while (i < to && ws(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 61) return;
    i++;
    while (i < to && ws(text.charCodeAt(i))) i++;
    const q = text.charCodeAt(i);
    if (q !== 34 && q !== 39) return;
    const close = text.indexOf(q === 34 ? '"' : "'", i + 1);
    if (close === -1 || close >= to) return;
    found(name, nameStart, close + 1);
    i = close + 1;
  }
}

function materialize(rec: FileRecord, i: number): ElementLoc {
  const cache = (rec.cache ??= new Map());
  const cached = cache.get(i);
  if (cached) return cached;
  const r = (a: number, b: number): Range => rec.index.range(a, b);
  const o = rec.offs.a;
  const b = O * i;
  const loc: ElementLoc = { range: r(o[b], o[b + 1]), nameRange: r(o[b + 2], o[b + 3]), attrs: {} };
  attributeRanges(rec.index.text, o[b + 3], o[b + 4], (name, from, to) => {
    if (Object.prototype.hasOwnProperty.call(rec.els[i].attrs, name)) loc.attrs[name] = r(from, to);
  });
  const t = rec.textOffs.a;
  const tn = rec.textOffs.n;
  const end = o[b + 1];
  for (let k = o[b + 5]; k < tn && t[k + 2] < end; k += 4) {
    if (t[k] !== i) continue;
    if (!loc.text) loc.text = {};
    loc.text[t[k + 1]] = r(t[k + 2], t[k + 3]);
  }
  cache.set(i, loc);
  return loc;
}

/** Source positions of an element built by `parse`/`parseXml` (or a clone made by `expand`). */
export function locOf(el: Element): ElementLoc | undefined {
  const found = find(el);
  return found ? materialize(found[0], found[1]) : undefined;
}

/**
 * Give `copy` (a structural clone of `original`, same elements in the same order) the positions of
 * the original. Used by `expand`.
 */
export function shareLocs(original: Element, copy: Element): void {
  // Elements of one tree share its root: when the root has no record, no element of it has one.
  const root = rootOf(original);
  const cloneOf = clones.get(root);
  if (!SourceElement.recOf(root) && !cloneOf) return;
  const map = new Map<Element, number>();
  let rec: FileRecord | undefined;
  // A parsed element's descendants follow it in its record in document order, so a pre-order walk
  // visits entries first+1, first+2, …: each is checked against the record (no climb to the root per
  // element, which made deep trees quadratic) and looked up from scratch only when that fails.
  let next = -1;
  const indexOf = (el: Element): [FileRecord, number] | undefined => {
    if (cloneOf) {
      const i = cloneOf.map.get(el);
      return i === undefined ? undefined : [cloneOf.rec, i];
    }
    return rec && rec.els[next] === el ? [rec, next] : find(el);
  };
  // An explicit stack, not recursion: no depth of nesting can exhaust the call stack.
  const pairs: [Element, Element][] = [[original, copy]];
  for (let pair = pairs.pop(); pair; pair = pairs.pop()) {
    const [a, b] = pair;
    const found = indexOf(a);
    if (found) {
      rec = found[0];
      map.set(b, found[1]);
      next = found[1] + 1;
    }
    const ac = a.children;
    const bc = b.children;
    for (let k = Math.min(ac.length, bc.length) - 1; k >= 0; k--) {
      const x = ac[k];
      const y = bc[k];
      if (typeof x === 'object' && typeof y === 'object' && x && y) pairs.push([x, y]);
    }
  }
  if (rec) clones.set(copy, { rec, map });
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
 * One saxes parser, handlers bound once, reused for every block (saxes resets itself on close()).
 * Creating a parser and a dozen handler closures per block cost more than the parsing itself in the
 * 10,000-step benchmark. The per-block state lives in the fields below; parsing is synchronous, so a
 * single instance is safe (a handler never starts another parse).
 */
class BlockParser {
  private readonly parser = new SaxesParser({ xmlns: false, position: true, fragment: true });
  private src = '';
  private base = 0;
  private index!: LineIndex;
  private elements: Element[] = [];
  private diagnostics: Diagnostic[] = [];
  /** Open elements, as indices into the block record (reused across blocks: no per-element objects). */
  private readonly stack: number[] = [];
  /** End (in src) of the last markup seen: where the next text node starts. */
  private markupEnd = 0;
  /** Element whose start tag is being read. */
  private current = -1;
  private sawError = false;
  private rec: FileRecord | undefined;

  constructor() {
    const p = this.parser;
    p.on('opentagstart', (tag) => this.onOpenTagStart(tag.name));
    // Attribute values are stored as they arrive: iterating saxes' finished attribute object (it has
    // no prototype, so V8 keeps it in slow dictionary mode) cost twice as much.
    p.on('attribute', (attr) => {
      if (this.current >= 0) this.rec!.els[this.current].attrs[attr.name] = attr.value;
    });
    p.on('opentag', () => this.onOpenTag());
    p.on('closetag', () => this.onCloseTag());
    p.on('text', (t) => this.onText(t));
    p.on('cdata', (t) => this.onCdata(t));
    // Seven handlers, no more: saxes stores each as a property added after construction, and from the
    // eighth on V8 turns the parser into a slow dictionary-mode object (measured: 10x slower parsing).
    // So comments, processing instructions and doctypes get no handler; `onText` skips over them.
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
    if (this.rec?.index !== index)
      this.rec = {
        index,
        els: [],
        offs: new IntBuf(),
        textOffs: new IntBuf(),
      };
    const lone = loneSurrogateAt(this.src);
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
    for (const i of this.stack) this.rec.offs.a[O * i + 1] = end;
    return { elements, diagnostics };
  }

  private range(a: number, b: number): Range {
    return this.index.range(this.base + a, this.base + b);
  }

  private error(code: string, message: string, a: number, b: number): void {
    const n = this.src.length;
    const s = Math.max(0, Math.min(a, n));
    const e = Math.max(s, Math.min(b, n));
    this.diagnostics.push({ severity: 'error', code, message, ...this.range(s, e) });
  }

  private onOpenTagStart(name: string): void {
    const pos = this.parser.position;
    const lt = Math.max(0, this.src.lastIndexOf('<', pos - 1));
    if (this.stack.length >= this.maxDepth) throw new NestingTooDeep(lt);
    const rec = this.rec!;
    const i = rec.els.length;
    let el: Element;
    if (this.stack.length === 0) {
      const root = new SourceElement(name);
      SourceElement.attach(root, rec, i);
      el = root;
    } else el = new Element(name);
    el.attrs = attributeMap();
    rec.els.push(el);
    const b = this.base;
    // The end is provisional (start tag only) until the close tag is seen.
    const k = rec.offs.reserve(O);
    const o = rec.offs.a;
    o[k] = b + lt;
    o[k + 1] = b + pos;
    o[k + 2] = b + lt + 1;
    o[k + 3] = b + lt + 1 + name.length;
    o[k + 4] = b + pos;
    o[k + 5] = rec.textOffs.n;
    this.current = i;
  }

  private onOpenTag(): void {
    const open = this.current;
    if (open < 0) return;
    this.current = -1;
    const rec = this.rec!;
    const els = rec.els;
    const el = els[open];
    const pos = this.parser.position;
    const o = rec.offs.a;
    o[O * open + 1] = this.base + pos;
    o[O * open + 4] = this.base + pos; // end of the start tag: attributes are looked up before it
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
    if (open !== undefined) this.rec!.offs.a[O * open + 1] = this.base + pos;
  }

  private addText(t: string, from: number, to: number): void {
    const top = this.stack.length > 0 ? this.stack[this.stack.length - 1] : -1;
    if (top < 0) {
      if (!isWhitespace(t)) {
        const src = this.src;
        let a = from;
        while (a < to && isWhitespace(src[a])) a++;
        let b = to;
        while (b > a && isWhitespace(src[b - 1])) b--;
        const shown = t.trim();
        this.error(
          'xml-text-outside',
          `text outside of any element: '${shown.length > 30 ? shown.slice(0, 30) + '…' : shown}'`,
          a,
          b,
        );
      }
      return;
    }
    if (isWhitespace(t)) return;
    const rec = this.rec!;
    const el = rec.els[top];
    const last = el.children.length - 1;
    const t4 = rec.textOffs.a;
    if (last >= 0 && typeof el.children[last] === 'string') {
      // Adjacent text (around a comment or CDATA): one text node; extend its range.
      el.children[last] = (el.children[last] as string) + t;
      for (let k = rec.textOffs.n - 4; k >= 0; k -= 4) {
        if (t4[k + 2] < rec.offs.a[O * top]) break; // before this element: not there
        if (t4[k] === top && t4[k + 1] === last) {
          t4[k + 3] = this.base + to;
          break;
        }
      }
    } else {
      el.children.push(t);
      const k = rec.textOffs.reserve(4);
      const tb = rec.textOffs.a;
      tb[k] = top;
      tb[k + 1] = el.children.length - 1;
      tb[k + 2] = this.base + from;
      tb[k + 3] = this.base + to;
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
      const o = this.rec!.offs.a;
      const b = this.base;
      this.error(
        'xml-malformed',
        `XML: ${message} (no closing tag)`,
        o[O * open + 2] - b,
        o[O * open + 3] - b,
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
