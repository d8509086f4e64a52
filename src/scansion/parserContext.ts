// What the parser's readers share while reading one script: the text and its line table, the script
// being built, the diagnostics found so far, and the facts later lines and the checks pass need.
import { LineTable } from './parserLines';
import type { VariableUse } from './checks';
import type { Diagnostic, Range, Script } from './types';

export class ParseContext {
  readonly lines: LineTable;
  readonly diagnostics: Diagnostic[] = [];
  readonly script: Script = { metadata: { description: [], tags: [] }, clients: [], steps: [] };
  /** Every `${...}` reference, by step, for the checks pass. */
  readonly variables: VariableUse[] = [];
  /** Names declared by `[Client]` lines anywhere in the file. */
  readonly declaredNames = new Set<string>();
  /** The same names, longest first: a step line is matched against them in this order. */
  clientNames: readonly string[] = [];
  /** The comment heading above the steps being read (`# Section`). */
  section: string | undefined;

  constructor(readonly text: string) {
    this.lines = new LineTable(text);
  }

  report(severity: Diagnostic['severity'], code: string, message: string, at: Range): void {
    this.diagnostics.push({ severity, code, message, ...at });
  }
}
