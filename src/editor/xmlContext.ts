// Where the cursor is inside a (possibly unfinished) XML block: between tags, typing a tag name,
// inside a start tag, or inside an attribute value. A forgiving scanner over the text before the
// cursor (the block is usually being typed, so it is rarely well-formed): never throws.

export type XmlContext =
  /** Between tags (text content or indentation). `parent` is the innermost open element. */
  | { kind: 'text'; parent?: string; textStart: number }
  /** Just after `<` (and maybe part of a name): `lt` is the offset of the `<`. */
  | { kind: 'tag-name'; lt: number; partial: string; parent?: string; closing: boolean }
  /** Inside a start tag, between attributes; `partial` is the attribute name being typed. */
  | { kind: 'in-tag'; tag: string; partial: string; partialStart: number; attrs: string[] }
  /** Inside a quoted attribute value; `valueStart` is the offset just after the quote. */
  | { kind: 'attr-value'; tag: string; attr: string; value: string; valueStart: number; quote: string }
  | { kind: 'comment' };

const NAME_CHAR = /[A-Za-z0-9_:.-]/;

/** Scan `text` (the block's text up to the cursor) and report the context at its end. */
export function xmlContextAt(text: string): XmlContext {
  const stack: string[] = [];
  let i = 0;
  let textStart = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c !== '<') {
      i++;
      continue;
    }
    // Comment / processing instruction / CDATA.
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return { kind: 'comment' };
      i = end + 3;
      textStart = i;
      continue;
    }
    if (text.startsWith('<?', i) || text.startsWith('<!', i)) {
      const end = text.indexOf('>', i + 2);
      if (end < 0) return { kind: 'comment' };
      i = end + 1;
      textStart = i;
      continue;
    }
    const lt = i;
    i++;
    const closing = text[i] === '/';
    if (closing) i++;
    const nameStart = i;
    while (i < n && NAME_CHAR.test(text[i])) i++;
    const name = text.slice(nameStart, i);
    if (i >= n) {
      return { kind: 'tag-name', lt, partial: name, parent: stack[stack.length - 1], closing };
    }
    if (closing) {
      const end = text.indexOf('>', i);
      if (end < 0) return { kind: 'comment' };
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      i = end + 1;
      textStart = i;
      continue;
    }
    // Inside a start tag: attributes until '>' or '/>'.
    const attrs: string[] = [];
    let selfClosed = false;
    let closed = false;
    while (i < n) {
      const d = text[i];
      if (/\s/.test(d)) {
        i++;
        continue;
      }
      if (d === '>') {
        i++;
        closed = true;
        break;
      }
      if (d === '/' && text[i + 1] === '>') {
        i += 2;
        closed = true;
        selfClosed = true;
        break;
      }
      if (d === '/' && i + 1 >= n) {
        return { kind: 'in-tag', tag: name, partial: '', partialStart: n, attrs };
      }
      // An attribute: name [= value]
      const aStart = i;
      while (i < n && NAME_CHAR.test(text[i])) i++;
      if (i === aStart) {
        i++; // stray character: skip it
        continue;
      }
      const attr = text.slice(aStart, i);
      if (i >= n) return { kind: 'in-tag', tag: name, partial: attr, partialStart: aStart, attrs };
      attrs.push(attr);
      let j = i;
      while (j < n && /\s/.test(text[j])) j++;
      if (text[j] !== '=') continue;
      j++;
      while (j < n && /\s/.test(text[j])) j++;
      if (j >= n) return { kind: 'in-tag', tag: name, partial: '', partialStart: n, attrs };
      const q = text[j];
      if (q !== '"' && q !== "'") {
        i = j;
        continue;
      }
      const vEnd = text.indexOf(q, j + 1);
      // Recovery: scripts never break attribute values across lines, so a value still open at the
      // end of a line above the cursor is taken as ended there (a stray quote must not swallow the
      // rest of the block).
      const nl = text.indexOf('\n', j + 1);
      if (nl >= 0 && (vEnd < 0 || nl < vEnd)) {
        i = nl + 1;
        continue;
      }
      if (vEnd < 0) {
        return {
          kind: 'attr-value',
          tag: name,
          attr,
          value: text.slice(j + 1),
          valueStart: j + 1,
          quote: q,
        };
      }
      i = vEnd + 1;
    }
    if (!closed) return { kind: 'in-tag', tag: name, partial: '', partialStart: n, attrs };
    if (!selfClosed && name) stack.push(name);
    textStart = i;
  }
  return { kind: 'text', parent: stack[stack.length - 1], textStart };
}
