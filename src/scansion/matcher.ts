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
//    up a candidate another child needed), computed at a bounded cost (pairing.ts). When no full pairing
//    exists, each unpaired expected child is reported against its best remaining candidate of the same
//    name (fewest mismatches), so the report points into the child ("attribute role: expected
//    'moderator', got 'participant'") rather than just saying it is missing; with no same-named
//    candidate it is a 'missing-child'. With several candidates of which none has the expected child's
//    first concrete attribute value (or text), it is a 'missing-child' too, naming how many there were
//    and the closest (disco_self.scs: no <feature var='…disco#info'/> among 38 <feature>s is a missing
//    feature, not a wrong value on the first one).
// M7 Children, strict. The element children must pair up one to one, in order, with no extras. If the
//    same children are all there but in another order, that is one 'order' mismatch; otherwise missing
//    and unexpected children are reported as in M6, plus 'unexpected-child' for each unpaired received one.
// M8 Captures are committed to the caller's map only when the whole match succeeds; trials of
//    candidates work on copies, so a failed candidate never leaves a capture behind.
// M9 Limits. Attributes are read as own properties only (`constructor`, `__proto__` are not found on
//    Object.prototype). An expected stanza nested deeper than MAX_MATCH_DEPTH levels, or a comparison
//    needing more than TRIAL_BUDGET candidate trials, ends in one 'limit' mismatch saying so: never a
//    stack overflow, a hang or an out-of-memory crash.
// Paths: `/presence/x[1]/item[1]@role`, index 1-based among same-named siblings on the expected side
// (received side for unexpected children), `/message/body[1]/text()` for text.
import type { Element } from 'ltx';
import type { MatchResult, Mismatch } from './types';
import {
  DEFAULT_NS,
  attr,
  attrNames,
  brief,
  depthOf,
  elementChildren,
  indexedPaths,
  isCaptureValue,
  strictOf,
  type Side,
  locOf,
} from './matchBasics';
import { pairChildren } from './pairing';
import { CandidateIndex } from './candidates';
import { compareAttributes, compareText } from './compareNode';

export { ANY, isCaptureValue, strictness, strictReason } from './matchBasics';

/** Deepest expected stanza compared (real stanzas nest well under 20 levels). */
export const MAX_MATCH_DEPTH = 256;
/** Most candidate pairs compared in one match (a 3,000-child stanza in order needs about 3,000). */
export const TRIAL_BUDGET = 50_000;
/** Most candidates looked at to pick the closest one for a report. */
const REPORT_SCAN = 200;
const MATCHED: readonly Mismatch[] = [];
const NAME_DIFFERS: readonly Mismatch[] = [{ kind: 'name', path: '', message: 'different element names' }];
const NOT_TRIED: readonly Mismatch[] = [
  { kind: 'limit', path: '', message: 'not compared (trial budget spent)' },
];

class Matcher {
  constructor(private captures: Map<string, string>) {}

  trials = 0;
  exhausted = false;
  private memo = new Map<Element, Map<Element, readonly Mismatch[]>>();
  private captureMemo = new Map<Element, boolean>();

  /** Compare one element pair; push mismatches to `out`. */
  element(exp: Side, rec: Side, strict: boolean, path: string, out: Mismatch[]): void {
    // Positions are looked up only for a mismatch: locOf searches the parsed file for the element.
    if (exp.el.name !== rec.el.name) {
      const loc = locOf(exp.el);
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
      const loc = locOf(exp.el);
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
    compareAttributes(exp.el, rec.el, strict, path, this.captures, out);
    compareText(exp.el, rec.el, path, out);
    this.children(exp, rec, strict, path, out);
  }

  /**
   * The mismatches of a pair (empty = match), tried on a copy of the captures. Memoized per (expected,
   * received) element pair: within one match() an expected element's mode and path are fixed, so the
   * answer only depends on the pair, except under captures (subtrees holding a {scansion:capture:...}
   * value are never memoized). Without this, nested candidate trials are exponential in the depth
   * (pubsub forms nest 5-6 levels). Each new pair counts against TRIAL_BUDGET, which also bounds the
   * memo's size; past the budget a pair counts as not matching.
   */
  trial(exp: Side, rec: Side, strict: boolean, path: string): readonly Mismatch[] {
    if (exp.el.name !== rec.el.name) return NAME_DIFFERS;
    const cacheable = !this.hasCapture(exp.el);
    if (cacheable) {
      const hit = this.memo.get(exp.el)?.get(rec.el);
      if (hit !== undefined) return hit;
    }
    if (this.trials >= TRIAL_BUDGET) {
      this.exhausted = true;
      return NOT_TRIED;
    }
    this.trials++;
    const found = this.details(exp, rec, strict, path);
    const result = found.length === 0 ? MATCHED : found;
    if (cacheable) {
      let inner = this.memo.get(exp.el);
      if (!inner) this.memo.set(exp.el, (inner = new Map()));
      inner.set(rec.el, result);
    }
    return result;
  }

  count(exp: Side, rec: Side, strict: boolean, path: string): number {
    const r = this.trial(exp, rec, strict, path);
    return r === NOT_TRIED ? Infinity : r.length;
  }

  private hasCapture(el: Element): boolean {
    let v = this.captureMemo.get(el);
    if (v === undefined) {
      v =
        attrNames(el).some((a) => isCaptureValue(attr(el, a)!) !== undefined) ||
        elementChildren(el).some((c) => this.hasCapture(c));
      this.captureMemo.set(el, v);
    }
    return v;
  }

  /** The mismatches of a pair, computed on a copy of the captures (nothing is recorded). */
  details(exp: Side, rec: Side, strict: boolean, path: string): Mismatch[] {
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
    if (this.hasCapture(exp.el)) this.element(exp, rec, strict, path, out);
    else out.push(...this.trial(exp, rec, strict, path));
  }

  children(exp: Side, rec: Side, strict: boolean, path: string, out: Mismatch[]): void {
    const ec = elementChildren(exp.el);
    const rc = elementChildren(rec.el);
    if (ec.length === 0 && (!strict || rc.length === 0)) return;
    const eSides: Side[] = ec.map((e) => ({ el: e, ns: attr(e, 'xmlns') ?? exp.ns }));
    const rSides: Side[] = rc.map((r) => ({ el: r, ns: attr(r, 'xmlns') ?? rec.ns }));
    const eStrict = ec.map((e) => strictOf(e, strict, exp.ns));
    const ePaths = indexedPaths(path, ec);
    const index = new CandidateIndex(ec, rc);
    const ok = (i: number, j: number): boolean =>
      index.admits(i, j) && this.count(eSides[i], rSides[j], eStrict[i], ePaths[i]) === 0;

    if (strict && ec.length === rc.length) {
      // M7: in order, one to one.
      let allOk = true;
      for (let i = 0; i < ec.length && allOk; i++) allOk = ok(i, i);
      if (allOk) {
        for (let i = 0; i < ec.length; i++) this.commit(eSides[i], rSides[i], eStrict[i], ePaths[i], out);
        return;
      }
    }

    const { partner, owner } = pairChildren({
      expCount: ec.length,
      recCount: rc.length,
      candidates: (i) => index.keyed(i),
      ok,
    });
    const complete = partner.every((j) => j !== -1);

    if (complete && (!strict || ec.length === rc.length)) {
      if (strict) {
        // Everything is there, one to one, but not in this order (the in-order pass failed).
        const loc = locOf(exp.el);
        out.push({
          kind: 'order',
          path,
          expected: ec.map((e) => e.name).join(', '),
          received: rc.map((r) => r.name).join(', '),
          message: `children in a different order (strict mode): expected ${ec.map((e) => brief(e)).join(' ')}; got ${rc.map((r) => brief(r)).join(' ')}`,
          ...(loc ? { loc: loc.nameRange } : {}),
        });
        return;
      }
      // Commit captures along the chosen pairing.
      for (let i = 0; i < ec.length; i++)
        this.commit(eSides[i], rSides[partner[i]], eStrict[i], ePaths[i], out);
      return;
    }

    // Report. Paired children are fine; each unpaired expected child against its best free candidate.
    const used = Array.from(owner, (o) => o !== -1);
    for (let i = 0; i < ec.length; i++) {
      if (partner[i] !== -1) continue;
      const free = (list: readonly number[]) => list.filter((j) => !used[j]);
      const sameName = index.sameName(i);
      const keyedFree = index.hasKey(i) ? free(index.keyed(i)) : [];
      const pool = keyedFree.length > 0 ? keyedFree : free(sameName);
      // Best = a candidate in the expected namespace first (Prosody's MUC presence carries a
      // vcard-temp:x:update <x> before the muc#user <x>: a wrong role must be reported in the latter),
      // then the fewest mismatches, then the key value sharing the longest prefix with the expected one.
      let bestJ = -1;
      let bestRank = Infinity;
      for (const j of pool.slice(0, REPORT_SCAN)) {
        const n = this.count(eSides[i], rSides[j], eStrict[i], ePaths[i]);
        const rank =
          (rSides[j].ns === eSides[i].ns ? 0 : 1e9) + Math.min(n, 1e6) * 1e3 - index.similarity(i, j);
        if (rank < bestRank) {
          bestJ = j;
          bestRank = rank;
        }
      }
      const loc = locOf(ec[i]);
      const missing = (message: string, extra: Partial<Mismatch> = {}): void => {
        out.push({
          kind: 'missing-child',
          path: ePaths[i],
          expected: brief(ec[i]),
          message,
          ...extra,
          ...(loc ? { loc: loc.nameRange } : {}),
        });
      };
      if (bestJ === -1) {
        missing(`missing child ${brief(ec[i])}`);
        continue;
      }
      used[bestJ] = true;
      if (index.hasKey(i) && keyedFree.length === 0 && sameName.length > 1) {
        const closest = brief(rc[bestJ]);
        missing(
          `missing child ${brief(ec[i])}: not among the ${sameName.length} received <${ec[i].name}> (closest: ${closest})`,
          { candidates: sameName.length, closest, received: closest },
        );
        continue;
      }
      out.push(...this.trial(eSides[i], rSides[bestJ], eStrict[i], ePaths[i]));
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

function limit(message: string): MatchResult {
  return { ok: false, mismatches: [{ kind: 'limit', path: '/', message }] };
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
    const depth = depthOf(expected);
    if (depth > MAX_MATCH_DEPTH) {
      return limit(
        `the expected stanza is nested ${depth} levels deep; the matcher compares at most ${MAX_MATCH_DEPTH} levels`,
      );
    }
    const working = new Map(captures);
    const m = new Matcher(working);
    const out: Mismatch[] = [];
    const exp: Side = { el: expected, ns: attr(expected, 'xmlns') ?? DEFAULT_NS };
    const rec: Side = { el: received, ns: attr(received, 'xmlns') ?? DEFAULT_NS };
    m.element(exp, rec, strictOf(expected, false, DEFAULT_NS), `/${expected.name}`, out);
    if (m.exhausted) {
      out.push({
        kind: 'limit',
        path: '/',
        message: `comparison stopped after ${TRIAL_BUDGET} candidate trials: some children were not compared`,
      });
    }
    if (out.length > 0) return { ok: false, mismatches: out };
    for (const [k, v] of working) captures.set(k, v);
    return { ok: true };
  } catch (e) {
    return limit(`could not compare these stanzas: ${(e as Error)?.message ?? String(e)}`);
  }
}
