// Positioned XML, variables, expand and serialize.
import { describe, expect, it } from 'vitest';
import { Element } from 'ltx';
import { expand, findVariables, jidVariable, locOf, parseVariableName, parseXml, serialize } from './index';

describe('parseXml', () => {
  it('builds ltx elements with element, name, attribute and text positions', () => {
    const text = '<message to=\'a\'>\n  <body>hi &amp; bye</body>\n  <x xmlns="n"/>\n</message>';
    const { elements, diagnostics } = parseXml(text);
    expect(diagnostics).toEqual([]);
    const [m] = elements;
    expect(m).toBeInstanceOf(Element);
    expect(m.toString()).toBe('<message to="a"><body>hi &amp; bye</body><x xmlns="n"/></message>');
    expect(locOf(m)).toMatchObject({
      range: { line: 1, column: 1, endLine: 4, endColumn: 11 },
      nameRange: { line: 1, column: 2, endLine: 1, endColumn: 9 },
      attrs: { to: { line: 1, column: 10, endLine: 1, endColumn: 16 } },
    });
    const body = m.getChild('body')!;
    expect(body.getText()).toBe('hi & bye');
    expect(locOf(body)!.text).toEqual({ 0: { line: 2, column: 9, endLine: 2, endColumn: 21 } });
    expect(locOf(m.getChild('x')!)!.range).toEqual({ line: 3, column: 3, endLine: 3, endColumn: 17 });
  });

  it('keeps several top-level elements and drops whitespace-only text', () => {
    const { elements } = parseXml('<a/>\n\n<b>\n</b>');
    expect(elements.map((e) => e.toString())).toEqual(['<a/>', '<b/>']);
  });

  it('accepts the undeclared scansion: prefix (namespaces off)', () => {
    const { elements, diagnostics } = parseXml("<q xmlns='x' scansion:strict='false'/>");
    expect(diagnostics).toEqual([]);
    expect(elements[0].attrs['scansion:strict']).toBe('false');
  });

  it('reports one located error per block, not a cascade', () => {
    const { diagnostics } = parseXml('<a b=c d=e f=g/>');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'xml-malformed',
      message: 'XML: unquoted attribute value',
      line: 1,
      column: 6,
    });
  });

  it('undefined entities are errors', () => {
    const { diagnostics } = parseXml('<a>&nbsp;</a>');
    expect(diagnostics[0]).toMatchObject({
      code: 'xml-malformed',
      message: 'XML: undefined entity',
      line: 1,
    });
  });
});

describe('variables', () => {
  it('names the JID variables', () => {
    expect(jidVariable('Romeo', 'JID')).toBe("Romeo's JID");
    expect(jidVariable("Juliet's phone", 'full JID')).toBe("Juliet's phone's full JID");
  });
  it("splits names containing 's from the end", () => {
    expect(parseVariableName("Juliet's phone's full JID")).toEqual({
      client: "Juliet's phone",
      kind: 'full JID',
    });
    expect(parseVariableName("Juliet's phone's JID")).toEqual({ client: "Juliet's phone", kind: 'JID' });
    expect(parseVariableName('Romeo')).toBeUndefined();
    expect(parseVariableName("'s JID")).toBeUndefined();
  });
  it('finds references without crossing lines', () => {
    expect(findVariables("a ${Romeo's JID} b ${x\n} ${y}").map((v) => [v.name, v.start, v.end])).toEqual([
      ["Romeo's JID", 2, 16],
      ['y', 25, 29],
    ]);
  });
  it('expand substitutes attributes and text in a deep clone, lists unknown names, keeps positions', () => {
    const { elements } = parseXml(
      "<message to=\"${Romeo's full JID}\"><body>to ${Romeo's JID} from ${Nobody's JID}</body></message>",
    );
    const original = elements[0];
    const { element, unknown } = expand(original, {
      "Romeo's full JID": 'romeo@localhost/r',
      "Romeo's JID": 'romeo@localhost',
    });
    expect(element.toString()).toBe(
      '<message to="romeo@localhost/r"><body>to romeo@localhost from ${Nobody\'s JID}</body></message>',
    );
    expect(unknown).toEqual(["Nobody's JID"]);
    expect(original.attrs.to).toBe("${Romeo's full JID}");
    expect(element).not.toBe(original);
    expect(locOf(element)).toBe(locOf(original));
    expect(locOf(element.getChild('body')!)).toBe(locOf(original.getChild('body')!));
  });
});

describe('serialize', () => {
  const el = parseXml(
    "<iq type='result'><query xmlns='q'><item a='&quot;'/><name>P &lt; Q</name></query></iq>",
  ).elements[0];
  it('compact is the wire form', () => {
    expect(serialize(el)).toBe(
      '<iq type="result"><query xmlns="q"><item a="&quot;"/><name>P &lt; Q</name></query></iq>',
    );
  });
  it('pretty indents children and keeps text-only elements on one line', () => {
    expect(serialize(el, { pretty: true })).toBe(
      '<iq type="result">\n  <query xmlns="q">\n    <item a="&quot;"/>\n    <name>P &lt; Q</name>\n  </query>\n</iq>',
    );
  });
});
