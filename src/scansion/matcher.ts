// The matcher: does a received stanza satisfy an expected one? Implements scansion's rules, with each
// open question settled here (reasons beside each rule). Pure; never throws.
//
// M1 Names. Element names are compared as written (namespaces are off in our parser; XMPP stanzas do not
//    use prefixes). A different name is a 'name' mismatch and nothing below it is compared.
// M2 Namespaces. `xmlns` and `xmlns:prefix` (namespace declarations, e.g. the xmlns:stream that
//    mod_scansion_record writes into pubsub_max_items.scs) are not ordinary attributes: each side's namespace is its own `xmlns` or else
//    its parent's; a top-level element without one is in `jabber:client` (stanzas arrive in jabber:client
//    and the corpus never writes it on the top-level expected element). The namespaces must be equal
//    ('namespace' mismatch), and `xmlns` never counts as a missing or unexpected attribute.
// M3 Mode. Non-strict for elements in the default namespace, strict for elements that declare a namespace
//    of their own (an `xmlns` different from the parent's, other than jabber:client). `scansion:strict=
//    "true|false"` on an expected element overrides that for the element. The mode then PROPAGATES to
//    descendants that declare no namespace of their own. Why: in XML a child without xmlns is in its
//    parent's namespace, so the children of <x xmlns='...muc#user'> are themselves "tags with their own
//    namespace" (Prosody's parser, which scansion uses, gives every element its resolved namespace);
//    version.scs's strict='false' on <version/> inside a strict <query xmlns='jabber:iq:version'> reads
//    the same way. The `scansion:strict` attribute itself is an instruction, never compared.
// M4 Attributes. Every expected attribute must be present with an equal value; `{scansion:any}` accepts
//    any value (presence still required); `{scansion:capture:NAME}` captures the received value on first
//    use and must equal it afterwards. Strict mode also rejects received attributes the expected element
//    does not list ('unexpected-attribute').
// M5 Text. Whitespace-only text is layout and ignored on both sides (the parser drops it from expected
//    XML; a received `<x>\n</x>` equals `<x/>`). Other text is compared trimmed of surrounding
//    whitespace, and only when the expected element has text, in either mode: an empty expected
//    element places no constraint on text (http_upload.scs: an empty <header/> in a strict <slot/>
//    passes against Prosody's Bearer token with the real scansion).
//    Text `{scansion:any}` accepts any text.
// M6 Children, non-strict. Every expected child must be matched by a distinct received child (order
//    ignored, extras ignored). Pairing is a maximum bipartite matching over "matches as a whole" (so two
//    expected <status/> children need two different received ones, and no greedy choice can wrongly use
//    up a candidate another child needed). When no full pairing exists, each unpaired expected child is
//    reported against its best remaining candidate of the same name (fewest mismatches), so the report
//    points into the child ("attribute role: expected 'moderator', got 'participant'") rather than just
//    saying it is missing; with no same-named candidate it is a 'missing-child'.
// M7 Children, strict. The element children must pair up one to one, in order, with no extras. If the
//    same children are all there but in another order, that is one 'order' mismatch; otherwise missing
//    and unexpected children are reported as in M6, plus 'unexpected-child' for each unpaired received one.
// M8 Captures are committed to the caller's map only when the whole match succeeds; trials of
//    candidates work on copies, so a failed candidate never leaves a capture behind.
// Paths: `/presence/x[1]/item[1]@role`, index 1-based among same-named siblings on the expected side
// (received side for unexpected children), `/message/body[1]/text()` for text.
import type { Element, Node } from 'ltx';
import { locOf } from './xml';
import type { MatchResult, Mismatch, Range } from './types';

export const ANY = '{scansion:any}';
const CAPTURE_PREFIX = '{scansion:capture:';
const STRICT_ATTR = 'scansion:strict';
const DEFAULT_NS = 'jabber:client';

/** The capture name of a `{scansion:capture:NAME}` value, or undefined. */
export function isCaptureValue(v: string): string | undefined {
  return v.startsWith(CAPTURE_PREFIX) && v.endsWith('}') ? v.slice(CAPTURE_PREFIX.length, -1) : undefined;
}

interface Side {
  el: Element;
  ns: string;
}

function quote(v: string | undefined): string {
  if (v === undefined) return 'nothing';
  const s = v.length > 80 ? v.slice(0, 77) + '...' : v;
  return `'${s}'`;
}

function textOf(el: Element): string {
  let s = '';
  for (const c of el.children) if (typeof c === 'string') s += c;
  return s.trim();
}

function elementChildren(el: Element): Element[] {
  const out: Element[] = [];
  for (const c of el.children as Node[]) if (typeof c === 'object' && c !== null) out.push(c);
  return out;
}

function brief(el: Element): string {
  let s = '<' + el.name;
  for (const k of Object.keys(el.attrs)) {
    if (k === STRICT_ATTR) continue;
    const v = el.attrs[k];
    if (v === undefined || v === null) continue;
    s += ` ${k}='${v}'`;
  }
  s += elementChildren(el).length > 0 || textOf(el) ? '>…' : '/>';
  return s.length > 120 ? s.slice(0, 117) + '...' : s;
}

/** Mode of an expected element given its parent's mode and namespace (rule M3). */
function strictOf(exp: Element, parentStrict: boolean, parentNs: string): boolean {
  const s = exp.attrs[STRICT_ATTR];
  if (s === 'true') return true;
  if (s === 'false') return false;
  const own = exp.attrs.xmlns;
  if (own !== undefined && own !== parentNs) return own !== DEFAULT_NS;
  return parentStrict;
}

/** The matching mode of every element of an expected stanza (rule M3): true = strict. For UIs and tests. */
export function strictness(expected: Element): Map<Element, boolean> {
  const out = new Map<Element, boolean>();
  const walk = (el: Element, parentStrict: boolean, parentNs: string): void => {
    const strict = strictOf(el, parentStrict, parentNs);
    out.set(el, strict);
    const ns = el.attrs.xmlns ?? parentNs;
    for (const c of elementChildren(el)) walk(c, strict, ns);
  };
  walk(expected, false, DEFAULT_NS);
  return out;
}

function indexedPaths(parentPath: string, els: Element[]): string[] {
  const counts = new Map<string, number>();
  return els.map((e) => {
    const n = (counts.get(e.name) ?? 0) + 1;
    counts.set(e.name, n);
    return `${parentPath}/${e.name}[${n}]`;
  });
}

class Matcher {
  constructor(private captures: Map<string, string>) {}

  /** Compare one element pair; push mismatches to `out`. */
  element(exp: Side, rec: Side, strict: boolean, path: string, out: Mismatch[]): void {
    const loc = locOf(exp.el);
    if (exp.el.name !== rec.el.name) {
      out.push({
        kind: 'name',
        path,
        expected: exp.el.name,
        received: rec.el.name,
        message: `element name: expected '${exp.el.name}', got '${rec.el.name}'`,
        ...(loc ? { loc: loc.nameRange } : {}),
      });
      return;
    }
    if (exp.ns !== rec.ns) {
      out.push({
        kind: 'namespace',
        path,
        expected: exp.ns,
        received: rec.ns,
        message: `namespace of <${exp.el.name}>: expected '${exp.ns}', got '${rec.ns}'`,
        ...(loc ? { loc: loc.attrs.xmlns ?? loc.nameRange } : {}),
      });
      return;
    }
    this.attributes(exp.el, rec.el, strict, path, out);
    this.text(exp.el, rec.el, strict, path, out);
    this.children(exp, rec, strict, path, out);
  }

  attributes(exp: Element, rec: Element, strict: boolean, path: string, out: Mismatch[]): void {
    const loc = locOf(exp);
    for (const name of Object.keys(exp.attrs)) {
      if (name === STRICT_ATTR || name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const want = exp.attrs[name];
      if (want === undefined || want === null) continue;
      const got = rec.attrs[name];
      const at = loc?.attrs[name] ?? loc?.nameRange;
      const base = { path: `${path}@${name}`, ...(at ? { loc: at } : {}) };
      const expected = String(want);
      if (got === undefined || got === null) {
        out.push({
          kind: 'missing-attribute',
          ...base,
          expected,
          message:
            expected === ANY
              ? `attribute ${name}: expected any value, missing`
              : `attribute ${name}: expected ${quote(expected)}, missing`,
        });
        continue;
      }
      const value = String(got);
      if (expected === ANY) continue;
      const capture = isCaptureValue(expected);
      if (capture !== undefined) {
        const prior = this.captures.get(capture);
        if (prior === undefined) this.captures.set(capture, value);
        else if (prior !== value) {
          out.push({
            kind: 'capture',
            ...base,
            expected: prior,
            received: value,
            message: `attribute ${name}: expected ${quote(prior)} (captured as ${capture}), got ${quote(value)}`,
          });
        }
        continue;
      }
      if (value !== expected) {
        out.push({
          kind: 'attribute-value',
          ...base,
          expected,
          received: value,
          message: `attribute ${name}: expected ${quote(expected)}, got ${quote(value)}`,
        });
      }
    }
    if (!strict) return;
    for (const name of Object.keys(rec.attrs)) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      const v = rec.attrs[name];
      if (v === undefined || v === null) continue;
      if (exp.attrs[name] !== undefined && exp.attrs[name] !== null) continue;
      out.push({
        kind: 'unexpected-attribute',
        path: `${path}@${name}`,
        received: String(v),
        message: `unexpected attribute ${name}=${quote(String(v))} (strict mode)`,
        ...(loc ? { loc: loc.nameRange } : {}),
      });
    }
  }

  text(exp: Element, rec: Element, strict: boolean, path: string, out: Mismatch[]): void {
    const want = textOf(exp);
    // No expected text = no constraint, in both modes (see M5: http_upload.scs expects
    // <header name='Authorization'></header> inside a strict <slot xmlns=...>, and Prosody sends the
    // Bearer token as its text; the real scansion passes that script).
    if (want === '') return;
    if (want === ANY) return;
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
      message:
        want === ''
          ? `text: expected none (strict mode), got ${quote(got)}`
          : `text: expected ${quote(want)}, got ${got === '' ? 'none' : quote(got)}`,
      ...(at ? { loc: at } : {}),
    });
  }

  /**
   * Try a pair on copies of the captures; returns the mismatches (empty = match). Memoized per
   * (expected, received) element pair: within one match() an expected element's mode and path are
   * fixed, so the answer only depends on the pair, except under captures (subtrees holding a
   * {scansion:capture:...} value are never memoized). Without this, nested candidate trials are
   * exponential in the depth (pubsub forms nest 5-6 levels).
   */
  trial(exp: Side, rec: Side, strict: boolean, path: string): Mismatch[] {
    const cacheable = !this.hasCapture(exp.el);
    if (cacheable) {
      const hit = this.memo.get(exp.el)?.get(rec.el);
      if (hit) return hit;
    }
    const result = this.trialUncached(exp, rec, strict, path);
    if (cacheable) {
      let inner = this.memo.get(exp.el);
      if (!inner) this.memo.set(exp.el, (inner = new Map()));
      inner.set(rec.el, result);
    }
    return result;
  }

  private memo = new Map<Element, Map<Element, Mismatch[]>>();
  private captureMemo = new Map<Element, boolean>();

  private hasCapture(el: Element): boolean {
    let v = this.captureMemo.get(el);
    if (v === undefined) {
      v =
        Object.values(el.attrs).some((a) => typeof a === 'string' && isCaptureValue(a) !== undefined) ||
        elementChildren(el).some((c) => this.hasCapture(c));
      this.captureMemo.set(el, v);
    }
    return v;
  }

  private trialUncached(exp: Side, rec: Side, strict: boolean, path: string): Mismatch[] {
    const saved = this.captures;
    this.captures = new Map(saved);
    const out: Mismatch[] = [];
    try {
      this.element(exp, rec, strict, path, out);
    } finally {
      this.captures = saved;
    }
    return out;
  }

  /** Compare a pair for real (captures recorded); a memoized capture-free pair is not re-walked. */
  commit(exp: Side, rec: Side, strict: boolean, path: string, out: Mismatch[]): void {
    if (!this.hasCapture(exp.el)) out.push(...this.trial(exp, rec, strict, path));
    else this.element(exp, rec, strict, path, out);
  }

  children(exp: Side, rec: Side, strict: boolean, path: string, out: Mismatch[]): void {
    const ec = elementChildren(exp.el);
    const rc = elementChildren(rec.el);
    if (ec.length === 0 && (!strict || rc.length === 0)) return;
    const eSides: Side[] = ec.map((e) => ({ el: e, ns: e.attrs.xmlns ?? exp.ns }));
    const rSides: Side[] = rc.map((r) => ({ el: r, ns: r.attrs.xmlns ?? rec.ns }));
    const eStrict = ec.map((e) => strictOf(e, strict, exp.ns));
    const ePaths = indexedPaths(path, ec);

    if (strict && ec.length === rc.length) {
      // M7: in order, one to one.
      let allOk = true;
      for (let i = 0; i < ec.length && allOk; i++) {
        if (this.trial(eSides[i], rSides[i], eStrict[i], ePaths[i]).length > 0) allOk = false;
      }
      if (allOk) {
        for (let i = 0; i < ec.length; i++) this.commit(eSides[i], rSides[i], eStrict[i], ePaths[i], out);
        return;
      }
    }

    // Compatibility matrix and a maximum bipartite matching (Kuhn's augmenting paths).
    const ok: boolean[][] = eSides.map((e, i) =>
      rSides.map((r) => e.el.name === r.el.name && this.trial(e, r, eStrict[i], ePaths[i]).length === 0),
    );
    const recOwner: number[] = rc.map(() => -1);
    const expPartner: number[] = ec.map(() => -1);
    const augment = (i: number, seen: boolean[]): boolean => {
      for (let j = 0; j < rc.length; j++) {
        if (!ok[i][j] || seen[j]) continue;
        seen[j] = true;
        if (recOwner[j] === -1 || augment(recOwner[j], seen)) {
          recOwner[j] = i;
          expPartner[i] = j;
          return true;
        }
      }
      return false;
    };
    for (let i = 0; i < ec.length; i++)
      augment(
        i,
        rc.map(() => false),
      );
    const complete = expPartner.every((j) => j !== -1);

    if (complete && (!strict || ec.length === rc.length)) {
      if (strict) {
        // Everything is there, one to one, but not in this order (the in-order pass failed).
        out.push({
          kind: 'order',
          path,
          expected: ec.map((e) => e.name).join(', '),
          received: rc.map((r) => r.name).join(', '),
          message: `children in a different order (strict mode): expected ${ec.map((e) => brief(e)).join(' ')}; got ${rc.map((r) => brief(r)).join(' ')}`,
          ...(locOf(exp.el) ? { loc: locOf(exp.el)!.nameRange } : {}),
        });
        return;
      }
      // Commit captures along the chosen pairing.
      for (let i = 0; i < ec.length; i++)
        this.commit(eSides[i], rSides[expPartner[i]], eStrict[i], ePaths[i], out);
      return;
    }

    // Report. Paired children are fine; each unpaired expected child against its best free candidate.
    const used = recOwner.map((o) => o !== -1);
    for (let i = 0; i < ec.length; i++) {
      if (expPartner[i] !== -1) continue;
      // Best = a candidate in the expected namespace first (Prosody's MUC presence carries a
      // vcard-temp:x:update <x> before the muc#user <x>: a wrong role must be reported in the latter),
      // then the fewest mismatches.
      let best: Mismatch[] | undefined;
      let bestJ = -1;
      let bestRank = Infinity;
      for (let j = 0; j < rc.length; j++) {
        if (used[j] || rc[j].name !== ec[i].name) continue;
        const m = this.trial(eSides[i], rSides[j], eStrict[i], ePaths[i]);
        const rank = (rSides[j].ns === eSides[i].ns ? 0 : 1_000_000) + m.length;
        if (rank < bestRank) {
          best = m;
          bestJ = j;
          bestRank = rank;
        }
      }
      if (best && bestJ !== -1) {
        used[bestJ] = true;
        out.push(...best);
        continue;
      }
      const loc = locOf(ec[i]);
      out.push({
        kind: 'missing-child',
        path: ePaths[i],
        expected: brief(ec[i]),
        message: `missing child ${brief(ec[i])}`,
        ...(loc ? { loc: loc.nameRange } : {}),
      });
    }
    if (strict) {
      const rPaths = indexedPaths(path, rc);
      const loc = locOf(exp.el);
      for (let j = 0; j < rc.length; j++) {
        if (used[j]) continue;
        out.push({
          kind: 'unexpected-child',
          path: rPaths[j],
          received: brief(rc[j]),
          message: `unexpected child ${brief(rc[j])} (strict mode)`,
          ...(loc ? { loc: loc.nameRange } : {}),
        });
      }
    }
  }
}

/**
 * Match a received stanza against an expected one (variables already expanded). `captures` holds
 * `{scansion:capture:NAME}` values across steps; it is updated only when the match succeeds.
 */
export function match(
  expected: Element,
  received: Element,
  captures: Map<string, string> = new Map(),
): MatchResult {
  try {
    const working = new Map(captures);
    const m = new Matcher(working);
    const out: Mismatch[] = [];
    const exp: Side = { el: expected, ns: expected.attrs.xmlns ?? DEFAULT_NS };
    const rec: Side = { el: received, ns: received.attrs.xmlns ?? DEFAULT_NS };
    m.element(exp, rec, strictOf(expected, false, DEFAULT_NS), `/${expected.name}`, out);
    if (out.length > 0) return { ok: false, mismatches: out };
    for (const [k, v] of working) captures.set(k, v);
    return { ok: true };
  } catch (e) {
    return {
      ok: false,
      mismatches: [
        {
          kind: 'name',
          path: '/',
          message: `could not compare these stanzas: ${(e as Error)?.message ?? String(e)}`,
        },
      ],
    };
  }
}
