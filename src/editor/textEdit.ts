// The smallest single replacement that turns `prev` into `next` (common prefix and suffix kept):
// applying text that arrives from outside the editor (store setText by automation, share links)
// as one small edit keeps the cursor, the scroll position and the undo stack sensible.

export interface TextEdit {
  /** Offset in `prev` where the replaced text starts. */
  start: number;
  /** Offset in `prev` just after the replaced text. */
  end: number;
  /** Replacement text. */
  text: string;
}

export function minimalEdit(prev: string, next: string): TextEdit | null {
  if (prev === next) return null;
  const max = Math.min(prev.length, next.length);
  let p = 0;
  while (p < max && prev.charCodeAt(p) === next.charCodeAt(p)) p++;
  // Do not split a surrogate pair or a CRLF.
  if (p > 0 && isHighSurrogate(prev.charCodeAt(p - 1))) p--;
  if (p > 0 && prev[p - 1] === '\r') p--;
  let s = 0;
  while (s < max - p && prev.charCodeAt(prev.length - 1 - s) === next.charCodeAt(next.length - 1 - s)) {
    s++;
  }
  if (s > 0 && isLowSurrogate(prev.charCodeAt(prev.length - s))) s--;
  if (s > 0 && prev[prev.length - s] === '\n' && prev[prev.length - s - 1] === '\r') s--;
  return { start: p, end: prev.length - s, text: next.slice(p, next.length - s) };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
