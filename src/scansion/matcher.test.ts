// The matcher, rule by rule (M1..M8 in matcher.ts): each rule with a passing and a failing case, the
// corpus's own patterns, and the mismatch report (kind, path, message, expected source position).
import { describe, expect, it } from 'vitest';
import { Element } from 'ltx';
import { match, parse, parseXml, strictness } from './index';
import type { MatchResult, Mismatch, XmlStep } from './index';

function el(xml: string): Element {
  const r = parseXml(xml);
  expect(r.diagnostics).toEqual([]);
  return r.elements[0];
}
function m(expected: string, received: string, captures = new Map<string, string>()): MatchResult {
  return match(el(expected), el(received), captures);
}
function fails(expected: string, received: string): Mismatch[] {
  const r = m(expected, received);
  expect(r.ok, `expected a mismatch:\n  ${expected}\n  ${received}`).toBe(false);
  return r.ok ? [] : r.mismatches;
}
function passes(expected: string, received: string): void {
  const r = m(expected, received);
  expect(r, `expected a match:\n  ${expected}\n  ${received}`).toEqual({ ok: true });
}

describe('M1 names', () => {
  it('same name passes, another name fails with a name mismatch', () => {
    passes('<presence/>', '<presence/>');
    const [x] = fails('<presence/>', '<message/>');
    expect(x).toMatchObject({ kind: 'name', path: '/presence', expected: 'presence', received: 'message' });
    expect(x.message).toBe("element name: expected 'presence', got 'message'");
  });
});

describe('M2 namespaces', () => {
  it('jabber:client on the received top level equals an expected one without xmlns', () => {
    passes('<presence from="a"/>', '<presence xmlns="jabber:client" from="a"/>');
    passes('<iq><query xmlns="q"/></iq>', '<iq xmlns="jabber:client"><query xmlns="q"/></iq>');
  });
  it('a child in another namespace fails', () => {
    const [x] = fails(
      '<iq><query xmlns="jabber:iq:roster"/></iq>',
      '<iq><query xmlns="jabber:iq:version"/></iq>',
    );
    // The same-named candidate is the best one: the report says what differs about it.
    expect(x).toMatchObject({ kind: 'namespace', path: '/iq/query[1]' });
    const [y] = fails('<iq><query xmlns="jabber:iq:roster"/></iq>', '<iq><other/></iq>');
    expect(y).toMatchObject({ kind: 'missing-child', path: '/iq/query[1]' });
    const direct = match(el('<query xmlns="a"/>'), el('<query xmlns="b"/>'));
    expect(!direct.ok && direct.mismatches[0]).toMatchObject({
      kind: 'namespace',
      path: '/query',
      expected: 'a',
      received: 'b',
      message: "namespace of <query>: expected 'a', got 'b'",
    });
  });
  it('namespaces are inherited: a redundant xmlns on a received child is not an extra attribute', () => {
    passes('<x xmlns="n"><item a="1"/></x>', '<x xmlns="n"><item xmlns="n" a="1"/></x>');
  });
});

describe('M3 mode', () => {
  it('default namespace is non-strict, own namespace strict, scansion:strict overrides and propagates', () => {
    const e = el(
      "<iq><query xmlns='jabber:iq:version' scansion:strict='true'><name>P</name><version scansion:strict='false'><a/></version></query><x xmlns='n'><y/></x><z scansion:strict='true'><w/></z></iq>",
    );
    const modes = strictness(e);
    const q = e.getChild('query')!;
    const x = e.getChild('x')!;
    const z = e.getChild('z')!;
    expect([
      modes.get(e),
      modes.get(q),
      modes.get(q.getChild('name')!),
      modes.get(q.getChild('version')!),
      modes.get(q.getChild('version')!.getChild('a')!),
      modes.get(x),
      modes.get(x.getChild('y')!),
      modes.get(z),
      modes.get(z.getChild('w')!),
    ]).toEqual([false, true, true, false, false, true, true, true, true]);
  });
  it('version.scs: strict <name> compares text; non-strict <version/> ignores the version string', () => {
    const expected =
      "<iq id='lx2' type='result'><query xmlns='jabber:iq:version' scansion:strict='true'><name>Prosody</name><version scansion:strict='false'/></query></iq>";
    passes(
      expected,
      "<iq id='lx2' type='result' from='localhost'><query xmlns='jabber:iq:version'><name>Prosody</name><version>0.12.4</version></query></iq>",
    );
    // Without the override, strictness propagates to <version/>: an extra attribute fails there (its
    // text is not compared: an empty expected element places no constraint on text, M5).
    const [t] = fails(
      "<iq><query xmlns='jabber:iq:version'><name>Prosody</name><version/></query></iq>",
      "<iq><query xmlns='jabber:iq:version'><name>Prosody</name><version extra='1'>0.12.4</version></query></iq>",
    );
    expect(t).toMatchObject({ kind: 'unexpected-attribute', path: '/iq/query[1]/version[1]@extra' });
    // The os element is configured off: an extra child fails in strict mode.
    const [u] = fails(
      expected,
      "<iq id='lx2' type='result'><query xmlns='jabber:iq:version'><name>Prosody</name><version>1</version><os>Linux</os></query></iq>",
    );
    expect(u).toMatchObject({ kind: 'unexpected-child', path: '/iq/query[1]/os[1]' });
  });
  it('scansion:strict is never compared as an attribute', () => {
    passes("<iq><query xmlns='q' scansion:strict='false'/></iq>", "<iq><query xmlns='q' other='1'/></iq>");
  });
});

describe('M4 attributes', () => {
  it('non-strict: extra received attributes are ignored; a missing one fails', () => {
    passes('<presence type="unavailable"/>', '<presence type="unavailable" from="x" id="1"/>');
    const [x] = fails('<presence type="unavailable" from="a"/>', '<presence type="unavailable"/>');
    expect(x).toMatchObject({ kind: 'missing-attribute', path: '/presence@from', expected: 'a' });
    expect(x.message).toBe("attribute from: expected 'a', missing");
  });
  it('a different value fails with the corpus sentence style and the attribute position', () => {
    const expected = parse(
      "[Client] R\n\tjid: r@h\n-----\nR connects\nR receives:\n\t<presence>\n\t\t<x xmlns='http://jabber.org/protocol/muc#user'>\n\t\t\t<item affiliation='owner' role='moderator'/>\n\t\t</x>\n\t</presence>\n",
    ).script.steps[1] as XmlStep;
    const r = match(
      expected.stanzas[0],
      el(
        "<presence><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='owner' role='participant'/></x></presence>",
      ),
      new Map(),
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.mismatches).toEqual([
      {
        kind: 'attribute-value',
        path: '/presence/x[1]/item[1]@role',
        expected: 'moderator',
        received: 'participant',
        message: "attribute role: expected 'moderator', got 'participant'",
        loc: { line: 8, column: 30, endLine: 8, endColumn: 46 },
      },
    ]);
  });
  it('strict: an extra received attribute fails', () => {
    passes("<x xmlns='n' a='1'/>", "<x xmlns='n' a='1'/>");
    const [x] = fails("<x xmlns='n' a='1'/>", "<x xmlns='n' a='1' b='2'/>");
    expect(x).toMatchObject({ kind: 'unexpected-attribute', path: '/x@b', received: '2' });
    expect(x.message).toBe("unexpected attribute b='2' (strict mode)");
  });
  it('{scansion:any} accepts any value but requires presence, in both modes', () => {
    passes("<iq id='{scansion:any}'/>", "<iq id='abc'/>");
    passes("<x xmlns='n' id='{scansion:any}'/>", "<x xmlns='n' id='abc'/>");
    const [x] = fails("<iq id='{scansion:any}'/>", '<iq/>');
    expect(x).toMatchObject({
      kind: 'missing-attribute',
      message: 'attribute id: expected any value, missing',
    });
  });
  it('{scansion:capture:NAME}: first use captures, later uses must be equal; committed only on success', () => {
    const caps = new Map<string, string>();
    expect(m("<iq id='{scansion:capture:q}'/>", "<iq id='abc'/>", caps)).toEqual({ ok: true });
    expect(caps.get('q')).toBe('abc');
    expect(m("<iq id='{scansion:capture:q}'/>", "<iq id='abc'/>", caps)).toEqual({ ok: true });
    const r = m("<iq id='{scansion:capture:q}'/>", "<iq id='xyz'/>", caps);
    expect(!r.ok && r.mismatches[0]).toMatchObject({
      kind: 'capture',
      expected: 'abc',
      received: 'xyz',
      message: "attribute id: expected 'abc' (captured as q), got 'xyz'",
    });
    const fresh = new Map<string, string>();
    expect(m("<iq id='{scansion:capture:z}' type='result'/>", "<iq id='1' type='error'/>", fresh).ok).toBe(
      false,
    );
    expect(fresh.size).toBe(0);
  });
});

describe('M5 text', () => {
  it('non-strict compares expected text (trimmed) and ignores received text when none is expected', () => {
    passes('<message><body>hi</body></message>', '<message><body>hi</body></message>');
    passes('<message><body>\n\t\thi\n\t</body></message>', '<message><body>hi</body></message>');
    passes('<message><body/></message>', '<message><body>anything</body></message>');
    const [x] = fails('<message><body>hi</body></message>', '<message><body>bye</body></message>');
    expect(x).toMatchObject({
      kind: 'text',
      path: '/message/body[1]/text()',
      expected: 'hi',
      received: 'bye',
    });
    expect(x.message).toBe("text: expected 'hi', got 'bye'");
  });
  it('strict: expected text is compared; an empty expected element places no constraint on text', () => {
    passes("<x xmlns='n'><v>1</v></x>", "<x xmlns='n'>\n  <v>1</v>\n</x>");
    // http_upload.scs: <header name='Authorization'></header> in a strict <slot>, Prosody sends a token.
    passes(
      "<iq><slot xmlns='urn:xmpp:http:upload:0'><put url='{scansion:any}'><header name='Authorization'></header></put></slot></iq>",
      "<iq><slot xmlns='urn:xmpp:http:upload:0'><put url='http://u/x'><header name='Authorization'>Bearer abc</header></put></slot></iq>",
    );
    const [x] = fails("<x xmlns='n'><v>1</v></x>", "<x xmlns='n'><v>2</v></x>");
    expect(x.message).toBe("text: expected '1', got '2'");
  });
  it('namespace declarations (xmlns:prefix) are not attributes (pubsub_max_items.scs records xmlns:stream)', () => {
    passes(
      "<presence xmlns:stream='http://etherx.jabber.org/streams' from='a@localhost/r'/>",
      "<presence from='a@localhost/r'><x xmlns='vcard-temp:x:update'/></presence>",
    );
    passes("<x xmlns='n'/>", "<x xmlns='n' xmlns:foo='urn:foo'/>");
  });
});

describe('M6 children, non-strict', () => {
  it('order and extras are ignored', () => {
    passes('<presence><a/><b/></presence>', '<presence><c/><b/><a/></presence>');
  });
  it('each expected child needs its own received child', () => {
    passes('<m><s c="1"/><s c="1"/></m>', '<m><s c="1"/><s c="1"/></m>');
    const [x] = fails('<m><s c="1"/><s c="1"/></m>', '<m><s c="1"/></m>');
    expect(x).toMatchObject({ kind: 'missing-child', path: '/m/s[2]' });
    expect(x.message).toBe("missing child <s c='1'/>");
  });
  it('pairing is a real matching: a greedy first choice cannot starve a later child', () => {
    // <s/> matches either received child; <s c='2'/> only the second. Greedy-first would fail.
    passes("<m><s/><s c='2'/></m>", "<m><s c='2'/><s c='1'/></m>");
    passes("<m><s/><s c='2'/></m>", "<m><s c='1'/><s c='2'/></m>");
  });
  it('an unpaired child is reported against its best candidate, pointing inside it', () => {
    const ms = fails(
      "<presence><x xmlns='n' scansion:strict='false'><item role='moderator' affiliation='owner'/><status code='110'/></x></presence>",
      "<presence><x xmlns='n'><status code='110'/><item role='participant' affiliation='owner'/></x></presence>",
    );
    expect(ms.map((x) => [x.kind, x.path])).toEqual([['attribute-value', '/presence/x[1]/item[1]@role']]);
  });
  it('muc_whois_anyone_member.scs pattern: scansion:strict=false lets status codes come in any order', () => {
    const expected =
      "<presence from='r@c/Romeo'><x xmlns='http://jabber.org/protocol/muc#user' scansion:strict='false'><item affiliation='owner' jid='romeo@localhost/res' role='moderator'/><status code='110'/><status code='201'/></x></presence>";
    const received =
      "<presence from='r@c/Romeo' xmlns='jabber:client'><x xmlns='http://jabber.org/protocol/muc#user'><status code='201'/><item jid='romeo@localhost/res' affiliation='owner' role='moderator'/><status code='110'/></x></presence>";
    passes(expected, received);
    // The same expected block without the override is strict (own namespace): order matters.
    const [x] = fails(expected.replace(" scansion:strict='false'", ''), received);
    expect(x).toMatchObject({ kind: 'order', path: '/presence/x[1]' });
  });
});

describe('M7 children, strict', () => {
  const expected = "<x xmlns='n'><status code='201'/><item role='moderator'/><status code='110'/></x>";
  it('same children in the same order pass', () => {
    passes(expected, "<x xmlns='n'><status code='201'/><item role='moderator'/><status code='110'/></x>");
  });
  it('reordered children fail with one order mismatch', () => {
    const ms = fails(
      expected,
      "<x xmlns='n'><item role='moderator'/><status code='201'/><status code='110'/></x>",
    );
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({
      kind: 'order',
      path: '/x',
      expected: 'status, item, status',
      received: 'item, status, status',
    });
  });
  it('a missing child fails', () => {
    const ms = fails(expected, "<x xmlns='n'><status code='201'/><item role='moderator'/></x>");
    expect(ms.map((x) => [x.kind, x.path])).toEqual([['missing-child', '/x/status[2]']]);
  });
  it('an extra child fails', () => {
    const ms = fails(
      expected,
      "<x xmlns='n'><status code='201'/><item role='moderator'/><status code='110'/><status code='100'/></x>",
    );
    expect(ms.map((x) => [x.kind, x.path])).toEqual([['unexpected-child', '/x/status[3]']]);
    expect(ms[0].message).toBe("unexpected child <status code='100'/> (strict mode)");
  });
  it('a changed child is reported inside it', () => {
    const ms = fails(
      expected,
      "<x xmlns='n'><status code='201'/><item role='visitor'/><status code='110'/></x>",
    );
    expect(ms.map((x) => [x.kind, x.path, x.message])).toEqual([
      ['attribute-value', '/x/item[1]@role', "attribute role: expected 'moderator', got 'visitor'"],
    ]);
  });
});

describe('robustness', () => {
  it('never throws, even on hand-built elements with odd attribute values', () => {
    const a = new Element('a', { x: undefined, y: '1' });
    const b = new Element('a', { y: '1' });
    expect(match(a, b, new Map())).toEqual({ ok: true });
  });
});

describe('M6 reporting: the best candidate is in the expected namespace', () => {
  it('a wrong role in the muc#user <x> is reported there, not as a namespace clash with vcard <x>', () => {
    const [m] = fails(
      "<presence><x xmlns='http://jabber.org/protocol/muc#user'><item role='visitor'/></x></presence>",
      "<presence><x xmlns='vcard-temp:x:update'><photo/></x><x xmlns='http://jabber.org/protocol/muc#user'><item role='moderator'/></x></presence>",
    );
    expect(m).toMatchObject({ kind: 'attribute-value', expected: 'visitor', received: 'moderator' });
  });
});
