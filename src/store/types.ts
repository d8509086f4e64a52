// State shapes of the page's one store. Types only: the store holds state, services do the I/O.
import type { Diagnostic, ParseResult, Script, StepAction } from '../scansion/types';
import type { DocumentsSlice, LinkSlice } from './documentTypes';
import type { SuiteSlice } from './suiteSlice';
import type { LiveSlice } from './liveSlice';
import type { ConnectionState, JsonReport, RunEvent, RunResult, StepFailure, StepStatus } from '../runner';

export type RunStatus = 'idle' | 'running' | 'paused' | 'pass' | 'fail' | 'error';
/** What `run-status` shows: the run status, or 'invalid' when idle and the script has errors. */
export type DisplayStatus = RunStatus | 'invalid';

export type ScriptSource = 'default' | 'autosave' | 'file' | 'drop' | 'url' | 'share' | 'example' | 'api';

export interface StepRunState {
  status: StepStatus;
  durationMs?: number;
  /** Expected XML (variables expanded, pretty) as the runner reported it, for receives steps. */
  expected?: string;
  /** What arrived, when the runner reported it. */
  received?: string;
}

/**
 * What became of a stanza: a received one was `matched` by a step, `dropped` (a burst leftover, see
 * `reason`), `unread` at the end of the run (or compared by the failing step without matching, see
 * `reason`), or is still `pending`; a sent one was `sent` by a step, or is `adhoc` (the live console, in
 * either direction).
 */
export type StanzaFate = 'matched' | 'dropped' | 'unread' | 'pending' | 'sent' | 'adhoc';

export interface StanzaEntry {
  /** Monotonic per run, stable React key. */
  id: number;
  /** The runner's per-run stanza number (shared by in and out), when it gave one. */
  seq?: number;
  client: string;
  direction: 'in' | 'out';
  xml: string;
  /** Milliseconds (runner clock). */
  at: number;
  /** Index of the step that matched it (in) or sent it (out); null when none did (yet). */
  step: number | null;
  fate: StanzaFate;
  /** Why it was dropped (or left unread after a failed comparison). */
  reason?: string;
}

export interface ConnectionEntry {
  /** Shares the stanza id sequence, so connection changes and stanzas order together. */
  id?: number;
  client: string;
  state: ConnectionState;
  jid?: string;
  message?: string;
  at: number;
}

export type Target = { kind: 'mock' } | { kind: 'ws'; url: string };
export type Theme = 'light' | 'dark';
export type BottomPanel = 'details' | 'console' | 'sequence' | 'live' | 'inspector';

/** The `scs run --reporter json` shape (buildJsonReport in src/runner/report.ts), the page's scansionResult. */
export type JsonReportLike = JsonReport;

export interface ScriptSlice {
  text: string;
  fileName: string;
  source: ScriptSource;
  /** Bumped by loadScript (not by setText) so the editor knows to replace its model's value. */
  loadNonce: number;
  parsed: ParseResult;
  /** Text that `parsed` was computed from (lets consumers know whether parsed is current). */
  parsedText: string;
  setText(text: string): void;
  loadScript(input: { text: string; fileName: string; source: ScriptSource }): void;
  setFileName(fileName: string): void;
  /** Written by the parsing service. */
  setParsed(parsed: ParseResult, forText: string): void;
}

export interface DiagnosticsSlice {
  diagnostics: Diagnostic[];
}

export interface RunSlice {
  runId: string | null;
  status: RunStatus;
  /** Label of the target of the current/last run ('mock', 'ws://…'). */
  runTarget: string | null;
  /** The script being run (snapshot at Run): step list and diffs use it even if the text changes. */
  runScript: Script | null;
  /** Indexed like (run)script.steps. */
  steps: StepRunState[];
  currentStep: number | null;
  /** The step that will run next while paused. */
  nextStep: number | null;
  selectedStep: number | null;
  failures: StepFailure[];
  stanzas: StanzaEntry[];
  connections: Record<string, ConnectionEntry>;
  /** Every connection change of the run, in order (ids shared with `stanzas`). */
  connectionLog: ConnectionEntry[];
  /** Next id for a stanza or connection entry. */
  eventSeq: number;
  variables: Record<string, string>;
  result: RunResult | null;
  jsonReport: JsonReportLike | null;
  /** A failure outside any step (transport could not be created, runner threw). */
  runError: string | null;
  /** The user stopped the current run (status is back to idle, results kept). */
  stopped: boolean;
  startedAt: number | null;
  /** Called by the run controller when it starts a run: resets run state for this runId. */
  beginRun(input: { runId: string; script: Script; target: string }): void;
  /** Apply a runner event; events whose runId is not the current run are ignored. */
  applyEvent(event: RunEvent): void;
  /** Several events at once (one store update). */
  applyEvents(events: RunEvent[]): void;
  setJsonReport(runId: string, report: JsonReportLike | null): void;
  setRunError(runId: string, message: string): void;
  /** The user stopped the run: back to idle, keeping what it did so far. */
  markStopped(runId: string): void;
  /** Back to idle: clears results, console and selection. */
  resetRun(): void;
  selectStep(index: number | null): void;
}

export interface EditorBridgeSlice {
  /** The editor reveals & highlights this line when the nonce changes. */
  revealRequest: { line: number; nonce: number } | null;
  /** 1-based; written by the editor; "run to cursor" reads it. */
  cursorLine: number;
  requestReveal(line: number): void;
  setCursorLine(line: number): void;
}

export interface SettingsSlice {
  target: Target;
  theme: Theme;
  /** True once the user picked a theme; until then the theme follows the system preference. */
  themePicked: boolean;
  recentUrls: string[];
  setTarget(target: Target): void;
  /** The user's (or a saved) choice: from now on the system preference is ignored. */
  setTheme(theme: Theme): void;
  toggleTheme(): void;
  /** The system preference changed: followed only while the user has not picked a theme. */
  setSystemTheme(theme: Theme): void;
  addRecentUrl(url: string): void;
}

export interface UiSlice {
  /** Tab moves the focus out of the editor (true, the default) or inserts a tab (false). */
  tabMovesFocus: boolean;
  toggleTabMovesFocus(): void;
  bottomPanel: BottomPanel;
  setBottomPanel(panel: BottomPanel): void;
  /** A transient message for the status bar (load errors, "link copied"). */
  notice: { kind: 'info' | 'error'; text: string; nonce: number } | null;
  notify(kind: 'info' | 'error', text: string): void;
  clearNotice(): void;
}

export type AppState = ScriptSlice &
  SuiteSlice &
  LiveSlice &
  DiagnosticsSlice &
  RunSlice &
  EditorBridgeSlice &
  SettingsSlice &
  UiSlice &
  DocumentsSlice &
  LinkSlice;

export type { StepAction };
