// Read-only XML with line numbers, colouring and marked lines (with notes under them).
import { memo, useMemo } from 'react';
import { tokenizeXmlLine, type XmlToken } from './xmlTokens';

export interface LineMark {
  line: number;
  /** Sentences shown under the line. */
  notes: string[];
  /** 1-based columns [start, end) on that line to underline (the attribute or element name). */
  span?: { start: number; end: number };
}

interface Piece {
  kind: string;
  text: string;
  marked: boolean;
}

/** Splits tokens at the marked spans' edges so the exact attribute/name can be underlined. */
function pieces(tokens: XmlToken[], spans: { start: number; end: number }[]): Piece[] {
  if (spans.length === 0) return tokens.map((t) => ({ kind: t.kind, text: t.text, marked: false }));
  const out: Piece[] = [];
  let col = 1;
  for (const t of tokens) {
    const cuts = new Set<number>([0, t.text.length]);
    for (const sp of spans) {
      for (const edge of [sp.start, sp.end]) {
        const at = edge - col;
        if (at > 0 && at < t.text.length) cuts.add(at);
      }
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const from = sorted[i];
      const c = col + from;
      out.push({
        kind: t.kind,
        text: t.text.slice(from, sorted[i + 1]),
        marked: spans.some((sp) => c >= sp.start && c < sp.end),
      });
    }
    col += t.text.length;
  }
  return out;
}

export const XmlBlock = memo(function XmlBlock(props: {
  xml: string;
  marks?: LineMark[];
  testId?: string;
  lineNumbers?: boolean;
  className?: string;
  label?: string;
}) {
  const { xml, marks, lineNumbers = true } = props;
  const rows = useMemo(() => {
    let inTag = false;
    return xml.split('\n').map((line) => {
      const r = tokenizeXmlLine(line, inTag);
      inTag = r.inTag;
      return r.tokens;
    });
  }, [xml]);
  const byLine = useMemo(() => {
    const m = new Map<number, { notes: string[]; spans: { start: number; end: number }[] }>();
    for (const mk of marks ?? []) {
      const e = m.get(mk.line) ?? { notes: [], spans: [] };
      e.notes.push(...mk.notes);
      if (mk.span) e.spans.push(mk.span);
      m.set(mk.line, e);
    }
    return m;
  }, [marks]);

  return (
    // Focusable and labelled: a long stanza scrolls with the keyboard too.
    <div
      className={`xml-block ${props.className ?? ''}`}
      data-testid={props.testId}
      role="region"
      aria-label={props.label ?? 'XML'}
      tabIndex={0}
    >
      {rows.map((tokens, i) => {
        const mark = byLine.get(i + 1);
        const notes = mark?.notes;
        return (
          <div key={i} className={`xml-row${mark ? ' marked' : ''}`} data-line={i + 1}>
            {lineNumbers && <span className="xml-ln">{i + 1}</span>}
            <span className="xml-code">
              {pieces(tokens, mark?.spans ?? []).map((t, j) => (
                <span key={j} className={`x-${t.kind}${t.marked ? ' x-mark' : ''}`}>
                  {t.text}
                </span>
              ))}
            </span>
            {notes?.map((n, k) => (
              <span key={`n${k}`} className="xml-note">
                {n}
              </span>
            ))}
          </div>
        );
      })}
    </div>
  );
});
