// One test per diagnostic kind: code, severity, message and exact position (1-based, end exclusive).
import { describe, expect, it } from 'vitest';
import { parse } from './index';
import type { Diagnostic } from './index';

const HEADER = '# Test\n[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: pw\n\n-----\n\nRomeo connects\n';
// HEADER is 8 lines; the first body line written after it is line 9.

function diags(text: string): Diagnostic[] {
  return parse(text).diagnostics;
}
function only(text: string, code: string): Diagnostic {
  const found = diags(text).filter((d) => d.code === code);
  expect(found, JSON.stringify(diags(text))).toHaveLength(1);
  return found[0];
}
function at(d: Diagnostic): [number, number, number, number] {
  return [d.line, d.column, d.endLine, d.endColumn];
}

describe('diagnostics', () => {
  it('a clean script has none', () => {
    expect(diags(HEADER + 'Romeo sends:\n\t<presence/>\nRomeo receives:\n\t<presence/>\n')).toEqual([]);
  });

  it('xml-malformed: mismatched closing tag, mapped from inside the block to the file', () => {
    const d = only(HEADER + 'Romeo sends:\n\t<presence>\n\t\t<x></y>\n\t</presence>\n', 'xml-malformed');
    expect(d.severity).toBe('error');
    expect(d.message).toBe('XML: unexpected close tag');
    // Line 11 is "\t\t<x></y>": the error is reported at the '>' closing </y> (column 9).
    expect(at(d)).toEqual([11, 9, 11, 10]);
  });

  it('xml-malformed: unclosed tag points at the open tag name', () => {
    const d = only(HEADER + 'Romeo sends:\n\t<presence>\n\t\t<x/>\n', 'xml-malformed');
    expect(d.message).toBe('XML: unclosed tag: presence (no closing tag)');
    expect(at(d)).toEqual([10, 3, 10, 11]);
  });

  it('xml-malformed: columns count tabs as one character each', () => {
    const d = only(HEADER + 'Romeo sends:\n\t\t\t<a b=c/>\n', 'xml-malformed');
    expect(d.message).toBe('XML: unquoted attribute value');
    expect(at(d)).toEqual([10, 9, 10, 10]);
  });

  it('xml-text-outside: text beside the stanza', () => {
    const d = only(HEADER + 'Romeo sends:\n\t<presence/> oops\n', 'xml-text-outside');
    expect(d.message).toBe("text outside of any element: 'oops'");
    expect(at(d)).toEqual([10, 14, 10, 18]);
  });

  it('undeclared-client', () => {
    const d = only(HEADER + 'Mercutio connects\n', 'undeclared-client');
    expect(d.severity).toBe('error');
    expect(d.message).toBe(
      "client 'Mercutio' is not declared (add '[Client] Mercutio' with a jid to the header)",
    );
    expect(at(d)).toEqual([9, 1, 9, 9]);
  });

  it('unknown-action', () => {
    const d = only(HEADER + 'Romeo dances\n', 'unknown-action');
    expect(d.message).toBe(
      "unknown action 'dances' (expected connects, sends, receives, receives: nothing or disconnects)",
    );
    expect(at(d)).toEqual([9, 7, 9, 13]);
  });

  it('unknown-action: a line that is no step at all', () => {
    const d = only(HEADER + 'hello world\n', 'unknown-action');
    expect(d.message).toMatch(/^cannot read this line as a step/);
    expect(at(d)).toEqual([9, 1, 9, 12]);
  });

  it('missing-xml', () => {
    const d = only(HEADER + 'Romeo sends:\nRomeo disconnects\n', 'missing-xml');
    expect(d.message).toBe("'sends' needs an XML stanza: put it on the following lines, indented");
    expect(at(d)).toEqual([9, 1, 9, 13]);
  });

  it('missing-xml: a block holding only an XML comment', () => {
    const d = only(HEADER + 'Romeo receives:\n\t<!-- nothing -->\n', 'missing-xml');
    expect(d.message).toBe("'receives' needs an XML stanza, but the block holds no element");
    expect(at(d)).toEqual([10, 2, 10, 18]);
  });

  it('unexpected-xml: XML after an action that takes none', () => {
    const d = only(HEADER + 'Romeo disconnects\n\t<presence/>\n', 'unexpected-xml');
    expect(d.message).toBe("'disconnects' takes no XML block");
    expect(at(d)).toEqual([10, 2, 10, 13]);
    const n = only(HEADER + 'Romeo receives: nothing\n\t<presence/>\n', 'unexpected-xml');
    expect(n.message).toBe("'receives: nothing' takes no XML block");
  });

  it('trailing-text after connects', () => {
    const d = only(HEADER + 'Romeo disconnects now\n', 'trailing-text');
    expect(d.message).toBe("unexpected text after 'disconnects': 'now'");
    expect(at(d)).toEqual([9, 19, 9, 22]);
  });

  it('duplicate-client', () => {
    const text = '[Client] Romeo\n\tjid: a@localhost\n[Client] Romeo\n\tjid: b@localhost\n-----\n';
    const d = only(text, 'duplicate-client');
    expect(d.message).toBe("client 'Romeo' is already declared on line 1");
    expect(at(d)).toEqual([3, 10, 3, 15]);
    expect(parse(text).script.clients).toHaveLength(1);
  });

  it('client-without-jid', () => {
    const d = only("[Client] Juliet's phone\n\tpassword: x\n-----\n", 'client-without-jid');
    expect(d.message).toBe("client 'Juliet's phone' has no jid: add an indented 'jid: user@localhost' line");
    expect(at(d)).toEqual([1, 10, 1, 24]);
  });

  it('step-before-separator', () => {
    const d = only('[Client] Romeo\n\tjid: a@localhost\nRomeo connects\n-----\n', 'step-before-separator');
    expect(d.message).toBe('step before the ----- separator: steps belong after the header');
    expect(at(d)).toEqual([3, 1, 3, 15]);
    const none = only('[Client] Romeo\n\tjid: a@localhost\nRomeo connects\n', 'step-before-separator');
    expect(none.message).toMatch(/^step without a header separator/);
  });

  it('unknown-variable', () => {
    const d = only(HEADER + "Romeo sends:\n\t<message to='${Romeo}'/>\n", 'unknown-variable');
    expect(d.message).toBe(
      "unknown variable '${Romeo}' (known: ${<client>'s JID} and ${<client>'s full JID})",
    );
    expect(at(d)).toEqual([10, 15, 10, 23]);
  });

  it('undeclared-variable-client', () => {
    const d = only(
      HEADER + 'Romeo sends:\n\t<message to="${Tybalt\'s JID}"/>\n',
      'undeclared-variable-client',
    );
    expect(d.message).toBe("variable '${Tybalt's JID}' names an undeclared client 'Tybalt'");
    expect(at(d)).toEqual([10, 15, 10, 30]);
  });

  it('variable-before-connect (warning): a full JID is bound at connects', () => {
    const text =
      '[Client] Romeo\n\tjid: r@localhost\n[Client] Juliet\n\tjid: j@localhost\n-----\nRomeo connects\nRomeo sends:\n\t<message to="${Juliet\'s full JID}"/>\n';
    const d = only(text, 'variable-before-connect');
    expect(d.severity).toBe('warning');
    expect(d.message).toBe("'${Juliet's full JID}' has no value yet: Juliet has not connected at this point");
    expect(at(d)).toEqual([8, 15, 8, 35]);
  });

  it('multiple-stanzas is a warning, and both stanzas are kept', () => {
    const text = HEADER + 'Romeo sends:\n\t<presence/>\n\n\t<message/>\n';
    const d = only(text, 'multiple-stanzas');
    expect(d.severity).toBe('warning');
    expect(d.message).toBe(
      'this block holds 2 stanzas; they are sent one after another (scansion accepts this, but one stanza per step is clearer)',
    );
    expect(at(d)).toEqual([10, 2, 12, 12]);
    expect(diags(text).filter((x) => x.severity === 'error')).toEqual([]);
    const step = parse(text).script.steps[1];
    expect(step.action === 'sends' && step.stanzas.map((s) => s.name)).toEqual(['presence', 'message']);
  });

  it('not-connected (warning)', () => {
    const d = only(HEADER + 'Romeo disconnects\nRomeo sends:\n\t<presence/>\n', 'not-connected');
    expect(d.severity).toBe('warning');
    expect(d.message).toBe("'Romeo' has disconnected: add 'Romeo connects' before this step");
    expect(at(d)).toEqual([10, 1, 10, 13]);
  });

  it('already-connected (warning)', () => {
    const d = only(HEADER + 'Romeo connects\n', 'already-connected');
    expect(d.message).toBe("'Romeo' is already connected");
    expect(at(d)).toEqual([9, 1, 9, 15]);
  });

  it('unexpected-line in the header', () => {
    const d = only('just words\n[Client] Romeo\n\tjid: a@b\n-----\n', 'unexpected-line');
    expect(d.message).toBe(
      'unexpected line in the header: expected a [Client] declaration, a comment or the ----- separator',
    );
    expect(at(d)).toEqual([1, 1, 1, 11]);
  });

  it('unexpected-indent: indented text that no step owns', () => {
    const d = only(HEADER + '# note\n\t<presence/>\n', 'unexpected-indent');
    expect(d.message).toBe(
      'indented text outside any step: an XML block must directly follow a sends:/receives: line',
    );
    expect(at(d)).toEqual([10, 2, 10, 13]);
  });

  it('client-after-separator', () => {
    const d = only(HEADER + '[Client] Juliet\n\tjid: j@localhost\n', 'client-after-separator');
    expect(d.message).toBe('client declarations belong in the header, before the ----- separator');
    expect(at(d)).toEqual([9, 1, 9, 16]);
  });

  it('client-syntax', () => {
    const d = only('[Client Romeo\n-----\n', 'client-syntax');
    expect(d.message).toBe("a client declaration looks like '[Client] Name': missing ']'");
    expect(at(d)).toEqual([1, 1, 1, 14]);
  });

  it('client-property: not key: value, and a bad port', () => {
    const d = only('[Client] Romeo\n\tjid: a@b\n\tnonsense\n-----\n', 'client-property');
    expect(d.message).toBe("expected a 'key: value' property of client 'Romeo'");
    expect(at(d)).toEqual([3, 2, 3, 10]);
    const p = only('[Client] Romeo\n\tjid: a@b\n\tconnect_port: http\n-----\n', 'client-property');
    expect(p.message).toBe("connect_port must be a port number (1-65535), got 'http'");
  });

  it('unknown-property is an info and the value is kept', () => {
    const text = '[Client] Romeo\n\tjid: a@b\n\tcolour: red\n-----\n';
    const d = only(text, 'unknown-property');
    expect(d.severity).toBe('info');
    expect(at(d)).toEqual([3, 2, 3, 8]);
    expect(parse(text).script.clients[0].properties).toEqual({ jid: 'a@b', colour: 'red' });
  });

  it('unknown-class (warning)', () => {
    const d = only('[Bot] Romeo\n\tjid: a@b\n-----\n', 'unknown-class');
    expect(d.message).toBe(
      "unknown character class '[Bot]': only [Client] is known; it is treated as a client",
    );
    expect(at(d)).toEqual([1, 1, 1, 6]);
  });

  it('duplicate-separator (warning)', () => {
    const d = only(HEADER + '-----\n', 'duplicate-separator');
    expect(at(d)).toEqual([9, 1, 9, 6]);
  });

  it('strict-value', () => {
    const d = only(
      HEADER + "Romeo receives:\n\t<iq><query xmlns='x' scansion:strict='yes'/></iq>\n",
      'strict-value',
    );
    expect(d.message).toBe("scansion:strict must be 'true' or 'false', got 'yes'");
    expect(at(d)).toEqual([10, 23, 10, 44]);
  });

  it('unknown-special-value (warning)', () => {
    const d = only(HEADER + "Romeo receives:\n\t<iq id='{scansion:some}'/>\n", 'unknown-special-value');
    expect(d.message).toBe(
      "unknown special value '{scansion:some}' (known: {scansion:any}, {scansion:capture:NAME}); it is compared as written",
    );
    expect(at(d)).toEqual([10, 6, 10, 26]);
  });

  it('matcher-instruction-in-sends (info)', () => {
    const d = only(HEADER + "Romeo sends:\n\t<iq id='{scansion:any}'/>\n", 'matcher-instruction-in-sends');
    expect(d.severity).toBe('info');
  });
});

describe('parser details', () => {
  it('reads names with spaces and "\'s", optional colons, receives: nothing and inline XML', () => {
    const text =
      "[Client] Juliet's phone\n\tjid: j@localhost\n\tpassword: pw\n\tresource: phone\n\tconnect_host: 127.0.0.1\n\tconnect_port: 5222\n-----\nJuliet's phone connects\nJuliet's phone sends <presence/>\nJuliet's phone receives nothing\nJuliet's phone receives: nothing\nJuliet's phone disconnects\n";
    const { script, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(script.clients[0]).toMatchObject({
      name: "Juliet's phone",
      jid: 'j@localhost',
      resource: 'phone',
      connectHost: '127.0.0.1',
      connectPort: 5222,
    });
    expect(script.steps.map((s) => s.action)).toEqual([
      'connects',
      'sends',
      'receives-nothing',
      'receives-nothing',
      'disconnects',
    ]);
    const s = script.steps[1];
    expect(s.action === 'sends' && [s.xml, s.xmlRange]).toEqual([
      '<presence/>',
      { line: 9, column: 22, endLine: 9, endColumn: 33 },
    ]);
  });

  it('reads comments of every kind as no step; tags; sections; blank lines inside a block', () => {
    const text =
      '# Title\n# more\n## slow\n[Client] A\n\tjid: a@b\n\tpassword: pw\n-----\n// vim: x\nA connects\n# Section one\nA sends:\n\t<message>\n\n\t\t<body>hi</body>\n\t</message>\n-- A sends:\n--\nA disconnects\n';
    const { script, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    expect(script.metadata).toEqual({ title: 'Title', description: ['more'], tags: ['slow'] });
    expect(script.steps.map((s) => s.action)).toEqual(['connects', 'sends', 'disconnects']);
    expect(script.steps.map((s) => s.section)).toEqual([undefined, 'Section one', 'Section one']);
    const send = script.steps[1];
    expect(send.action === 'sends' && send.stanzas[0].getChildText('body')).toBe('hi');
    // The block as written, common indentation removed, the blank line inside kept empty.
    expect(send.action === 'sends' && send.xml).toBe('<message>\n\n\t<body>hi</body>\n</message>');
    expect(send.range).toEqual({ line: 11, column: 1, endLine: 15, endColumn: 12 });
  });

  it('a comment between property lines does not end the client declaration', () => {
    const { script, diagnostics } = parse(
      '[Client] A\n\tjid: a@b\n# the password\n\tpassword: pw\n-----\nA connects\n',
    );
    expect(diagnostics).toEqual([]);
    expect(script.clients[0]).toMatchObject({ jid: 'a@b', password: 'pw' });
    expect(script.clients[0].range).toEqual({ line: 1, column: 1, endLine: 4, endColumn: 14 });
  });

  it('accepts CRLF line endings and spaces for indentation', () => {
    const text =
      '[Client] A\r\n  jid: a@b\r\n  password: pw\r\n-----\r\nA connects\r\nA sends:\r\n    <presence>\r\n      <show>away</show>\r\n    </presence>\r\n';
    const { script, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    const s = script.steps[1];
    expect(s.action === 'sends' && s.stanzas[0].toString()).toBe('<presence><show>away</show></presence>');
    expect(s.action === 'sends' && s.xmlRange).toEqual({ line: 7, column: 5, endLine: 9, endColumn: 16 });
  });

  it('never throws on odd input', () => {
    for (const t of [
      '',
      '\n',
      '\uFEFF',
      '[',
      '-----',
      '\t<a',
      'A sends:\n\t<',
      '${',
      '[Client] A\n\tjid: ${x}',
    ]) {
      expect(() => parse(t)).not.toThrow();
    }
    // Non-string input from JavaScript callers is coerced, not thrown on.
    expect(() => parse(undefined as unknown as string)).not.toThrow();
  });
});
