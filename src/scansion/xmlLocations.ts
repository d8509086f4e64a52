// Source positions of parsed XML: `locOf(el)` gives the range of an element the reader (xml.ts) built,
// of its name, its attributes and its text nodes, and `shareLocs` gives a clone the positions of its
// original.
//
// The reader records plain file offsets (xmlPositionTable.ts) in one SourceRecord per file; a
// top-level element knows its record and its row. `locOf(el)` climbs to that root, finds the element
// among the root's descendants (which follow the root in document order) and materializes (and
// caches) its ElementLoc. Why it is built this way rather than a map entry per element: PERF.md.
import { Element } from 'ltx';
import type { LineIndex } from './positions';
import { ElementPositions, TextPositions } from './xmlPositionTable';
import type { ElementLoc, Range } from './types';

/** Every element and text node one file's blocks produced, with their positions. */
export interface SourceRecord {
  index: LineIndex;
  /** Every element of the file, in document order (a row of `elements` each). */
  els: Element[];
  elements: ElementPositions;
  texts: TextPositions;
  /** The file holds a UTF-16 surrogate somewhere (blocks are then checked for lone ones). */
  hasSurrogates: boolean;
  /** Materialized locs, created on the first `locOf` (most elements are never asked for). */
  cache?: Map<number, ElementLoc>;
}

export function sourceRecord(index: LineIndex): SourceRecord {
  return {
    index,
    els: [],
    elements: new ElementPositions(),
    texts: new TextPositions(),
    hasSurrogates: /[\ud800-\udfff]/.test(index.text),
  };
}

/**
 * A top-level element built by the reader: it carries its record and row in private fields (invisible
 * to Object.keys, JSON, structured clone and test equality; `instanceof Element` still holds).
 */
export class SourceElement extends Element {
  #record: SourceRecord | undefined;
  #row = -1;
  static recordOf(el: Element): [SourceRecord, number] | undefined {
    return el instanceof SourceElement && el.#record ? [el.#record, el.#row] : undefined;
  }
  static attach(el: SourceElement, record: SourceRecord, row: number): void {
    el.#record = record;
    el.#row = row;
  }
}

/** For clones made by `expand` (see `shareLocs`): the record, and clone element -> row. */
interface CloneRef {
  record: SourceRecord;
  rows: Map<Element, number>;
}

const clones = new WeakMap<Element, CloneRef>();

function rootOf(el: Element): Element {
  let root: Element = el;
  for (let n = 0; root.parent && n < 100_000; n++) root = root.parent;
  return root;
}

/** The record and row of an element, if it (or the root it belongs to) came from the reader. */
function find(el: Element): [SourceRecord, number] | undefined {
  const root = rootOf(el);
  const own = SourceElement.recordOf(root);
  if (own) {
    const [record, first] = own;
    // The root's descendants follow it in document order, up to the root's end offset.
    const { els, elements } = record;
    const end = elements.end(first);
    for (let row = first; row < els.length; row++) {
      if (els[row] === el) return [record, row];
      if (row > first && elements.start(row) >= end) break;
    }
    return undefined;
  }
  const clone = clones.get(root);
  const row = clone?.rows.get(el);
  return clone && row !== undefined ? [clone.record, row] : undefined;
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
    const quote = text.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return;
    const close = text.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (close === -1 || close >= to) return;
    found(name, nameStart, close + 1);
    i = close + 1;
  }
}

function materialize(record: SourceRecord, row: number): ElementLoc {
  const cache = (record.cache ??= new Map());
  const cached = cache.get(row);
  if (cached) return cached;
  const { elements, texts, index } = record;
  const range = (from: number, to: number): Range => index.range(from, to);
  const loc: ElementLoc = {
    range: range(elements.start(row), elements.end(row)),
    nameRange: range(elements.nameStart(row), elements.nameEnd(row)),
    attrs: {},
  };
  const attrs = record.els[row].attrs;
  attributeRanges(index.text, elements.nameEnd(row), elements.startTagEnd(row), (name, from, to) => {
    if (Object.prototype.hasOwnProperty.call(attrs, name)) loc.attrs[name] = range(from, to);
  });
  const end = elements.end(row);
  for (let text = elements.firstText(row); text < texts.count && texts.start(text) < end; text++) {
    if (texts.element(text) !== row) continue;
    (loc.text ??= {})[texts.child(text)] = range(texts.start(text), texts.end(text));
  }
  cache.set(row, loc);
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
  if (!SourceElement.recordOf(root) && !cloneOf) return;
  const rows = new Map<Element, number>();
  let record: SourceRecord | undefined;
  // A parsed element's descendants follow it in its record in document order, so a pre-order walk
  // visits rows first+1, first+2, …: each is checked against the record (no climb to the root per
  // element, which made deep trees quadratic) and looked up from scratch only when that fails.
  let next = -1;
  const rowOf = (el: Element): [SourceRecord, number] | undefined => {
    if (cloneOf) {
      const row = cloneOf.rows.get(el);
      return row === undefined ? undefined : [cloneOf.record, row];
    }
    return record && record.els[next] === el ? [record, next] : find(el);
  };
  // An explicit stack, not recursion: no depth of nesting can exhaust the call stack.
  const pairs: [Element, Element][] = [[original, copy]];
  for (let pair = pairs.pop(); pair; pair = pairs.pop()) {
    const [from, to] = pair;
    const found = rowOf(from);
    if (found) {
      record = found[0];
      rows.set(to, found[1]);
      next = found[1] + 1;
    }
    const fromChildren = from.children;
    const toChildren = to.children;
    for (let k = Math.min(fromChildren.length, toChildren.length) - 1; k >= 0; k--) {
      const x = fromChildren[k];
      const y = toChildren[k];
      if (typeof x === 'object' && typeof y === 'object' && x && y) pairs.push([x, y]);
    }
  }
  if (record) clones.set(copy, { record, rows });
}
