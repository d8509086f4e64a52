// The line table of a script: where each line's content starts and ends, and whether the line is
// blank or indented. The parser reads a script line by line through it (one pass builds it; see
// PERF.md for why it is typed arrays rather than an object per line).
import { LineIndex } from './positions';
import type { Range } from './types';

const BLANK = 1;
const INDENTED = 2;

/** A space or a tab (what indents a line). */
export function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** A space, tab, newline or carriage return. */
export function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

export class LineTable {
  /** Offsets <-> line/column positions of the whole text. */
  readonly index: LineIndex;
  readonly count: number;
  /** Per line: first offset (after a byte order mark on the first line), end offset without the
   * newline or a '\r' before it, and the BLANK/INDENTED flags. */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly flags: Uint8Array;

  constructor(readonly text: string) {
    const index = (this.index = new LineIndex(text));
    const count = (this.count = index.lineCount);
    this.starts = new Int32Array(count);
    this.ends = new Int32Array(count);
    this.flags = new Uint8Array(count);
    for (let line = 0; line < count; line++) {
      let start = index.starts[line];
      if (line === 0 && text.charCodeAt(0) === 0xfeff) start = 1; // byte order mark
      const end = index.lineEnd(line);
      let blank = true;
      for (let i = start; i < end; i++) {
        if (!isWhitespace(text.charCodeAt(i))) {
          blank = false;
          break;
        }
      }
      this.starts[line] = start;
      this.ends[line] = end;
      this.flags[line] = blank ? BLANK : isSpace(text.charCodeAt(start)) ? INDENTED : 0;
    }
  }

  /** First offset of a line (0-based). */
  start(line: number): number {
    return this.starts[line];
  }
  /** End offset of a line, newline excluded. */
  end(line: number): number {
    return this.ends[line];
  }
  /** The line holds only whitespace (or nothing). */
  isBlank(line: number): boolean {
    return (this.flags[line] & BLANK) !== 0;
  }
  /** The line is not blank and starts with a space or tab. */
  isIndented(line: number): boolean {
    return (this.flags[line] & INDENTED) !== 0;
  }
  /** The line is neither blank nor indented: a header entry, comment, separator or step starts here. */
  atMargin(line: number): boolean {
    return this.flags[line] === 0;
  }
  /** The text of a line (newline excluded). */
  textOf(line: number): string {
    return this.text.slice(this.starts[line], this.ends[line]);
  }

  /** Offset of the line's first non-whitespace character (its end when blank). */
  contentStart(line: number): number {
    let at = this.starts[line];
    const end = this.ends[line];
    while (at < end && isWhitespace(this.text.charCodeAt(at))) at++;
    return at;
  }
  /** Offset just after the line's last non-whitespace character. */
  contentEnd(line: number): number {
    const start = this.starts[line];
    let at = this.ends[line];
    while (at > start && isWhitespace(this.text.charCodeAt(at - 1))) at--;
    return at;
  }

  /**
   * The last line of the block that follows `line`: every following line that is indented or blank,
   * up to the first line at the margin, trailing blank lines excluded. `line` itself when there is none.
   */
  blockEnd(line: number): number {
    let last = line;
    for (let next = line + 1; next < this.count; next++) {
      const flags = this.flags[next];
      if (flags & BLANK) continue;
      if (!(flags & INDENTED)) break;
      last = next;
    }
    return last;
  }

  /** The first non-blank line after `line` (there is one when `blockEnd(line) > line`). */
  firstNonBlankAfter(line: number): number {
    let next = line + 1;
    while (next < this.count && this.flags[next] & BLANK) next++;
    return next;
  }

  /** The range of offsets `from`..`to` anywhere in the text (a line search for each end). */
  range(from: number, to: number): Range {
    return this.index.range(from, to);
  }

  /** The range of offsets `from`..`to` on a known line (no line search). */
  lineRange(line: number, from: number, to: number): Range {
    const lineStart = this.index.starts[line];
    return { line: line + 1, column: from - lineStart + 1, endLine: line + 1, endColumn: to - lineStart + 1 };
  }

  /** The range from offset `from` on `firstLine` to offset `to` on `lastLine` (known lines). */
  linesRange(firstLine: number, from: number, lastLine: number, to: number): Range {
    const starts = this.index.starts;
    return {
      line: firstLine + 1,
      column: from - starts[firstLine] + 1,
      endLine: lastLine + 1,
      endColumn: to - starts[lastLine] + 1,
    };
  }
}
