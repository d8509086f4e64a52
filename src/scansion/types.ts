// The typed shape of a parsed scansion script: the contract between the language core, the runner,
// the mock, the CLI and the page. Positions are 1-based; ends are exclusive (Monaco / LSP style).
import type { Element } from 'ltx';

export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic extends Range {
  severity: Severity;
  /** Stable machine-readable kind, e.g. 'xml-malformed', 'undeclared-client', 'unknown-action'. */
  code: string;
  message: string;
}

/** Source positions of one expected/sent XML element, kept beside the ltx element (see `locOf`). */
export interface ElementLoc {
  /** The whole element, start tag to end tag. */
  range: Range;
  /** The start tag's name. */
  nameRange: Range;
  /** Each attribute, name to closing quote. */
  attrs: Record<string, Range>;
  /** Text children, in order of appearance (index in element.children -> range). */
  text?: Record<number, Range>;
}

export interface ScriptMetadata {
  /** First leading comment line, without the '#'. */
  title?: string;
  /** Following leading comment lines. */
  description: string[];
  /** `## tag` lines. */
  tags: string[];
}

export interface ClientDecl {
  /** Display name, e.g. "Juliet's phone". */
  name: string;
  /** The character class in brackets, normally "Client". */
  className: string;
  jid?: string;
  password?: string;
  resource?: string;
  connectHost?: string;
  connectPort?: number;
  /** Every property as written, known and unknown keys alike. */
  properties: Record<string, string>;
  range: Range;
  nameRange: Range;
}

export type StepAction = 'connects' | 'sends' | 'receives' | 'receives-nothing' | 'disconnects';

export interface StepBase {
  /** 0-based position in `script.steps`. */
  index: number;
  action: StepAction;
  client: string;
  /** The whole step: action line through the end of its XML block. */
  range: Range;
  /** The action line only. */
  headerRange: Range;
  /** The nearest comment section heading above this step (the UI groups steps by it). */
  section?: string;
}

export interface ConnectStep extends StepBase {
  action: 'connects';
}
export interface DisconnectStep extends StepBase {
  action: 'disconnects';
}
export interface ReceiveNothingStep extends StepBase {
  action: 'receives-nothing';
}
export interface XmlStep extends StepBase {
  action: 'sends' | 'receives';
  /** The block's text as written (indentation removed), variables not yet expanded. */
  xml: string;
  xmlRange: Range;
  /** Parsed stanzas (usually one; several only with a warning). Positions via `locOf(el)`. */
  stanzas: Element[];
}
export type Step = ConnectStep | DisconnectStep | ReceiveNothingStep | XmlStep;

export interface Script {
  metadata: ScriptMetadata;
  clients: ClientDecl[];
  steps: Step[];
  /** Range of the `-----` separator line, when present. */
  separator?: Range;
}

export interface ParseResult {
  script: Script;
  diagnostics: Diagnostic[];
}

export type MismatchKind =
  | 'missing-attribute'
  | 'attribute-value'
  | 'unexpected-attribute'
  | 'missing-child'
  | 'unexpected-child'
  | 'order'
  | 'text'
  | 'name'
  | 'namespace'
  | 'capture'
  /** The matcher stopped at one of its limits (nesting depth, comparisons): the message says which. */
  | 'limit';

export interface Mismatch {
  kind: MismatchKind;
  /** e.g. `/presence/x[1]/item[1]@role` */
  path: string;
  expected?: string;
  received?: string;
  /** A sentence for people: "attribute role: expected 'moderator', got 'participant'". */
  message: string;
  /** Where the expected node (or attribute) was written, when known. */
  loc?: Range;
  /** For a missing child: how many received children of that name there were to choose from. */
  candidates?: number;
  /** For a missing child among several candidates: the closest one, in brief (`<feature var='…'/>`). */
  closest?: string;
}

export type MatchResult = { ok: true } | { ok: false; mismatches: Mismatch[] };
