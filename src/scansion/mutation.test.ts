// Mutation tests over the corpus's own expected stanzas. For every `receives:` stanza we build the
// stanza a server would send if it conformed exactly (variables filled in, {scansion:any} given a value,
// scansion:strict removed, xmlns='jabber:client' on top), check that it matches, then break it one way
// at a time and check the matcher notices:
//   - one attribute value changed             -> must fail (both modes)
//   - one child element removed               -> must fail (both modes)
//   - one text changed                        -> must fail (both modes)
//   - two different children of a strict element swapped     -> must fail
//   - an extra attribute on a strict element                 -> must fail
// and that the documented looseness holds (a too-strict matcher would fail real servers):
//   - children of a non-strict element reversed               -> must still pass
//   - an extra attribute on a non-strict element              -> must still pass
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { Element } from 'ltx';
import type { Node } from 'ltx';
import { ANY, expand, isCaptureValue, jidVariable, match, parse, serialize, strictness } from './index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
if (!existsSync(corpusDir)) console.warn(`corpus mutation tests skipped: ${corpusDir} is absent`);
function corpusFiles(): string[] {
  const out: string[] = [];
  for (const branch of ['prosody-0.12', 'prosody-trunk']) {
    const dir = path.join(corpusDir, branch);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.scs')) out.push(path.join(dir, f));
  }
  return out;
}

/** The conforming received stanza for an expected one, plus a map received-node -> expected-node. */
function conforming(expected: Element): { rec: Element; twin: Map<Element, Element> } {
  const twin = new Map<Element, Element>();
  const copy = (e: Element): Element => {
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.attrs)) {
      if (k === 'scansion:strict') continue;
      const cap = isCaptureValue(v);
      attrs[k] = v === ANY ? 'any-value' : cap !== undefined ? `captured-${cap}` : v;
    }
    const r = new Element(e.name, attrs);
    twin.set(r, e);
    for (const c of e.children) r.cnode(typeof c === 'string' ? c : copy(c));
    return r;
  };
  const rec = copy(expected);
  if (rec.attrs.xmlns === undefined) rec.attrs.xmlns = 'jabber:client';
  return { rec, twin };
}

function elements(root: Element): Element[] {
  const out: Element[] = [];
  const walk = (e: Element): void => {
    out.push(e);
    for (const c of e.children) if (typeof c === 'object') walk(c);
  };
  walk(root);
  return out;
}
const childEls = (e: Element): Element[] => e.children.filter((c): c is Element => typeof c === 'object');

/** Run `mutate` on a fresh conforming copy; returns whether the match succeeded. */
function tryMutation(
  expected: Element,
  mutate: (rec: Element, twin: Map<Element, Element>) => void,
): boolean {
  const { rec, twin } = conforming(expected);
  mutate(rec, twin);
  return match(expected, rec, new Map()).ok;
}

const files = corpusFiles();
const totals = { self: 0, attr: 0, child: 0, text: 0, order: 0, strictAttr: 0, loose: 0 };

describe.skipIf(files.length === 0)('corpus mutation tests', () => {
  afterAll(() => {
    // The suite is not vacuous: every kind of mutation was tried many times over the corpus.
    console.info(`corpus mutations: ${JSON.stringify(totals)}`);
    expect(totals.self).toBeGreaterThan(900);
    for (const v of Object.values(totals)) expect(v).toBeGreaterThan(50);
  });
  it.each(files.map((f) => [path.relative(corpusDir, f), f]))('%s', (_rel, file) => {
    const { script } = parse(readFileSync(file, 'utf8'));
    const vars: Record<string, string> = {};
    for (const c of script.clients) {
      const bare = (c.jid ?? 'x@localhost').split('/')[0];
      vars[jidVariable(c.name, 'JID')] = bare;
      vars[jidVariable(c.name, 'full JID')] = `${bare}/res-${c.name.length}`;
    }
    const counts = { self: 0, attr: 0, child: 0, text: 0, order: 0, strictAttr: 0, loose: 0 };
    for (const step of script.steps) {
      if (step.action !== 'receives') continue;
      for (const stanza of step.stanzas) {
        const expected = expand(stanza, vars).element;
        const where = `${path.basename(file)}:${step.headerRange.line} ${serialize(expected).slice(0, 120)}`;
        const modes = strictness(expected);
        const { rec: pristine } = conforming(expected);
        expect(match(expected, pristine, new Map()), where).toEqual({ ok: true });
        counts.self++;

        const recEls = elements(conforming(expected).rec);
        recEls.forEach((_unused, idx) => {
          const pick = (rec: Element): Element => elements(rec)[idx];
          const strict = modes.get(elements(expected)[idx])!;
          const probe = conforming(expected);
          const target = elements(probe.rec)[idx];
          const expTarget = probe.twin.get(target)!;
          // Attribute values.
          for (const k of Object.keys(target.attrs)) {
            // Namespace declarations are not attributes (matcher rule M2).
            if (
              k === 'xmlns' ||
              k.startsWith('xmlns:') ||
              expTarget.attrs[k] === ANY ||
              isCaptureValue(expTarget.attrs[k] ?? '')
            )
              continue;
            expect(
              tryMutation(expected, (rec) => (pick(rec).attrs[k] += '-changed')),
              `${where} @${k}`,
            ).toBe(false);
            counts.attr++;
          }
          // Removing each child element.
          childEls(target).forEach((_c, ci) => {
            const ok = tryMutation(expected, (rec) => {
              const p = pick(rec);
              const victim = childEls(p)[ci];
              p.children = p.children.filter((x: Node) => x !== victim);
            });
            expect(ok, `${where} remove child ${ci} of <${target.name}>`).toBe(false);
            counts.child++;
          });
          // Text.
          if (target.getText().trim() !== '' && expTarget.getText().trim() !== ANY) {
            const ok = tryMutation(expected, (rec) => {
              const p = pick(rec);
              p.children = p.children.map((x: Node) => (typeof x === 'string' && x.trim() ? x + 'X' : x));
            });
            expect(ok, `${where} text of <${target.name}>`).toBe(false);
            counts.text++;
          }
          const kids = childEls(target);
          if (strict) {
            // Swap the first two children that serialize differently.
            for (let i = 0; i + 1 < kids.length; i++) {
              if (serialize(kids[i]) === serialize(kids[i + 1])) continue;
              const ok = tryMutation(expected, (rec) => {
                const p = pick(rec);
                const ks = childEls(p);
                const a = p.children.indexOf(ks[i]);
                const b = p.children.indexOf(ks[i + 1]);
                [p.children[a], p.children[b]] = [p.children[b], p.children[a]];
              });
              expect(ok, `${where} swap children ${i},${i + 1} of strict <${target.name}>`).toBe(false);
              counts.order++;
              break;
            }
            expect(
              tryMutation(expected, (rec) => (pick(rec).attrs['extra-attr'] = '1')),
              `${where} extra attr`,
            ).toBe(false);
            counts.strictAttr++;
          } else {
            const reversed = tryMutation(expected, (rec) => {
              const p = pick(rec);
              p.children.reverse();
              p.attrs['extra-attr'] = '1';
            });
            expect(reversed, `${where} reversed children + extra attr of non-strict <${target.name}>`).toBe(
              true,
            );
            counts.loose++;
          }
        });
      }
    }
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += counts[k];
    // Every file with receives: steps exercises the matcher.
    if (script.steps.some((s) => s.action === 'receives')) expect(counts.self).toBeGreaterThan(0);
  });
});
