// The matcher's cost and safety (rule M9 and the bounded pairing of M6): prototype member names as
// attributes, deep nesting, thousands of same-named children, and the "missing among N" report.
import { describe, expect, it } from 'vitest';
import { Element } from 'ltx';
import { match, parseXml } from './index';
import { MAX_MATCH_DEPTH, TRIAL_BUDGET } from './matcher';
import { pairChildren } from './pairing';

function el(xml: string): Element {
  const r = parseXml(xml);
  expect(r.diagnostics).toEqual([]);
  return r.elements[0];
}

/** An element whose attributes live in a prototype-free object, as a hostile parser could produce. */
function bare(name: string, attrs: Record<string, string>): Element {
  const e = new Element(name);
  const a = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(attrs)) if (k !== 'proto') a[k] = v;
  if ('proto' in attrs) a['__proto__'] = attrs.proto;
  e.attrs = a;
  return e;
}

describe('attribute names that are Object.prototype members', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    '%s with {scansion:any} needs the attribute',
    (name) => {
      const r = match(el(`<iq ${name}='{scansion:any}'/>`), el('<iq/>'));
      expect(r.ok).toBe(false);
      expect(!r.ok && r.mismatches[0]).toMatchObject({ kind: 'missing-attribute', path: `/iq@${name}` });
      expect(match(el(`<iq ${name}='{scansion:any}'/>`), el(`<iq ${name}='x'/>`))).toEqual({ ok: true });
      // A received stanza from the wire (ltx) keeps its attributes in an ordinary object.
      expect(match(el(`<iq ${name}='{scansion:any}'/>`), new Element('iq')).ok).toBe(false);
    },
  );
  it('__proto__ as an own attribute is compared like any other', () => {
    const exp = bare('iq', { proto: '{scansion:any}' });
    expect(Object.keys(exp.attrs)).toEqual(['__proto__']);
    const r = match(exp, el('<iq/>'));
    expect(!r.ok && r.mismatches[0]).toMatchObject({ kind: 'missing-attribute', path: '/iq@__proto__' });
    expect(match(exp, bare('iq', { proto: 'v' }))).toEqual({ ok: true });
  });
  it('strict mode does not report prototype members as unexpected attributes', () => {
    expect(match(el("<x xmlns='n' a='1'/>"), el("<x xmlns='n' a='1'/>"))).toEqual({ ok: true });
  });
});

describe('deep nesting', () => {
  const nest = (n: number, leaf: string) => {
    let s = leaf;
    for (let i = 1; i < n; i++) s = `<x>${s}</x>`;
    return s;
  };
  it(`compares ${MAX_MATCH_DEPTH} levels, in a strict namespace too`, () => {
    const deep = `<message><y xmlns='n'>${nest(MAX_MATCH_DEPTH - 2, "<z a='1'/>")}</y></message>`;
    expect(match(el(deep), el(deep))).toEqual({ ok: true });
    const r = match(el(deep), el(deep.replace("a='1'", "a='2'")));
    expect(!r.ok && r.mismatches.map((m) => m.kind)).toEqual(['attribute-value']);
  });
  // Built directly: the parser itself refuses XML this deep (MAX_XML_DEPTH).
  const built = (n: number) => {
    let e = new Element('z');
    for (let i = 1; i < n; i++) e = new Element('x').cnode(e).root();
    return new Element('message').cnode(e).root();
  };
  it('deeper than the limit: one clear limit mismatch, no stack overflow', () => {
    const r = match(built(5000), built(5000));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.mismatches).toEqual([
      {
        kind: 'limit',
        path: '/',
        message: `the expected stanza is nested 5001 levels deep; the matcher compares at most ${MAX_MATCH_DEPTH} levels`,
      },
    ]);
  });
  it('a deep received stanza under a shallow expectation is fine', () => {
    expect(match(el('<message><x/></message>'), built(20000))).toEqual({
      ok: true,
    });
  });
});

describe('many same-named children', () => {
  const items = (n: number, order: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => `<item n='${order(i)}'/>`).join('');
  it('3,000 children in order, reversed, and with one missing among them', () => {
    const n = 3000;
    const exp = el(`<iq><query xmlns='q' scansion:strict='false'>${items(n, (i) => i)}</query></iq>`);
    expect(match(exp, el(`<iq><query xmlns='q'>${items(n, (i) => i)}</query></iq>`))).toEqual({ ok: true });
    expect(match(exp, el(`<iq><query xmlns='q'>${items(n, (i) => n - 1 - i)}</query></iq>`))).toEqual({
      ok: true,
    });
    const r = match(
      exp,
      el(`<iq><query xmlns='q'>${items(n, (i) => (i === 1234 ? 99999 : i))}</query></iq>`),
    );
    expect(!r.ok && r.mismatches).toMatchObject([
      { kind: 'missing-child', path: '/iq/query[1]/item[1235]', candidates: n, closest: "<item n='99999'/>" },
    ]);
  });
  it('a strict element with reordered children is one order mismatch', () => {
    const exp = el(`<query xmlns='q'>${items(2000, (i) => i)}</query>`);
    const r = match(exp, el(`<query xmlns='q'>${items(2000, (i) => 1999 - i)}</query>`));
    expect(!r.ok && r.mismatches.map((m) => m.kind)).toEqual(['order']);
  });
  it('pathological pairings stop at the trial budget with a limit mismatch', () => {
    // No key to look candidates up by, and every candidate fails deep inside: each expected child would
    // be tried against every received one (1,000,000 trials).
    const kid = (v: string) => `<item><a><b c='${v}'/></a></item>`;
    const exp = el(`<m>${Array.from({ length: 1000 }, () => kid('1')).join('')}</m>`);
    const rec = el(`<m>${Array.from({ length: 1000 }, () => kid('2')).join('')}</m>`);
    const r = match(exp, rec);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.mismatches.at(-1)).toEqual({
      kind: 'limit',
      path: '/',
      message: `comparison stopped after ${TRIAL_BUDGET} candidate trials: some children were not compared`,
    });
  });
});

describe('disco_self.scs: a missing <feature> among many is named as missing', () => {
  it('reports the expected feature as missing among the received ones, with the closest', () => {
    const features = [
      'urn:xmpp:mam:2',
      'http://jabber.org/protocol/disco#items',
      'jabber:iq:version',
      'urn:xmpp:ping',
    ];
    const rec = el(
      `<iq type='result'><query xmlns='http://jabber.org/protocol/disco#info'><identity category='account' type='registered'/>${features.map((f) => `<feature var='${f}'/>`).join('')}</query></iq>`,
    );
    const exp = el(
      `<iq type='result'><query xmlns='http://jabber.org/protocol/disco#info' scansion:strict='false'><feature var='http://jabber.org/protocol/disco#info'/><feature var='urn:xmpp:ping'/></query></iq>`,
    );
    const r = match(exp, rec);
    expect(!r.ok && r.mismatches).toMatchObject([
      {
        kind: 'missing-child',
        path: '/iq/query[1]/feature[1]',
        expected: "<feature var='http://jabber.org/protocol/disco#info'/>",
        received: "<feature var='http://jabber.org/protocol/disco#items'/>",
        candidates: 4,
        closest: "<feature var='http://jabber.org/protocol/disco#items'/>",
        message:
          "missing child <feature var='http://jabber.org/protocol/disco#info'/>: not among the 4 received <feature> (closest: <feature var='http://jabber.org/protocol/disco#items'/>)",
      },
    ]);
  });
});

describe('pairChildren', () => {
  it('repairs a greedy choice with an augmenting path (a maximum matching)', () => {
    // expected 0 fits received 0 and 1; expected 1 fits only received 0.
    const fits = [
      [true, true],
      [true, false],
    ];
    const p = pairChildren({
      expCount: 2,
      recCount: 2,
      candidates: () => [0, 1],
      ok: (i, j) => fits[i][j],
    });
    expect([...p.partner]).toEqual([1, 0]);
  });
  it('in-order input costs one trial per child', () => {
    let trials = 0;
    const n = 5000;
    const all = Array.from({ length: n }, (_, j) => j);
    const p = pairChildren({
      expCount: n,
      recCount: n,
      candidates: () => all,
      ok: (i, j) => (trials++, i === j),
    });
    expect(p.partner.every((j, i) => j === i)).toBe(true);
    expect(trials).toBe(n);
  });
});
