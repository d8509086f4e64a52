// Hostile and degenerate scripts: line endings, empty files, deep nesting, attribute names that are
// JavaScript object members, and client headers that a server would refuse. Each gets a clear, located
// diagnostic (or the right stanza), never a crash.
import { Element } from 'ltx';
import { describe, expect, it } from 'vitest';
import { expand, MAX_XML_DEPTH, parse, serialize } from './index';
import type { XmlStep } from './index';

const SCRIPT = [
  '# A title',
  '[Client] Romeo',
  '\tjid: romeo@localhost',
  '\tpassword: pw',
  '-----',
  'Romeo connects',
  'Romeo sends:',
  "\t<presence to='room@conference.localhost/Romeo'>",
  "\t\t<x xmlns='http://jabber.org/protocol/muc'/>",
  '\t</presence>',
  'Romeo disconnects',
  '',
].join('\n');

const header = '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: pw\n-----\nRomeo connects\n';

function nested(depth: number): string {
  return '<a>'.repeat(depth) + '</a>'.repeat(depth);
}

describe('line endings: one normalisation for every caller', () => {
  it('reads LF, CRLF and CR-only files the same way, positions included', () => {
    const lf = parse(SCRIPT);
    expect(lf.script.steps.map((s) => s.action)).toEqual(['connects', 'sends', 'disconnects']);
    for (const eol of ['\r\n', '\r']) {
      const other = parse(SCRIPT.replace(/\n/g, eol));
      expect(other.diagnostics).toEqual(lf.diagnostics);
      expect(other.script.steps.map((s) => [s.action, s.range])).toEqual(
        lf.script.steps.map((s) => [s.action, s.range]),
      );
      expect((other.script.steps[1] as XmlStep).xml).toBe((lf.script.steps[1] as XmlStep).xml);
    }
  });
});

describe('a script with no steps is an error, not a pass', () => {
  it.each([
    ['an empty file', ''],
    ['only blank lines', '\n\n  \n'],
    ['only comments', '# title\n## tag\n// note\n-- Romeo connects\n'],
    ['a header and no steps', '[Client] Romeo\n\tjid: r@localhost\n\tpassword: pw\n-----\n'],
    ['a CR-only file that is all comments', '# title\r-- Romeo connects\r'],
  ])('%s', (_name, text) => {
    const d = parse(text).diagnostics.filter((x) => x.code === 'no-steps');
    expect(d).toHaveLength(1);
    expect(d[0].severity).toBe('error');
    expect(d[0].line).toBeGreaterThanOrEqual(1);
  });
});

describe('deep nesting', () => {
  it(`accepts ${MAX_XML_DEPTH} levels`, () => {
    const { diagnostics, script } = parse(header + 'Romeo sends:\n\t' + nested(MAX_XML_DEPTH) + '\n');
    expect(diagnostics).toEqual([]);
    expect((script.steps[1] as XmlStep).stanzas).toHaveLength(1);
  });

  it.each([MAX_XML_DEPTH + 1, 700, 100_000])('%i levels: a located xml-too-deep error', (depth) => {
    const { diagnostics } = parse(header + 'Romeo sends:\n\t<message>' + nested(depth) + '</message>\n');
    expect(diagnostics.map((d) => d.code)).toEqual(['xml-too-deep']);
    const d = diagnostics[0];
    expect(d.severity).toBe('error');
    expect(d.message).toContain(`deeper than ${MAX_XML_DEPTH} levels`);
    // The opening '<' of the first element past the limit (the block starts at column 2, after a tab).
    expect([d.line, d.column]).toEqual([7, 2 + '<message>'.length + 3 * (MAX_XML_DEPTH - 1)]);
  });

  it('the next block after a too-deep one parses normally', () => {
    const text = header + 'Romeo sends:\n\t' + nested(MAX_XML_DEPTH + 5) + '\nRomeo sends:\n\t<presence/>\n';
    const { diagnostics, script } = parse(text);
    expect(diagnostics.map((d) => d.code)).toEqual(['xml-too-deep']);
    expect(serialize((script.steps[2] as XmlStep).stanzas[0])).toBe('<presence/>');
  });

  it('serialize and expand walk 20,000 levels without recursion', () => {
    const root = new Element('a', { id: '${x}' });
    let el = root;
    for (let i = 0; i < 20_000; i++) el = el.c('a', { n: String(i) });
    el.t('deep & ${x}');
    const compact = serialize(root);
    expect(compact.startsWith('<a id="${x}"><a n="0"><a n="1">')).toBe(true);
    expect(compact.endsWith('deep &amp; ${x}' + '</a>'.repeat(20_001))).toBe(true);
    expect(serialize(root, { pretty: true }).split('\n').length).toBe(2 * 20_001 - 1);
    const { element } = expand(root, { x: 'X' });
    expect(element.attrs.id).toBe('X');
    expect(serialize(element).endsWith('deep &amp; X' + '</a>'.repeat(20_001))).toBe(true);
  });

  it('compact serialize is what ltx writes', () => {
    const text =
      header +
      "Romeo sends:\n\t<message to='a&amp;b' type='chat'>\n\t\t<body>x &lt; y</body>\n\t\t<thread/>\n\t</message>\n";
    const el = (parse(text).script.steps[1] as XmlStep).stanzas[0];
    expect(serialize(el)).toBe(el.toString());
    expect(serialize(el, { pretty: true })).toBe(
      '<message to="a&amp;b" type="chat">\n  <body>x &lt; y</body>\n  <thread/>\n</message>',
    );
  });
});

describe('attribute names that are JavaScript object members are ordinary names', () => {
  const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
  const attrs = names.map((n, i) => `${n}='v${i}'`).join(' ');

  it.each(['sends', 'receives'])('kept in %s stanzas, in serialize and in expand', (verb) => {
    const { diagnostics, script } = parse(header + `Romeo ${verb}:\n\t<message ${attrs}/>\n`);
    expect(diagnostics).toEqual([]);
    const el = (script.steps[1] as XmlStep).stanzas[0];
    expect(Object.keys(el.attrs)).toEqual(names);
    names.forEach((n, i) =>
      expect(Object.prototype.hasOwnProperty.call(el.attrs, n) && el.attrs[n]).toBe(`v${i}`),
    );
    expect(serialize(el)).toBe(`<message ${names.map((n, i) => `${n}="v${i}"`).join(' ')}/>`);
    const copy = expand(el, {}).element;
    expect(Object.keys(copy.attrs)).toEqual(names);
    expect(copy.attrs.__proto__).toBe('v0');
  });

  it('an element without such attributes does not seem to have them', () => {
    const el = (parse(header + 'Romeo sends:\n\t<message/>\n').script.steps[1] as XmlStep).stanzas[0];
    expect('constructor' in el.attrs).toBe(false);
    expect('toString' in el.attrs).toBe(false);
  });
});

describe('client headers a server would refuse are caught by check', () => {
  it('a missing or empty password is a warning on the client name', () => {
    for (const pw of ['', '\tpassword:\n', '\tpassword:   \n']) {
      const text = `[Client] Romeo\n\tjid: romeo@localhost\n${pw}-----\nRomeo connects\n`;
      const d = parse(text).diagnostics;
      expect(d.map((x) => [x.code, x.severity, x.line, x.column])).toEqual([
        ['client-without-password', 'warning', 1, 10],
      ]);
      expect(d[0].message).toContain("client 'Romeo' has no password");
    }
  });

  it('a control character in a client name is a located error', () => {
    const text = '[Client] Ro\tmeo\n\tjid: romeo@localhost\n\tpassword: pw\n-----\nRo\tmeo connects\n';
    const d = parse(text).diagnostics.filter((x) => x.severity === 'error');
    expect(d.map((x) => [x.code, x.line, x.column, x.endColumn])).toEqual([
      ['client-name-control', 1, 12, 13],
    ]);
    expect(d[0].message).toContain('a tab');
    const esc = parse('[Client] R\u001b[31m\n\tjid: r@l\n\tpassword: p\n-----\n').diagnostics;
    expect(esc.find((x) => x.code === 'client-name-control')?.message).toContain('U+001B');
  });
});
