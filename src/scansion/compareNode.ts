// Attribute and text comparison of one element pair (matcher rules M4 and M5; see matcher.ts).
import type { Element } from 'ltx';
import type { ElementLoc, Mismatch, Range } from './types';
import { ANY, STRICT_ATTR, attr, attrNames, isCaptureValue, locOf, quote, textOf } from './matchBasics';

function isNsDecl(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:');
}

/** Rule M4: the expected attributes, and in strict mode no others. Captures are read and recorded in `captures`. */
export function compareAttributes(
  exp: Element,
  rec: Element,
  strict: boolean,
  path: string,
  captures: Map<string, string>,
  out: Mismatch[],
): void {
  let loc: ElementLoc | undefined | null = null;
  // Positions only for a mismatch: locOf searches the parsed file for the element.
  const where = () => (loc === null ? (loc = locOf(exp)) : loc);
  for (const name of attrNames(exp)) {
    if (name === STRICT_ATTR || isNsDecl(name)) continue;
    const expected = attr(exp, name)!;
    const got = attr(rec, name);
    const base = () => {
      const l = where();
      const at = l?.attrs[name] ?? l?.nameRange;
      return { path: `${path}@${name}`, ...(at ? { loc: at } : {}) };
    };
    if (got === undefined) {
      out.push({
        kind: 'missing-attribute',
        ...base(),
        expected,
        message:
          expected === ANY
            ? `attribute ${name}: expected any value, missing`
            : `attribute ${name}: expected ${quote(expected)}, missing`,
      });
      continue;
    }
    if (expected === ANY) continue;
    const capture = isCaptureValue(expected);
    if (capture !== undefined) {
      const prior = captures.get(capture);
      if (prior === undefined) captures.set(capture, got);
      else if (prior !== got) {
        out.push({
          kind: 'capture',
          ...base(),
          expected: prior,
          received: got,
          message: `attribute ${name}: expected ${quote(prior)} (captured as ${capture}), got ${quote(got)}`,
        });
      }
      continue;
    }
    if (got !== expected) {
      out.push({
        kind: 'attribute-value',
        ...base(),
        expected,
        received: got,
        message: `attribute ${name}: expected ${quote(expected)}, got ${quote(got)}`,
      });
    }
  }
  if (!strict) return;
  for (const name of attrNames(rec)) {
    if (isNsDecl(name) || attr(exp, name) !== undefined) continue;
    const v = attr(rec, name)!;
    out.push({
      kind: 'unexpected-attribute',
      path: `${path}@${name}`,
      received: v,
      message: `unexpected attribute ${name}=${quote(v)} (strict mode)`,
      ...(where() ? { loc: where()!.nameRange } : {}),
    });
  }
}

/** Rule M5: expected text, trimmed; none expected = no constraint. */
export function compareText(exp: Element, rec: Element, path: string, out: Mismatch[]): void {
  const want = textOf(exp);
  // No expected text = no constraint, in both modes (see M5: http_upload.scs expects
  // <header name='Authorization'></header> inside a strict <slot xmlns=...>, and Prosody sends the
  // Bearer token as its text; the real scansion passes that script).
  if (want === '' || want === ANY) return;
  const got = textOf(rec);
  if (want === got) return;
  const loc = locOf(exp);
  let at: Range | undefined = loc?.nameRange;
  if (loc?.text) {
    const first = Object.keys(loc.text)[0];
    if (first !== undefined) at = loc.text[Number(first)];
  }
  out.push({
    kind: 'text',
    path: `${path}/text()`,
    expected: want,
    received: got,
    message: `text: expected ${quote(want)}, got ${got === '' ? 'none' : quote(got)}`,
    ...(at ? { loc: at } : {}),
  });
}
