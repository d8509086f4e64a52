// Step lines: `<Client> <verb>[:] [rest]`, and the block of indented lines that belongs to the step.
import { SEPARATOR_RE, UNDECLARED_STEP_RE, VERBS, type Verb } from './grammar';
import { isSpace } from './parserLines';
import { readXmlStep, spanRange, stepWithoutXml } from './parserXmlBlock';
import type { ParseContext } from './parserContext';
import type { HeaderLine } from './parserClients';
import type { Step, StepAction, StepBase } from './types';

const EXPECTED_ACTIONS = 'connects, sends, receives, receives: nothing or disconnects';

/** A step line split into its client and where its verb starts (offsets into the line's content). */
export interface StepLineSplit {
  client: string;
  clientEnd: number;
  verbStart: number;
  /** The client is declared by a `[Client]` line (else it was read as the words before a verb). */
  declared: boolean;
}

/**
 * Split a step line's content into client and verb: the declared names first, longest first (names
 * may hold spaces and "'s"), then the words before the first known verb. Undefined when the line does
 * not look like a step at all.
 */
export function splitStepLine(content: string, clientNames: readonly string[]): StepLineSplit | undefined {
  for (const name of clientNames) {
    if (
      content.length > name.length &&
      content.startsWith(name) &&
      isSpace(content.charCodeAt(name.length))
    ) {
      let verbStart = name.length;
      while (verbStart < content.length && isSpace(content.charCodeAt(verbStart))) verbStart++;
      return { client: name, clientEnd: name.length, verbStart, declared: true };
    }
  }
  const m = UNDECLARED_STEP_RE.exec(content);
  if (!m) return undefined;
  return { client: m[1], clientEnd: m[1].length, verbStart: m[0].length - m[2].length, declared: false };
}

/** A step's action line: its trimmed content and where it is. */
export interface StepLine extends HeaderLine {
  /** The header's `-----` separator came before this line. */
  afterSeparator: boolean;
}

/** Read the step that starts on `line`, with its block; returns the last line the step takes. */
export function readStep(ctx: ParseContext, { line, from, to, content, afterSeparator }: StepLine): number {
  const lines = ctx.lines;
  const split = splitStepLine(content, ctx.clientNames);
  const lineRange = lines.lineRange(line, from, to);
  const lastLine = lines.blockEnd(line);
  const firstBlockLine = lastLine > line ? lines.firstNonBlankAfter(line) : -1;
  if (!split) {
    ctx.report(
      'error',
      'unknown-action',
      `cannot read this line as a step: expected '<client> connects', 'sends:', 'receives:', 'receives: nothing' or 'disconnects'`,
      lineRange,
    );
    return lastLine;
  }
  if (!afterSeparator) {
    ctx.report(
      'error',
      'step-before-separator',
      ctx.script.separator === undefined && !hasSeparatorAfter(ctx, line)
        ? 'step without a header separator: end the client declarations with a line of dashes (-----)'
        : 'step before the ----- separator: steps belong after the header',
      lineRange,
    );
  }
  let verbEnd = split.verbStart;
  while (verbEnd < content.length) {
    const folded = content.charCodeAt(verbEnd) | 32; // ASCII letters in lower case; '_' | 32 = 127
    if (!((folded >= 97 && folded <= 122) || folded === 127)) break;
    verbEnd++;
  }
  const verb = content.slice(split.verbStart, verbEnd);
  if (!(VERBS as readonly string[]).includes(verb)) {
    ctx.report(
      'error',
      'unknown-action',
      verb
        ? `unknown action '${verb}' (expected ${EXPECTED_ACTIONS})`
        : `missing action after '${split.client}' (expected ${EXPECTED_ACTIONS})`,
      verb ? lines.range(from + split.verbStart, from + verbEnd) : lineRange,
    );
    return lastLine;
  }
  if (!split.declared) {
    ctx.report(
      'error',
      'undeclared-client',
      `client '${split.client}' is not declared (add '[Client] ${split.client}' with a jid to the header)`,
      lines.range(from, from + split.clientEnd),
    );
  }
  // After the verb: an optional ':', then the rest of the line.
  let restStart = verbEnd;
  while (restStart < content.length && isSpace(content.charCodeAt(restStart))) restStart++;
  if (content.charCodeAt(restStart) === 58 /* : */) restStart++;
  while (restStart < content.length && isSpace(content.charCodeAt(restStart))) restStart++;
  const rest = content.slice(restStart);
  const action: StepAction = verb === 'receives' && rest === 'nothing' ? 'receives-nothing' : (verb as Verb);
  // One literal with one field order for every step (see PERF.md).
  const base: StepBase = {
    index: ctx.script.steps.length,
    action,
    client: split.client,
    range: lineRange,
    headerRange: lineRange,
    section: ctx.section,
  };
  if (action === 'sends' || action === 'receives') {
    const inline = rest.length > 0;
    if (!inline && firstBlockLine < 0) {
      ctx.report(
        'error',
        'missing-xml',
        `'${verb}' needs an XML stanza: put it on the following lines, indented`,
        lineRange,
      );
      ctx.script.steps.push(stepWithoutXml(base, action));
      return lastLine;
    }
    const start = inline ? from + restStart : lines.contentStart(firstBlockLine);
    const end = lastLine > line ? lines.end(lastLine) : to;
    const step = readXmlStep(ctx, {
      base,
      action,
      start,
      end,
      xmlRange: lines.linesRange(inline ? line : firstBlockLine, start, lastLine, end),
      actionLine: line,
      lastLine,
      inlineStart: inline ? start : -1,
    });
    ctx.script.steps.push(step);
    return lastLine;
  }
  if (action !== 'receives-nothing' && rest.length > 0) {
    ctx.report(
      'error',
      'trailing-text',
      `unexpected text after '${verb}': '${rest}'`,
      lines.range(from + restStart, to),
    );
  }
  if (firstBlockLine >= 0) {
    const blockRange = lines.linesRange(
      firstBlockLine,
      lines.contentStart(firstBlockLine),
      lastLine,
      lines.end(lastLine),
    );
    ctx.report(
      'error',
      'unexpected-xml',
      action === 'receives-nothing'
        ? "'receives: nothing' takes no XML block"
        : `'${verb}' takes no XML block`,
      blockRange,
    );
    base.range = spanRange(lineRange, blockRange);
  }
  ctx.script.steps.push(base as Step);
  return lastLine;
}

/** A separator line somewhere after `line` (says which of two messages fits a step before it). */
function hasSeparatorAfter(ctx: ParseContext, line: number): boolean {
  const lines = ctx.lines;
  for (let next = line + 1; next < lines.count; next++) {
    if (lines.atMargin(next) && SEPARATOR_RE.test(lines.textOf(next))) return true;
  }
  return false;
}
