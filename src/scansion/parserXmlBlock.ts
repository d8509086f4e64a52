// The XML block of a sends:/receives: step: its stanzas (read by xml.ts with file positions), the
// block's text as written for display, and the `${...}` references the checks pass looks at.
import { findVariables } from './variables';
import { parseXmlSlice } from './xml';
import { isSpace } from './parserLines';
import type { ParseContext } from './parserContext';
import type { Range, StepBase, XmlStep } from './types';

/** A sends:/receives: step's XML block, as the step reader found it. */
export interface XmlBlock {
  /** The step as read from its action line. */
  base: StepBase;
  action: 'sends' | 'receives';
  /** File offsets of the XML text: from the inline start or the block's first line, to the block's end. */
  start: number;
  end: number;
  xmlRange: Range;
  /** The action line and the block's last line (0-based; the same line for inline XML alone). */
  actionLine: number;
  lastLine: number;
  /** Offset where XML starts on the action line itself (`Romeo sends: <presence/>`), or -1. */
  inlineStart: number;
}

/** Read the block's stanzas and build the step (`base` is the step as read from its action line). */
export function readXmlStep(ctx: ParseContext, block: XmlBlock): XmlStep {
  const { base, action, start, end, xmlRange } = block;
  const { elements, diagnostics } = parseXmlSlice(ctx.text, start, end, ctx.lines.index);
  for (const d of diagnostics) ctx.diagnostics.push(d);
  // One literal with one field order for every step (see PERF.md).
  const step: XmlStep = {
    index: base.index,
    action,
    client: base.client,
    range: spanRange(base.range, xmlRange),
    headerRange: base.headerRange,
    section: base.section,
    xml: blockText(ctx, block),
    xmlRange,
    stanzas: elements,
  };
  if (elements.length === 0 && diagnostics.length === 0) {
    ctx.report(
      'error',
      'missing-xml',
      `'${action}' needs an XML stanza, but the block holds no element`,
      xmlRange,
    );
  }
  if (elements.length > 1) {
    ctx.report(
      'warning',
      'multiple-stanzas',
      `this block holds ${elements.length} stanzas; they are ${action === 'sends' ? 'sent' : 'expected'} one after another (scansion accepts this, but one stanza per step is clearer)`,
      xmlRange,
    );
  }
  for (const ref of findVariables(ctx.text, start, end))
    ctx.variables.push({ step: base.index, name: ref.name, range: ctx.lines.range(ref.start, ref.end) });
  return step;
}

/** The step of a sends:/receives: line with no XML at all (reported by the caller). */
export function stepWithoutXml(base: StepBase, action: 'sends' | 'receives'): XmlStep {
  return {
    index: base.index,
    action,
    client: base.client,
    range: base.range,
    headerRange: base.headerRange,
    section: base.section,
    xml: '',
    xmlRange: base.range,
    stanzas: [],
  };
}

/**
 * The block as written, its lines' common indentation removed (the step's `xml`, for display). Blank
 * lines are kept empty, leading ones dropped. Built as one flat string (a join, not repeated `+=`):
 * every reader of `xml` would otherwise flatten it again.
 */
function blockText(ctx: ParseContext, { actionLine, lastLine, inlineStart }: XmlBlock): string {
  const { lines, text } = ctx;
  let indent = Infinity;
  for (let line = actionLine + 1; line <= lastLine; line++) {
    if (lines.isBlank(line)) continue;
    const lineStart = lines.start(line);
    const lineEnd = lines.end(line);
    let at = lineStart;
    while (at < lineEnd && isSpace(text.charCodeAt(at))) at++;
    if (at - lineStart < indent) indent = at - lineStart;
  }
  const parts: string[] = [];
  if (inlineStart >= 0) parts.push(text.slice(inlineStart, lines.end(actionLine)).trimEnd());
  for (let line = actionLine + 1; line <= lastLine; line++) {
    if (lines.isBlank(line)) {
      if (parts.length > 0) parts.push('');
    } else parts.push(text.slice(lines.start(line) + indent, lines.end(line)));
  }
  return parts.length === 1 ? parts[0] : parts.join('\n');
}

/** From the start of `first` to the end of `last`. */
export function spanRange(first: Range, last: Range): Range {
  return { line: first.line, column: first.column, endLine: last.endLine, endColumn: last.endColumn };
}
