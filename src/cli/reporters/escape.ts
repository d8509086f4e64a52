// Text from a server (stream errors, stanzas) or from file names is shown to people and CI systems:
// control and escape characters are made visible (`\x1b`) so nothing can drive the terminal, hide text
// or break a report's format.

const hex = (c: number, width: number): string => c.toString(16).padStart(width, '0');

function visible(c: number): string {
  return c <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`;
}

/** C0/C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows. */
function isHostile(c: number, keepLayout: boolean): boolean {
  if (c < 32) return !(keepLayout && (c === 10 || c === 9));
  if (c >= 0x7f && c <= 0x9f) return true;
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

function escapeWith(s: string, keepLayout: boolean): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!isHostile(c, keepLayout)) continue;
    out += s.slice(last, i) + visible(c);
    last = i + 1;
  }
  return last === 0 ? s : out + s.slice(last);
}

/** For one-line fields (file names, labels): every control character made visible, newlines too. */
export function oneLine(s: string): string {
  return escapeWith(s, false);
}

/** For multi-line text (messages, stanzas): newlines and tabs kept, other controls made visible. */
export function multiLine(s: string): string {
  return escapeWith(s.replace(/\r\n?/g, '\n'), true);
}

/**
 * Text an XML 1.0 document can hold: after `multiLine`, the characters XML forbids even as references
 * (lone surrogates, U+FFFE, U+FFFF) are made visible too, so a JUnit file is always well-formed.
 */
export function xmlSafe(s: string): string {
  const t = multiLine(s);
  let out = '';
  let last = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = t.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    } else if (!(c >= 0xdc00 && c <= 0xdfff) && c !== 0xfffe && c !== 0xffff) continue;
    out += t.slice(last, i) + visible(c);
    last = i + 1;
  }
  return last === 0 ? t : out + t.slice(last);
}
