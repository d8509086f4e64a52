// Position tables: the file offsets of every element and every text node the XML reader built, one
// row of named fields each, kept in flat growable Int32Arrays. The reader appends rows while parsing;
// `locOf` reads them when a position is asked for. Fields are read and written only through the named
// accessors below (small monomorphic methods, which V8 inlines). Why flat typed arrays: PERF.md.

/** Rows of `width` Int32 fields in one growable array. */
class Int32Rows {
  protected data: Int32Array;
  /** Number of rows. */
  count = 0;
  constructor(private readonly width: number) {
    this.data = new Int32Array(width * 64);
  }
  /** Append a row (fields zeroed or stale: the caller sets them all); returns its index. */
  protected appendRow(): number {
    const row = this.count;
    const needed = (row + 1) * this.width;
    if (needed > this.data.length) {
      const grown = new Int32Array(Math.max(this.data.length * 2, needed));
      grown.set(this.data.subarray(0, row * this.width));
      this.data = grown;
    }
    this.count = row + 1;
    return row;
  }
}

// Fields of an element row (its name starts right after its `<`: no field for that).
const START = 0;
const END = 1;
const NAME_END = 2;
const START_TAG_END = 3;
const FIRST_TEXT = 4;
const ELEMENT_WIDTH = 5;

/** Per element, in document order: where it starts and ends, its name, its start tag's end, and the
 * first text-node row that may belong to it. */
export class ElementPositions extends Int32Rows {
  constructor() {
    super(ELEMENT_WIDTH);
  }
  /**
   * A new element whose start tag is being read (`<` at `start`, name `nameLength` long, read up to
   * `readTo` so far): its end is provisional until `closeStartTag` and `setEnd`. `firstText` is the
   * count of text rows so far.
   */
  add(start: number, nameLength: number, readTo: number, firstText: number): number {
    const row = this.appendRow();
    const at = row * ELEMENT_WIDTH;
    const data = this.data;
    data[at + START] = start;
    data[at + END] = readTo;
    data[at + NAME_END] = start + 1 + nameLength;
    data[at + START_TAG_END] = readTo;
    data[at + FIRST_TEXT] = firstText;
    return row;
  }
  /** Offset of the element's `<`. */
  start(row: number): number {
    return this.data[row * ELEMENT_WIDTH + START];
  }
  /** Offset just after the element (its end tag, or its start tag while it is open). */
  end(row: number): number {
    return this.data[row * ELEMENT_WIDTH + END];
  }
  setEnd(row: number, offset: number): void {
    this.data[row * ELEMENT_WIDTH + END] = offset;
  }
  nameStart(row: number): number {
    return this.data[row * ELEMENT_WIDTH + START] + 1;
  }
  nameEnd(row: number): number {
    return this.data[row * ELEMENT_WIDTH + NAME_END];
  }
  /** Offset just after the start tag's `>`: its attributes lie between the name's end and here. */
  startTagEnd(row: number): number {
    return this.data[row * ELEMENT_WIDTH + START_TAG_END];
  }
  /** The start tag ends (and the element may end) here. */
  closeStartTag(row: number, offset: number): void {
    const at = row * ELEMENT_WIDTH;
    this.data[at + START_TAG_END] = offset;
    this.data[at + END] = offset;
  }
  /** The first text-node row added after this element started (its own text nodes come at or after it). */
  firstText(row: number): number {
    return this.data[row * ELEMENT_WIDTH + FIRST_TEXT];
  }
}

// Fields of a text-node row.
const ELEMENT = 0;
const CHILD = 1;
const TEXT_START = 2;
const TEXT_END = 3;
const TEXT_WIDTH = 4;

/** Per text node, in document order: its element's row, its index among the element's children, and
 * where its text starts and ends. */
export class TextPositions extends Int32Rows {
  constructor() {
    super(TEXT_WIDTH);
  }
  add(element: number, child: number, start: number, end: number): number {
    const row = this.appendRow();
    const at = row * TEXT_WIDTH;
    const data = this.data;
    data[at + ELEMENT] = element;
    data[at + CHILD] = child;
    data[at + TEXT_START] = start;
    data[at + TEXT_END] = end;
    return row;
  }
  /** The row of the element the text belongs to. */
  element(row: number): number {
    return this.data[row * TEXT_WIDTH + ELEMENT];
  }
  /** The text's index in its element's `children`. */
  child(row: number): number {
    return this.data[row * TEXT_WIDTH + CHILD];
  }
  start(row: number): number {
    return this.data[row * TEXT_WIDTH + TEXT_START];
  }
  end(row: number): number {
    return this.data[row * TEXT_WIDTH + TEXT_END];
  }
  setEnd(row: number, offset: number): void {
    this.data[row * TEXT_WIDTH + TEXT_END] = offset;
  }
}
