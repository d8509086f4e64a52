// The .scs parser: text -> typed Script + diagnostics. Never throws: every problem becomes a located
// Diagnostic and the script stays as complete as possible.
//
// Grammar as we settled it (see ../../shared/design/scansion-language.md, grammar.ts and the corpus):
// - Header: leading `#` lines are the title and description; `## x` lines are tags; `[Client] Name`
//   declares a character, followed by indented `key: value` property lines. A line of 3+ dashes alone
//   ends the header.
// - Body: `<Client> <verb>[:] [rest]` steps. A step's XML block is every following line that is
//   indented or blank, up to the first non-indented, non-blank line (trailing blank lines excluded).
//   XML may also start on the action line itself after the colon (`Romeo sends: <presence/>`).
// - Comments: `#`, `##`, `//`, and `--` followed by a space/tab or alone (Lua style; the corpus comments
//   out whole steps with it). `#` comments in the body are section headings for the steps below them.
// - Client names may contain spaces and "'s": a step line is matched against the declared names,
//   longest first, before falling back to "first word(s) before a known verb".
//
// Where things are read: parserLines.ts (the line table), parserClients.ts (client declarations),
// parserSteps.ts (step lines), parserXmlBlock.ts (XML blocks, via xml.ts). This file reads the lines
// at the margin (comments, metadata, separator) and hands the rest to those; checks.ts then judges the
// finished script.
import { checkClients, checkHasSteps, checkMatcherInstructions, checkSessions } from './checks';
import { commentMarker, isSeparator } from './grammar';
import { declaredClientNames, readClientDeclaration, readClientProperty } from './parserClients';
import { ParseContext } from './parserContext';
import { readStep, splitStepLine } from './parserSteps';
import type { ClientDecl, ParseResult } from './types';

/** Read every line of the script into `ctx.script`. */
function readScript(ctx: ParseContext): void {
  const { lines, script, text } = ctx;
  for (const name of declaredClientNames(lines)) ctx.declaredNames.add(name);
  ctx.clientNames = [...ctx.declaredNames].sort((x, y) => y.length - x.length);
  let afterSeparator = false;
  let metadataOpen = true;
  /** The declaration whose property lines are being read. */
  let client: ClientDecl | undefined;
  const firstLineOf = new Map<string, number>();
  for (let line = 0; line < lines.count; line++) {
    if (lines.isBlank(line)) continue;
    const from = lines.contentStart(line);
    const to = lines.contentEnd(line);
    const content = text.slice(from, to);
    if (lines.isIndented(line)) {
      if (client && !afterSeparator) {
        readClientProperty(ctx, client, { line, from, to, content });
        continue;
      }
      // Indented text that no step or client owns.
      const lastLine = lines.blockEnd(line);
      ctx.report(
        'error',
        'unexpected-indent',
        afterSeparator
          ? 'indented text outside any step: an XML block must directly follow a sends:/receives: line'
          : 'indented text outside any client declaration: properties follow a [Client] line',
        lines.range(from, lines.end(lastLine)),
      );
      line = lastLine;
      continue;
    }
    // Comments (one between a client's property lines keeps the client open) and the separator.
    const marker = commentMarker(content);
    if (marker !== undefined) {
      if (marker === '##') script.metadata.tags.push(content.slice(2).trim());
      else if (marker === '#') {
        const comment = content.slice(1).trim();
        if (metadataOpen) {
          if (script.metadata.title === undefined) script.metadata.title = comment;
          else script.metadata.description.push(comment);
        } else if (afterSeparator) ctx.section = comment;
      }
      continue;
    }
    if (isSeparator(content)) {
      if (afterSeparator) {
        ctx.report(
          'warning',
          'duplicate-separator',
          'a second ----- separator line: the header already ended',
          lines.range(from, to),
        );
      } else {
        afterSeparator = true;
        script.separator = lines.range(from, to);
      }
      metadataOpen = false;
      continue;
    }
    metadataOpen = false;
    client = undefined;
    if (content.startsWith('[')) {
      if (afterSeparator) {
        ctx.report(
          'error',
          'client-after-separator',
          'client declarations belong in the header, before the ----- separator',
          lines.range(from, to),
        );
      }
      client = readClientDeclaration(ctx, { line, from, to, content }, firstLineOf);
      continue;
    }
    if (!afterSeparator && splitStepLine(content, ctx.clientNames) === undefined) {
      ctx.report(
        'error',
        'unexpected-line',
        'unexpected line in the header: expected a [Client] declaration, a comment or the ----- separator',
        lines.range(from, to),
      );
      continue;
    }
    line = readStep(ctx, { line, from, to, content, afterSeparator });
  }
}

/** The checks pass over the finished script (see checks.ts). */
function runChecks(ctx: ParseContext): void {
  const report = ctx.report.bind(ctx);
  const { lines, script } = ctx;
  checkClients(script, report);
  checkSessions(script, ctx.declaredNames, ctx.variables, report);
  checkMatcherInstructions(script.steps, report);
  const last = lines.count - 1;
  checkHasSteps(script, lines.lineRange(last, lines.index.starts[last], lines.end(last)), report);
}

/**
 * The one line-ending normalisation of the language: CRLF and lone CR become LF. `parse` applies it,
 * so the CLI, the page and every other caller read a file the same way (a CR-only file is many lines,
 * not one comment). Line and column positions are the same before and after.
 */
export function normalizeLineEndings(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/** Parse a .scs script. Never throws: problems come back as diagnostics beside a partial script. */
export function parse(text: string): ParseResult {
  const source = normalizeLineEndings(typeof text === 'string' ? text : String(text ?? ''));
  try {
    const ctx = new ParseContext(source);
    readScript(ctx);
    runChecks(ctx);
    // Report in file order (stable: same-position diagnostics keep their discovery order).
    ctx.diagnostics.sort((x, y) => x.line - y.line || x.column - y.column);
    return { script: ctx.script, diagnostics: ctx.diagnostics };
  } catch (e) {
    // A bug here must not crash the page or the CLI; it becomes an `internal-error` diagnostic, which
    // the property tests assert no input ever produces.
    return {
      script: { metadata: { description: [], tags: [] }, clients: [], steps: [] },
      diagnostics: [
        {
          severity: 'error',
          code: 'internal-error',
          message: `internal parser error: ${(e as Error)?.message ?? String(e)}`,
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
        },
      ],
    };
  }
}
