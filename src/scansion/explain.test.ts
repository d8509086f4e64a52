// Explanations over mutants of stanzas captured from Prosody 0.12 (tests/fixtures/generalise): a
// reordered burst, a stanza that went to another client or was dropped, a removed non-strict child
// among many, extra strict children, a wrong attribute. Each mutant's sentence names the mutated node,
// and every mismatch is covered by a sentence.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { expand, jidVariable, match, parseXml } from './index';
import { generaliseStanza } from './generalise';
import { explainFailure, type ExplainInput } from './explain';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(
  readFileSync(path.resolve(here, '../../tests/fixtures/generalise/prosody-0.12.json'), 'utf8'),
) as {
  scripts: Array<{
    script: string;
    clients: Array<{ name: string; fullJid: string }>;
    received: Array<{ client: string; xml: string }>;
  }>;
};
const script = (name: string) => fixture.scripts.find((s) => s.script === name)!;

function el(xml: string): Element {
  const r = parseXml(xml);
  expect(r.diagnostics).toEqual([]);
  return r.elements[0];
}

/** The expectation an author would write for stanza `i` of a captured script, variables expanded. */
function expectation(name: string, i: number, edit: (text: string) => string = (t) => t): Element {
  const s = script(name);
  const vars: Record<string, string> = {};
  for (const c of s.clients) {
    vars[jidVariable(c.name, 'full JID')] = c.fullJid;
    vars[jidVariable(c.name, 'JID')] = c.fullJid.split('/')[0];
  }
  const text = edit(
    generaliseStanza(el(s.received[i].xml), { clients: s.clients, recipient: s.received[i].client }),
  );
  return expand(el(text), vars).element;
}

function explain(input: Omit<ExplainInput, 'mismatches'>) {
  const r = match(input.expected, input.received!);
  expect(r.ok).toBe(false);
  const mismatches = r.ok ? [] : r.mismatches;
  const out = explainFailure({ ...input, mismatches });
  // Every mismatch is covered by exactly one sentence.
  const covered = out.flatMap((e) => e.paths);
  expect([...covered].sort()).toEqual(mismatches.map((m) => m.path).sort());
  return out;
}

const affil = script('muc_affiliation_notify.scs');
const romeo = affil.received.map((r, i) => ({ ...r, i })).filter((r) => r.client === 'Romeo');

describe('order-aware sentences', () => {
  it('a reordered burst: the expected stanza arrived 1 stanza later', () => {
    // Romeo's iq result (config1) and the next message; the script expects them the other way round.
    const [first, second] = [romeo[2], romeo[3]];
    const out = explain({
      expected: expectation(affil.script, second.i),
      received: el(first.xml),
      context: { sameClientLater: [{ seq: 9, xml: second.xml }], otherClients: [], dropped: [] },
      client: 'Romeo',
    });
    expect(out[0].kind).toBe('arrived-later');
    expect(out[0].sentence).toMatch(/^The expected stanza arrived 1 stanza later/);
  });
  it('two stanzas later', () => {
    const out = explain({
      expected: expectation(affil.script, romeo[4].i),
      received: el(romeo[2].xml),
      context: {
        sameClientLater: [
          { seq: 1, xml: romeo[3].xml },
          { seq: 2, xml: romeo[4].xml },
        ],
        otherClients: [],
        dropped: [],
      },
      client: 'Romeo',
    });
    expect(out[0].sentence).toMatch(/arrived 2 stanzas later/);
  });
  it('it arrived for Juliet instead', () => {
    const juliet = affil.received.map((r, i) => ({ ...r, i })).filter((r) => r.client === 'Juliet');
    const out = explain({
      expected: expectation(affil.script, juliet[2].i),
      received: el(
        romeo[1].xml.replace('<subject/>', '<body>x</body>').replace('type="groupchat"', 'type="chat"'),
      ),
      context: {
        sameClientLater: [],
        otherClients: [{ seq: 4, client: 'Juliet', xml: juliet[2].xml }],
        dropped: [],
      },
      client: 'Romeo',
    });
    expect(out[0]).toMatchObject({ kind: 'other-client' });
    expect(out[0].sentence).toMatch(/^The expected stanza arrived for Juliet instead of Romeo/);
  });
  it('it was part of the same burst and was dropped', () => {
    const pw = script('muc_password.scs');
    // Romeo's status-104 message came in the same write as the config1 result and was dropped.
    const status104 = pw.received[3];
    const out = explain({
      expected: expectation(pw.script, 3),
      received: el(pw.received[11].xml),
      context: {
        sameClientLater: [],
        otherClients: [],
        dropped: [
          { seq: 5, client: 'Romeo', xml: status104.xml, reason: 'the next step was Juliet connects' },
        ],
      },
      client: 'Romeo',
    });
    expect(out[0].kind).toBe('dropped');
    expect(out[0].sentence).toMatch(
      /part of the same burst .* dropped because another client's step came in between/,
    );
    expect(out[0].sentence).toContain('Juliet connects');
  });
});

describe('non-strict: a removed child among many', () => {
  it('names the missing <feature> and the closest of the received ones', () => {
    const disco = script('disco_self.scs').received[0].xml;
    const removed = 'http://jabber.org/protocol/pubsub#publish';
    expect(disco).toContain(`var="${removed}"`);
    const exp = el(
      `<iq type='result' id='info1'><query xmlns='http://jabber.org/protocol/disco#info' scansion:strict='false'>` +
        `<feature var='${removed}'/><feature var='http://jabber.org/protocol/pubsub'/></query></iq>`,
    );
    const out = explain({ expected: exp, received: el(disco.replace(`<feature var="${removed}"/>`, '')) });
    expect(out).toHaveLength(1);
    expect(out[0].kind).toBe('missing-among');
    expect(out[0].sentence).toMatch(
      new RegExp(
        `^No <feature var='${removed.replace(/[.#/]/g, '\\$&')}'/> among the 36 received <feature>; the closest is <feature var='http://jabber.org/protocol/pubsub#`,
      ),
    );
  });
});

describe('strict: extra children and attributes, grouped, with the reason and the fix', () => {
  it('one sentence for all the extra <feature> children of a strict <query>', () => {
    const disco = script('disco_self.scs').received[0].xml;
    const exp = el(
      `<iq type='result' id='info1'><query xmlns='http://jabber.org/protocol/disco#info'>` +
        `<identity category='account' type='registered'/><identity category='pubsub' type='pep'/></query></iq>`,
    );
    const out = explain({ expected: exp, received: el(disco) });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      kind: 'strict-children',
      relax: { path: '/iq/query[1]', element: 'query' },
    });
    expect(out[0].sentence).toBe(
      "<query> has 37 children not in the expectation: <feature> ×37. Strict because <query> declares its own namespace 'http://jabber.org/protocol/disco#info'; add scansion:strict='false' to <query> to allow them.",
    );
  });
  it('extra attributes on an inherited-strict element name it and its strict ancestor', () => {
    const out = explain({
      expected: el(
        `<presence><x xmlns='http://jabber.org/protocol/muc#user'><item role='moderator'/></x></presence>`,
      ),
      received: el(
        `<presence><x xmlns='http://jabber.org/protocol/muc#user'><item role='moderator' jid='a@b' affiliation='owner'/></x></presence>`,
      ),
    });
    expect(out).toHaveLength(1);
    expect(out[0].sentence).toBe(
      "<item> has 2 attributes not in the expectation: jid='a@b', affiliation='owner'. Strict because <x> declares its own namespace 'http://jabber.org/protocol/muc#user', and <item> inherits its strict mode; add scansion:strict='false' to <item> to allow extra attributes.",
    );
  });
});

describe('a wrong attribute, and several mismatches', () => {
  const muc = script('muc_nickname_change.scs');
  it('names the attribute and its element', () => {
    const exp = expectation(muc.script, 7);
    const out = explain({
      expected: exp,
      received: el(muc.received[7].xml.replace('role="visitor"', 'role="participant"')),
    });
    expect(out.map((e) => e.sentence)).toEqual([
      "On <item>, attribute role: expected 'visitor', got 'participant'.",
    ]);
  });
  it('every mismatch gets a sentence, not only the first', () => {
    const exp = expectation(muc.script, 7);
    const mutant = muc.received[7].xml
      .replace('role="visitor"', 'role="participant"')
      .replace('from="room@', 'from="hall@');
    const out = explain({ expected: exp, received: el(mutant) });
    expect(out.map((e) => e.sentence)).toEqual([
      "On <presence>, attribute from: expected 'room@conference.localhost/Juliet', got 'hall@conference.localhost/Juliet'.",
      "On <item>, attribute role: expected 'visitor', got 'participant'.",
    ]);
  });
});
