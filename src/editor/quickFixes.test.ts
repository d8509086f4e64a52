import { describe, expect, it } from 'vitest';
import { parse } from '../scansion';
import { RELAX_STRICT_CODE, failuresToMarkers } from './marks';
import { relaxStrictFix } from './quickFixes';

function apply(line: string, fix: NonNullable<ReturnType<typeof relaxStrictFix>>): string {
  return line.slice(0, fix.edit.startColumn - 1) + fix.edit.text + line.slice(fix.edit.endColumn - 1);
}

describe('relax strict quick fix', () => {
  const line = `\t\t<x xmlns='http://jabber.org/protocol/muc#user'>`;
  const marker = { code: RELAX_STRICT_CODE, startLineNumber: 7, startColumn: 4, endColumn: 5 };
  it("adds scansion:strict='false' after the element name, in the tag's quote style", () => {
    const fix = relaxStrictFix(line, marker)!;
    expect(fix.title).toBe("Add scansion:strict='false' to <x>");
    expect(apply(line, fix)).toBe(
      `\t\t<x scansion:strict='false' xmlns='http://jabber.org/protocol/muc#user'>`,
    );
    const after = parse(`[Client] R\n\tjid: r@h\n-----\nR receives:\n${apply(line, fix)}</x>\n`);
    expect(after.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
  it("turns an existing scansion:strict='true' into false instead of adding a second one", () => {
    const strict = `\t<query xmlns="q" scansion:strict="true">`;
    const fix = relaxStrictFix(strict, { ...marker, startColumn: 3, endColumn: 8 })!;
    expect(apply(strict, fix)).toBe(`\t<query xmlns="q" scansion:strict="false">`);
  });
  it('offers nothing for other markers or a range that is not an element name', () => {
    expect(relaxStrictFix(line, { ...marker, code: 'mismatch' })).toBeUndefined();
    expect(relaxStrictFix(line, { ...marker, startColumn: 6, endColumn: 11 })).toBeUndefined();
  });
});

describe('failure markers', () => {
  it('put each sentence on its node, strict ones with the quick fix code, order ones on the step header', () => {
    const header = { line: 5, column: 1, endLine: 5, endColumn: 16 };
    const name = { line: 7, column: 4, endLine: 7, endColumn: 5 };
    const attr = { line: 8, column: 10, endLine: 8, endColumn: 26 };
    const markers = failuresToMarkers([
      {
        header,
        explanations: [
          { sentence: 'The expected stanza arrived 1 stanza later.' },
          { sentence: '<x> has 2 children not in the expectation.', loc: name, relax: { loc: name } },
          { sentence: "On <item>, attribute role: expected 'a', got 'b'.", loc: attr },
        ],
      },
    ]);
    expect(markers.map((m) => [m.startLineNumber, m.startColumn, m.endColumn, m.code, m.message])).toEqual([
      [5, 1, 16, 'mismatch', 'The expected stanza arrived 1 stanza later.'],
      [7, 4, 5, RELAX_STRICT_CODE, '<x> has 2 children not in the expectation.'],
      [8, 10, 26, 'mismatch', "On <item>, attribute role: expected 'a', got 'b'."],
    ]);
  });
});
