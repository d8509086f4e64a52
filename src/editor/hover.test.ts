import { describe, expect, it } from 'vitest';
import { codeSpan, hoverAt, mdText } from './hover';
import { splitLines } from './scriptText';
import { SAMPLE } from './testScript';

const lines = splitLines(SAMPLE);
const col = (line: number, needle: string) => lines[line - 1].indexOf(needle) + 1;

describe('hoverAt', () => {
  it("shows a variable's value in the current run", () => {
    const c = col(22, '${');
    const h = hoverAt(SAMPLE, 22, c + 3, {
      variables: { "Romeo's full JID": 'romeo@localhost/abc' },
      runStarted: true,
    });
    expect(h).not.toBeNull();
    expect(h!.contents[0]).toBe("**`${Romeo's full JID}`** = `romeo@localhost/abc`");
    expect(h!.from).toBe(c);
    expect(h!.to).toBe(c + "${Romeo's full JID}".length);
  });
  it('explains a known client variable without a value yet', () => {
    const h = hoverAt(SAMPLE, 22, col(22, '${') + 1, { variables: {} });
    expect(h!.contents.join(' ')).toMatch(/full JID of Romeo/);
    expect(h!.contents.join(' ')).toMatch(/run the script/);
  });
  it('says when the client is not declared', () => {
    const text = "[Client] A\n-----\nA sends:\n\t<m to='${Bob's JID}'/>";
    const h = hoverAt(text, 4, 12, { variables: {} });
    expect(h!.contents[0]).toMatch(/no client named `Bob`/);
  });
  it('explains {scansion:any}', () => {
    const h = hoverAt(SAMPLE, 22, col(22, '{scansion') + 2, { variables: {} });
    expect(h!.contents[0]).toMatch(/must be present, with any value/);
  });
  it('explains a MUC status code', () => {
    const c = col(24, '110');
    const h = hoverAt(SAMPLE, 24, c + 1, { variables: {} });
    expect(h!.contents[0]).toMatch(/^\*\*MUC status 110\*\*: Self-presence/);
    expect(h!.from).toBe(c);
    expect(h!.to).toBe(c + 3);
  });
  it('says when a status code is not in the XEP', () => {
    const text = "[Client] A\n-----\nA receives:\n\t<x><status code='999'/></x>";
    const h = hoverAt(text, 4, text.split('\n')[3].indexOf('999') + 1, { variables: {} });
    expect(h!.contents[0]).toMatch(/not a status code/);
  });
  it('describes the client at the start of an action line', () => {
    const h = hoverAt(SAMPLE, 13, 3, {
      variables: { "Romeo's full JID": 'romeo@localhost/r1' },
    });
    expect(h).toEqual({
      contents: [
        '**Romeo**: logs in as `romeo@localhost`',
        'Full JID in the current run: `romeo@localhost/r1`',
      ],
      from: 1,
      to: 6,
    });
    const undeclared = hoverAt('-----\nMercutio connects', 2, 2, { variables: {} });
    expect(undeclared!.contents[0]).toMatch(/not declared/);
  });
  it('returns null elsewhere', () => {
    expect(hoverAt(SAMPLE, 13, 8, { variables: {} })).toBeNull();
    expect(hoverAt(SAMPLE, 5, 3, { variables: {} })).toBeNull();
    expect(hoverAt(SAMPLE, 999, 1, { variables: {} })).toBeNull();
  });
  it('puts values with backticks in a safe code span', () => {
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x')).toBe('`` `x ``');
  });
});

describe('hover: Markdown in client names stays text', () => {
  const NAME = '[click](https://evil.example/) **bold** <b>x</b>';
  const text = `[Client] ${NAME}\n\tjid: a@localhost\n\tpassword: p\n-----\n${NAME} connects\n${NAME} sends:\n\t<presence to="\${${NAME}'s JID}"/>\n`;
  it('escapes the name in the client hover and in the variable hover', () => {
    const client = hoverAt(text, 5, 2, { variables: {} });
    const variable = hoverAt(text, 7, 20, { variables: {}, clients: [NAME] });
    for (const h of [client, variable]) {
      expect(h).not.toBeNull();
      const md = h!.contents.join('\n');
      // Outside code spans, no unescaped link, emphasis or tag syntax is left.
      const outside = md.replace(/(`+)[^`]*?\1/g, '');
      expect(outside).not.toMatch(/(^|[^\\])\[click\]\(/);
      expect(outside).not.toMatch(/(^|[^\\])\*\*bold/);
      expect(outside).not.toMatch(/(^|[^\\])<b>/);
      expect(outside).toContain('\\[click\\]\\(https\\:');
    }
  });
  it('mdText keeps the visible characters', () => {
    expect(mdText('a_b*c').replace(/\\(.)/g, '$1')).toBe('a_b*c');
  });
});
