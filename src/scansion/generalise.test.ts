// The generaliser over stanzas captured from Prosody 0.12 (tests/fixtures/generalise, written by
// tests/tools/capture-received.ts): every generalised stanza, read back as an expectation with the
// run's variables, matches the stanza it came from and fails against a copy with one attribute changed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Element } from 'ltx';
import { expand, jidVariable, match, parseXml } from './index';
import { generaliseStanza, type GeneraliseOptions } from './generalise';

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

function el(xml: string): Element {
  const r = parseXml(xml);
  expect(r.diagnostics).toEqual([]);
  expect(r.elements).toHaveLength(1);
  return r.elements[0];
}

function variablesOf(clients: GeneraliseOptions['clients']): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const c of clients) {
    vars[jidVariable(c.name, 'full JID')] = c.fullJid;
    vars[jidVariable(c.name, 'JID')] = c.fullJid.split('/')[0];
  }
  return vars;
}

/** The generalised text as the runner would use it: parsed, variables expanded. */
function asExpectation(text: string, vars: Record<string, string>): Element {
  const { element, unknown } = expand(el(text), vars);
  expect(unknown).toEqual([]);
  return element;
}

/** Every (element, attribute) of `exp` with a concrete value, as paths of child indexes. */
function concreteAttrs(exp: Element, at: number[] = []): Array<{ at: number[]; name: string }> {
  const out: Array<{ at: number[]; name: string }> = [];
  for (const [name, v] of Object.entries(exp.attrs)) {
    if (name === 'xmlns' || typeof v !== 'string' || v.startsWith('{scansion:')) continue;
    out.push({ at, name });
  }
  exp.children.forEach((c, i) => {
    if (typeof c !== 'string') out.push(...concreteAttrs(c, [...at, i]));
  });
  return out;
}

/** Find the received element the expected one at `at` stands for: same name path, same attributes. */
function twin(rec: Element, exp: Element, at: number[]): Element | undefined {
  let r: Element | undefined = rec;
  let e = exp;
  for (const i of at) {
    const next = e.children[i] as Element;
    const kids: Element[] = (r?.children ?? []).filter((c): c is Element => typeof c !== 'string');
    r = kids.find((k) => k.name === next.name && match(next, k).ok);
    e = next;
  }
  return r;
}

const cases = fixture.scripts.flatMap((s) =>
  s.received.map((r, i) => ({ label: `${s.script} #${i + 1} (${r.client})`, script: s, rec: r })),
);

describe('generaliseStanza over Prosody 0.12 stanzas', () => {
  it('has a fixture with several clients, delays, stanza ids, occupant ids and MAM results', () => {
    expect(cases.length).toBeGreaterThan(60);
    const all = cases.map((c) => c.rec.xml).join('\n');
    for (const marker of ['urn:xmpp:delay', 'urn:xmpp:sid:0', 'urn:xmpp:occupant-id:0', 'urn:xmpp:mam:2']) {
      expect(all).toContain(marker);
    }
  });

  it.each(cases.map((c) => [c.label, c] as const))(
    '%s: matches its source, fails on any changed attribute',
    (_l, c) => {
      const options: GeneraliseOptions = { clients: c.script.clients, recipient: c.rec.client };
      const vars = variablesOf(c.script.clients);
      const received = el(c.rec.xml);
      const text = generaliseStanza(received, options);
      // No literal client JID survives (G1), and the top level is written as an author would (G3).
      for (const client of c.script.clients) expect(text).not.toContain(client.fullJid);
      expect(text.split('\n')[0]).not.toMatch(/xmlns="jabber:client"|xml:lang/);
      const exp = asExpectation(text, vars);
      expect(match(exp, received)).toEqual({ ok: true });

      const attrs = concreteAttrs(exp);
      expect(attrs.length).toBeGreaterThan(0);
      for (const { at, name } of attrs) {
        const mutant = el(c.rec.xml);
        const target = twin(mutant, exp, at);
        expect(target, `${name} at ${at.join('.')}`).toBeDefined();
        target!.attrs[name] = String(target!.attrs[name]) + 'X';
        const r = match(exp, mutant);
        expect(r.ok, `changing ${name} at ${at.join('.')} must fail:\n${text}`).toBe(false);
      }
    },
  );
});

describe('generaliseStanza rules', () => {
  const clients = [
    { name: 'Romeo', fullJid: 'romeo@localhost/abc' },
    { name: 'Juliet', fullJid: 'juliet@localhost/def' },
    { name: "Juliet's phone", fullJid: 'juliet@localhost/mobile' },
  ];

  it("writes JIDs as variables, drops the recipient's to and jabber:client, replaces server ids and stamps", () => {
    const stanza = el(
      `<message xmlns="jabber:client" xml:lang="en" to="juliet@localhost/def" from="romeo@localhost/abc" id="x1Y2z3" type="chat">` +
        `<body>hi</body><delay xmlns="urn:xmpp:delay" from="localhost" stamp="2026-11-30T00:38:07Z"/>` +
        `<stanza-id xmlns="urn:xmpp:sid:0" by="juliet@localhost" id="abc"/></message>`,
    );
    expect(generaliseStanza(stanza, { clients, recipient: 'Juliet' })).toBe(
      [
        `<message id="{scansion:any}" type="chat" from="\${Romeo's full JID}">`,
        `\t<body>hi</body>`,
        `\t<delay xmlns="urn:xmpp:delay" from="localhost" stamp="{scansion:any}"/>`,
        `\t<stanza-id xmlns="urn:xmpp:sid:0" id="{scansion:any}" by="\${Juliet's JID}"/>`,
        `</message>`,
      ].join('\n'),
    );
  });

  it('keeps ids the clients chose, and an iq result id when no list is given', () => {
    const iq = el(`<iq type="result" id="config1" from="room@conference.localhost"/>`);
    expect(generaliseStanza(iq, { clients })).toBe(
      `<iq id="config1" type="result" from="room@conference.localhost"/>`,
    );
    expect(generaliseStanza(iq, { clients, clientIds: ['other'] })).toContain(`id="{scansion:any}"`);
    const msg = el(`<message id="chat01" from="romeo@localhost/abc"/>`);
    expect(generaliseStanza(msg, { clients })).toContain(`id="{scansion:any}"`);
    expect(generaliseStanza(msg, { clients, clientIds: ['chat01'] })).toContain(`id="chat01"`);
  });

  it("a shared bare JID is the recipient's; JIDs inside values only at token boundaries", () => {
    const p = el(
      `<presence to="juliet@localhost" from="xjuliet@localhost"><x node="pep:juliet@localhost:n"/></presence>`,
    );
    expect(generaliseStanza(p, { clients, recipient: "Juliet's phone" })).toBe(
      [
        `<presence from="xjuliet@localhost" to="\${Juliet's phone's JID}">`,
        `\t<x node="pep:\${Juliet's phone's JID}:n"/>`,
        `</presence>`,
      ].join('\n'),
    );
  });

  it('drops decorations only inside non-strict parents, by name or namespace', () => {
    const stanza = el(
      `<message><delay xmlns="urn:xmpp:delay" stamp="2020-01-01T00:00:00Z"/>` +
        `<occupant-id xmlns="urn:xmpp:occupant-id:0" id="q"/>` +
        `<result xmlns="urn:xmpp:mam:2" id="r1"><delay xmlns="urn:xmpp:delay" stamp="2020-01-01T00:00:00Z"/></result></message>`,
    );
    const text = generaliseStanza(stanza, {
      clients,
      dropDecorations: ['delay', 'urn:xmpp:occupant-id:0'],
      indent: '  ',
      baseIndent: '\t',
    });
    expect(text).toBe(
      [
        `\t<message>`,
        `\t  <result xmlns="urn:xmpp:mam:2" id="{scansion:any}">`,
        `\t    <delay xmlns="urn:xmpp:delay" stamp="{scansion:any}"/>`,
        `\t  </result>`,
        `\t</message>`,
      ].join('\n'),
    );
    // The kept <delay> is inside a strict <result>: leaving it out would fail the match.
    expect(match(asExpectation(text.replace(/^\t/gm, ''), {}), stanza)).toEqual({ ok: true });
  });

  it('escapes text and attributes, keeps nested jabber:client, and survives deep nesting', () => {
    const stanza = el(
      `<message><body>a &lt; b &amp; "c"</body><forwarded xmlns="urn:xmpp:forward:0"><message xmlns="jabber:client" note='say "hi"'/></forwarded></message>`,
    );
    const text = generaliseStanza(stanza, { clients });
    expect(text).toContain(`<body>a &lt; b &amp; "c"</body>`);
    expect(text).toContain(`<message xmlns="jabber:client" note="say &quot;hi&quot;"/>`);
    expect(match(asExpectation(text, {}), stanza)).toEqual({ ok: true });

    let deep = '<x/>';
    for (let i = 0; i < 20_000; i++) deep = `<x>${deep}</x>`;
    const out = generaliseStanza(el(`<message>${deep}</message>`), { clients, indent: '' });
    expect(out.split('\n')).toHaveLength(2 * 20_001 + 1);
  });
});
