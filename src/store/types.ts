// State shapes of the page's one store. Types only: the store holds state, services do the I/O.
import type { Diagnostic, ParseResult, Script, StepAction } from '../scansion/types';
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

export interface StanzaEntry {
  /** Monotonic per run, stable React key. */
  id: number;
  client: string;
  direction: 'in' | 'out';
  xml: string;
  /** Milliseconds (runner clock). */
  at: number;
  /** Index of the step running when it was seen, if any. */
  step: number | null;
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
  recentUrls: string[];
  setTarget(target: Target): void;
  setTheme(theme: Theme): void;
  toggleTheme(): void;
  addRecentUrl(url: string): void;
}

export interface UiSlice {
  bottomPanel: BottomPanel;
  setBottomPanel(panel: BottomPanel): void;
  /** A transient message for the status bar (load errors, "link copied"). */
  notice: { kind: 'info' | 'error'; text: string; nonce: number } | null;
  notify(kind: 'info' | 'error', text: string): void;
  clearNotice(): void;
}

export type AppState = ScriptSlice &
  LiveSlice &
  DiagnosticsSlice &
  RunSlice &
  EditorBridgeSlice &
  SettingsSlice &
  UiSlice;

export type { StepAction };
