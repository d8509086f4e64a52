// Quick fixes offered on run markers (marks.ts): a strict element's sentence can be answered by adding
// scansion:strict='false' to that element (or turning its scansion:strict='true' into 'false'). Pure:
// the Monaco code action provider (monacoProviders.ts) turns the edit into a workspace edit.
import { RELAX_STRICT_CODE } from './marks';

export interface LineEdit {
  line: number;
  /** 1-based columns, end exclusive (Monaco's convention). */
  startColumn: number;
  endColumn: number;
  text: string;
}

export interface QuickFix {
  title: string;
  edit: LineEdit;
}

/** The relax fix for a marker on an element name (`marker` columns cover the name), or undefined. */
export function relaxStrictFix(
  lineText: string,
  marker: { code?: string; startLineNumber: number; startColumn: number; endColumn: number },
): QuickFix | undefined {
  if (marker.code !== RELAX_STRICT_CODE) return undefined;
  const name = lineText.slice(marker.startColumn - 1, marker.endColumn - 1);
  if (!/^[A-Za-z_][\w.:-]*$/.test(name) || lineText[marker.startColumn - 2] !== '<') return undefined;
  const title = `Add scansion:strict='false' to <${name}>`;
  // Within the start tag on this line: an existing scansion:strict is changed, not duplicated.
  const tagEnd = lineText.indexOf('>', marker.endColumn - 1);
  const tag = lineText.slice(marker.endColumn - 1, tagEnd === -1 ? undefined : tagEnd);
  const existing = /scansion:strict\s*=\s*(["'])[^"']*\1/.exec(tag);
  if (existing) {
    const start = marker.endColumn + existing.index;
    return {
      title,
      edit: {
        line: marker.startLineNumber,
        startColumn: start,
        endColumn: start + existing[0].length,
        text: `scansion:strict=${existing[1]}false${existing[1]}`,
      },
    };
  }
  const quote = tag.includes("='") && !tag.includes('="') ? "'" : '"';
  return {
    title,
    edit: {
      line: marker.startLineNumber,
      startColumn: marker.endColumn,
      endColumn: marker.endColumn,
      text: ` scansion:strict=${quote}false${quote}`,
    },
  };
}
