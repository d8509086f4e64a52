// Sentences that explain a failed `receives:` step, from the expected stanza, what arrived, the
// matcher's mismatches and what else had arrived around the failure. Pure; never throws.
//
// E1 Order. When the expected stanza is among the stanzas that arrived for the same client after the
//    one compared, the first sentence says so ("arrived 1 stanza later"); when another client received
//    it, "it arrived for Juliet instead"; when the runner dropped it as a burst leftover, that it was
//    part of the same burst and was dropped, with the runner's reason.
// E2 Missing among many (non-strict): "No <feature var='…'/> among the 38 received <feature>; the
//    closest is <feature var='…'/>".
// E3 Strict extras: one sentence per element for its unexpected children ("17 children not in the
//    expectation: <field> ×17") and one for its unexpected attributes, each saying why the element is
//    strict and offering the fix (scansion:strict='false' on that element).
// E4 Everything else: one sentence per mismatch, naming the element it is about. Every mismatch is
//    covered by exactly one sentence (a UI that shows the sentences shows every mismatch).
import type { Element } from 'ltx';
import { match } from './matcher';
import { elementChildren, locOf, strictReason } from './matchBasics';
import { parseXml } from './xml';
import type { Mismatch, Range } from './types';

/** What else had arrived when the step failed (the runner's FailureContext, same shape). */
export interface ExplainContext {
  sameClientLater: Array<{ seq: number; xml: string }>;
  otherClients: Array<{ seq: number; client: string; xml: string }>;
  dropped: Array<{ seq: number; client: string; xml: string; reason: string }>;
}

export interface ExplainInput {
  /** The expected stanza, variables expanded (with source positions when parsed from the script). */
  expected: Element;
  /** The stanza it was compared with, if one arrived. */
  received?: Element;
  mismatches: readonly Mismatch[];
  context?: ExplainContext;
  /** The failing step's client, e.g. "Romeo". */
  client?: string;
}

export type ExplanationKind =
  | 'arrived-later'
  | 'other-client'
  | 'dropped'
  | 'missing-among'
  | 'strict-children'
  | 'strict-attributes'
  | 'strict-order'
  | 'mismatch';

export interface Explanation {
  kind: ExplanationKind;
  sentence: string;
  /** The mismatches this sentence stands for (their paths), empty for order sentences. */
  paths: string[];
  /** Where in the script the sentence points (the expected node or attribute). */
  loc?: Range;
  /** An edit that would relax the element: add scansion:strict='false' to the element at `path`. */
  relax?: { path: string; element: string; loc?: Range };
}

function parse(xml: string): Element | undefined {
  try {
    const r = parseXml(xml);
    return r.diagnostics.some((d) => d.severity === 'error') ? undefined : r.elements[0];
  } catch {
    return undefined;
  }
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The expected element a path like `/presence/x[1]/item[2]@role` points at (undefined past the end). */
export function elementAt(root: Element, path: string): Element | undefined {
  const clean = path.replace(/@[^/]*$/, '').replace(/\/text\(\)$/, '');
  const segs = clean.split('/').filter(Boolean);
  if (segs.length === 0 || segs[0] !== root.name) return undefined;
  let el: Element = root;
  for (const seg of segs.slice(1)) {
    const m = /^(.*)\[(\d+)\]$/.exec(seg);
    if (!m) return undefined;
    const same = elementChildren(el).filter((c) => c.name === m[1]);
    const next = same[Number(m[2]) - 1];
    if (!next) return undefined;
    el = next;
  }
  return el;
}

function parentPath(path: string): string {
  const clean = path.replace(/@[^/]*$/, '');
  return clean === path ? clean.slice(0, clean.lastIndexOf('/')) : clean;
}

/** `<item>` for `/presence/x[1]/item[1]@role`; `<body>` for `/message/body[1]/text()`. */
function nodeName(path: string): string {
  const clean = path.replace(/@[^/]*$/, '').replace(/\/text\(\)$/, '');
  const last = clean.slice(clean.lastIndexOf('/') + 1).replace(/\[\d+\]$/, '');
  return `<${last}>`;
}

function firstLine(xml: string): string {
  const s = xml.replace(/\s+/g, ' ').trim();
  return s.length > 100 ? s.slice(0, 97) + '...' : s;
}

/** E1: where the expected stanza went, if it arrived somewhere else. */
function orderSentence(input: ExplainInput): Explanation | undefined {
  const ctx = input.context;
  if (!ctx) return undefined;
  const fits = (xml: string) => {
    const el = parse(xml);
    return el !== undefined && match(input.expected, el, new Map()).ok;
  };
  const later = ctx.sameClientLater.findIndex((s) => fits(s.xml));
  if (later !== -1) {
    const who = input.client ? `${input.client}'s` : 'the';
    return {
      kind: 'arrived-later',
      sentence:
        `The expected stanza arrived ${plural(later + 1, 'stanza')} later: ${who} next ` +
        `${later === 0 ? 'stanza was' : `${later + 1} stanzas were`} compared too early. ` +
        `Add a receives: step for what came first, or move this expectation down.`,
      paths: [],
    };
  }
  const dropped = ctx.dropped.find((s) => (!input.client || s.client === input.client) && fits(s.xml));
  if (dropped) {
    return {
      kind: 'dropped',
      sentence:
        `The expected stanza had arrived earlier, as part of the same burst as a stanza an earlier step ` +
        `read, and was dropped because another client's step came in between (${dropped.reason}). ` +
        `Move this receives: directly after that step.`,
      paths: [],
    };
  }
  const other = ctx.otherClients.find((s) => s.client !== input.client && fits(s.xml));
  if (other) {
    return {
      kind: 'other-client',
      sentence: `The expected stanza arrived for ${other.client} instead${input.client ? ` of ${input.client}` : ''}: ${firstLine(other.xml)}`,
      paths: [],
    };
  }
  return undefined;
}

function relaxHint(input: ExplainInput, path: string): Pick<Explanation, 'relax'> & { why: string } {
  const el = elementAt(input.expected, path);
  const why = el ? strictReason(input.expected, el) : undefined;
  if (!el || !why) return { why: '' };
  return {
    why: ` Strict because ${why}; add scansion:strict='false' to <${el.name}> to allow them.`,
    relax: { path, element: el.name, ...(locOf(el) ? { loc: locOf(el)!.nameRange } : {}) },
  };
}

function countByName(items: string[]): string {
  const counts = new Map<string, number>();
  for (const b of items) {
    const name = /^<([^\s/>]+)/.exec(b)?.[1] ?? b;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([n, c]) => `<${n}> ×${c}`).join(', ');
}

/** Sentences for a failed receives step: order first, then every mismatch (grouped where it helps). */
export function explainFailure(input: ExplainInput): Explanation[] {
  const out: Explanation[] = [];
  try {
    const order = orderSentence(input);
    if (order) out.push(order);
  } catch {
    // An unparseable context stanza only loses the order sentence.
  }
  const extraChildren = new Map<string, Mismatch[]>();
  const extraAttrs = new Map<string, Mismatch[]>();
  for (const m of input.mismatches) {
    if (m.kind === 'unexpected-child') {
      const p = parentPath(m.path);
      extraChildren.set(p, [...(extraChildren.get(p) ?? []), m]);
    } else if (m.kind === 'unexpected-attribute') {
      const p = m.path.replace(/@[^/]*$/, '');
      extraAttrs.set(p, [...(extraAttrs.get(p) ?? []), m]);
    }
  }
  const done = new Set<string>();
  for (const m of input.mismatches) {
    if (m.kind === 'unexpected-child') {
      const p = parentPath(m.path);
      if (done.has('c' + p)) continue;
      done.add('c' + p);
      const group = extraChildren.get(p)!;
      const hint = relaxHint(input, p);
      out.push({
        kind: 'strict-children',
        sentence:
          `${nodeName(p)} has ${plural(group.length, 'child', 'children')} not in the expectation: ` +
          `${countByName(group.map((g) => g.received ?? ''))}.${hint.why}`,
        paths: group.map((g) => g.path),
        ...(m.loc ? { loc: m.loc } : {}),
        ...(hint.relax ? { relax: hint.relax } : {}),
      });
      continue;
    }
    if (m.kind === 'unexpected-attribute') {
      const p = m.path.replace(/@[^/]*$/, '');
      if (done.has('a' + p)) continue;
      done.add('a' + p);
      const group = extraAttrs.get(p)!;
      const hint = relaxHint(input, p);
      const list = group.map((g) => `${g.path.slice(g.path.lastIndexOf('@') + 1)}='${g.received ?? ''}'`);
      out.push({
        kind: 'strict-attributes',
        sentence: `${nodeName(p)} has ${plural(group.length, 'attribute')} not in the expectation: ${list.join(', ')}.${hint.why.replace('allow them', 'allow extra attributes')}`,
        paths: group.map((g) => g.path),
        ...(m.loc ? { loc: m.loc } : {}),
        ...(hint.relax ? { relax: hint.relax } : {}),
      });
      continue;
    }
    if (m.kind === 'order') {
      const hint = relaxHint(input, m.path);
      out.push({
        kind: 'strict-order',
        sentence: `The children of ${nodeName(m.path)} arrived in another order: expected ${m.expected}; got ${m.received}.${hint.why.replace('allow them', 'accept any order')}`,
        paths: [m.path],
        ...(m.loc ? { loc: m.loc } : {}),
        ...(hint.relax ? { relax: hint.relax } : {}),
      });
      continue;
    }
    if (m.kind === 'missing-child' && m.candidates !== undefined && m.closest) {
      out.push({
        kind: 'missing-among',
        sentence: `No ${m.expected} among the ${m.candidates} received ${nodeName(m.path)}; the closest is ${m.closest}.`,
        paths: [m.path],
        ...(m.loc ? { loc: m.loc } : {}),
      });
      continue;
    }
    out.push({
      kind: 'mismatch',
      sentence: describe(m),
      paths: [m.path],
      ...(m.loc ? { loc: m.loc } : {}),
    });
  }
  return out;
}

/** E4: one mismatch as a sentence naming its element. */
function describe(m: Mismatch): string {
  const node = nodeName(m.path);
  switch (m.kind) {
    case 'attribute-value':
    case 'missing-attribute':
    case 'capture':
      return `On ${node}, ${m.message}.`;
    case 'text':
      return `In ${node}, ${m.message}.`;
    case 'missing-child':
      return `${m.expected ?? node} is missing: no received ${node} is left to pair with it.`;
    case 'name':
    case 'namespace':
    case 'limit':
      return m.message.charAt(0).toUpperCase() + m.message.slice(1) + '.';
    default:
      return m.message;
  }
}
