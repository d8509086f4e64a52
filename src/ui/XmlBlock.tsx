// Read-only XML with line numbers, colouring and marked lines (with notes under them).
import { memo, useMemo } from 'react';
import { tokenizeXmlLine } from './xmlTokens';

export interface LineMark {
  line: number;
  /** Sentences shown under the line. */
  notes: string[];
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
    const m = new Map<number, string[]>();
    for (const mk of marks ?? []) m.set(mk.line, [...(m.get(mk.line) ?? []), ...mk.notes]);
    return m;
  }, [marks]);

  return (
    <div className={`xml-block ${props.className ?? ''}`} data-testid={props.testId} aria-label={props.label}>
      {rows.map((tokens, i) => {
        const notes = byLine.get(i + 1);
        return (
          <div key={i} className={`xml-row${notes ? ' marked' : ''}`} data-line={i + 1}>
            {lineNumbers && <span className="xml-ln">{i + 1}</span>}
            <span className="xml-code">
              {tokens.map((t, j) => (
                <span key={j} className={`x-${t.kind}`}>
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
