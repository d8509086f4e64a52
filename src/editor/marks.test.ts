import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Diagnostic, Script, Step } from '../scansion/types';
import { diagnosticsToMarkers, SEVERITY, stepMarks } from './marks';
import { minimalEdit } from './textEdit';
import { xmlContextAt } from './xmlContext';

const r = (line: number, column: number, endLine: number, endColumn: number) => ({
  line,
  column,
  endLine,
  endColumn,
});

describe('diagnosticsToMarkers', () => {
  it('maps severities and keeps 1-based, end-exclusive ranges', () => {
    const d: Diagnostic[] = [
      { ...r(3, 2, 3, 7), severity: 'error', code: 'unknown-action', message: 'Unknown action' },
      { ...r(5, 1, 6, 4), severity: 'warning', code: 'w', message: 'Careful' },
      { ...r(7, 1, 7, 1), severity: 'info', code: 'i', message: 'Note' },
    ];
    const m = diagnosticsToMarkers(d);
    expect(m[0]).toEqual({
      severity: SEVERITY.error,
      message: 'Unknown action',
      code: 'unknown-action',
      source: 'scansion',
      startLineNumber: 3,
      startColumn: 2,
      endLineNumber: 3,
      endColumn: 7,
    });
    expect(m[1]).toMatchObject({ severity: 4, endLineNumber: 6, endColumn: 4 });
    // Empty ranges become one character wide, so the squiggle shows.
    expect(m[2]).toMatchObject({ severity: 2, startColumn: 1, endColumn: 2 });
  });
});

function step(index: number, line: number, endLine: number, action: Step['action'] = 'connects'): Step {
  return {
    index,
    action,
    client: 'Romeo',
    range: r(line, 1, endLine, 1),
    headerRange: r(line, 1, line, 15),
  } as Step;
}
const script: Script = {
  metadata: { description: [], tags: [] },
  clients: [],
  steps: [step(0, 5, 6), step(1, 7, 10, 'receives'), step(2, 11, 12, 'disconnects')],
};

describe('stepMarks', () => {
  it('draws nothing before a run', () => {
    expect(stepMarks(script, [], null)).toEqual([]);
    expect(stepMarks(null, [{ status: 'passed' }], 0)).toEqual([]);
  });
  it('one mark per step with its status; the running step is current', () => {
    const marks = stepMarks(
      script,
      [{ status: 'passed', durationMs: 12.4 }, { status: 'running' }, { status: 'pending' }],
      1,
    );
    expect(marks.map((m) => [m.line, m.status, m.current])).toEqual([
      [5, 'passed', false],
      [7, 'running', true],
      [11, 'pending', false],
    ]);
    expect(marks[0].hover).toBe('Step 1: Romeo connects — passed in 12 ms');
    expect(marks[1].hover).toBe('Step 2: Romeo receives: — running');
    // The block ends on the line before the next step (the range ends at column 1 of line 10).
    expect(marks[1].endLine).toBe(9);
  });
  it('while paused, the next step is current; missing states are pending', () => {
    // The store keeps currentStep at the last started step while paused.
    const marks = stepMarks(script, [{ status: 'passed' }], 0, 1);
    expect(marks.map((m) => [m.status, m.current])).toEqual([
      ['passed', false],
      ['pending', true],
      ['pending', false],
    ]);
  });
  it('failed steps keep their status after the run', () => {
    const marks = stepMarks(
      script,
      [{ status: 'passed' }, { status: 'failed', durationMs: 5 }, { status: 'skipped' }],
      null,
    );
    expect(marks.map((m) => m.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(marks.some((m) => m.current)).toBe(false);
  });
});

describe('minimalEdit', () => {
  it('replaces only what changed', () => {
    expect(minimalEdit('hello world', 'hello brave world')).toEqual({ start: 6, end: 6, text: 'brave ' });
    expect(minimalEdit('abc', 'abc')).toBeNull();
    expect(minimalEdit('aXc', 'aYc')).toEqual({ start: 1, end: 2, text: 'Y' });
  });
  it('applying it always yields the new text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const e = minimalEdit(a, b);
        const out = e ? a.slice(0, e.start) + e.text + a.slice(e.end) : a;
        expect(out).toBe(b);
        if (e) expect(e.start).toBeLessThanOrEqual(e.end);
      }),
      { numRuns: 500 },
    );
  });
});

describe('xmlContextAt', () => {
  it('tracks tags, attributes and values', () => {
    expect(xmlContextAt('<iq type="se')).toMatchObject({
      kind: 'attr-value',
      tag: 'iq',
      attr: 'type',
      value: 'se',
      valueStart: 10,
    });
    expect(xmlContextAt('<iq type="set" ')).toMatchObject({ kind: 'in-tag', tag: 'iq', attrs: ['type'] });
    expect(xmlContextAt('<iq ty')).toMatchObject({ kind: 'in-tag', partial: 'ty', partialStart: 4 });
    expect(xmlContextAt('<iq><query><')).toMatchObject({ kind: 'tag-name', parent: 'query', lt: 11 });
    expect(xmlContextAt('<iq><query/></')).toMatchObject({ kind: 'tag-name', closing: true, parent: 'iq' });
    expect(xmlContextAt('<iq/>\n')).toMatchObject({ kind: 'text', parent: undefined });
    expect(xmlContextAt('<a><!-- x')).toEqual({ kind: 'comment' });
    expect(xmlContextAt("<a b='x>y' ")).toMatchObject({ kind: 'in-tag', tag: 'a', attrs: ['b'] });
  });
  it('an attribute value left open on an earlier line ends at that line', () => {
    expect(xmlContextAt('<status code="\n<x xmlns="urn')).toMatchObject({
      kind: 'attr-value',
      tag: 'status',
      attr: 'xmlns',
      value: 'urn',
    });
  });
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(() => xmlContextAt(s)).not.toThrow();
      }),
    );
  });
});
