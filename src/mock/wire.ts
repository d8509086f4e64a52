// What the wire lets through before a stanza is routed (SPEC.md CORE-STREAM-2/3, CORE-WIRE-4): Prosody's
// stanza size limit, the nesting depth the mock serves, and XML attribute-value normalisation. Pure and
// iterative: a hostile stanza never costs recursion.
import { Element, type Node } from 'ltx';

/** Prosody 0.12's default c2s_stanza_size_limit, in bytes of serialized XML. */
export const STANZA_SIZE_LIMIT = 256 * 1024;

/** CORE-STREAM-3: the deepest nesting the mock serves (recursive copies and serialisation are safe). */
export const MAX_STANZA_DEPTH = 500;

/**
 * Why a stanza cannot be taken (the stream error's text), iteratively: its serialized size is above
 * STANZA_SIZE_LIMIT (text and attribute lengths, tags estimated), or it nests deeper than MAX_STANZA_DEPTH.
 */
export function wireMisfit(root: Element): string | undefined {
  let size = 0;
  const stack: Array<[Node, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    if (typeof n === 'string') size += n.length;
    else if (n instanceof Element) {
      if (depth > MAX_STANZA_DEPTH) return 'stanza too deeply nested';
      size += 2 * n.name.length + 5;
      for (const k in n.attrs) size += k.length + String(n.attrs[k]).length + 4;
      for (const c of n.children) stack.push([c, depth + 1]);
    }
    if (size > STANZA_SIZE_LIMIT) return 'stanza too large';
  }
  return undefined;
}

/** CORE-WIRE-4: an XML parser normalises tab, CR and LF in attribute values to spaces. */
export function normaliseAttributeWhitespace(stanza: Element): void {
  for (const k in stanza.attrs) {
    const v = stanza.attrs[k];
    if (typeof v === 'string' && /[\t\n\r]/.test(v)) stanza.attrs[k] = v.replace(/[\t\n\r]/g, ' ');
  }
}
