// Selectors at module level. Each returns a value already in the state (or a primitive), so it is
// stable for zustand's equality check; derived lists are computed with the memoized helpers below.
import type { Diagnostic, Script } from '../scansion/types';
import type { AppState, ConnectionEntry, DisplayStatus } from './types';

export const selectText = (s: AppState) => s.text;
export const selectFileName = (s: AppState) => s.fileName;
export const selectLoadNonce = (s: AppState) => s.loadNonce;
export const selectParsed = (s: AppState) => s.parsed;
export const selectScript = (s: AppState) => s.parsed.script;
export const selectDiagnostics = (s: AppState) => s.diagnostics;
export const selectSetText = (s: AppState) => s.setText;

export const selectRunId = (s: AppState) => s.runId;
export const selectRunStatus = (s: AppState) => s.status;
export const selectRunSteps = (s: AppState) => s.steps;
export const selectCurrentStep = (s: AppState) => s.currentStep;
export const selectNextStep = (s: AppState) => s.nextStep;
export const selectSelectedStep = (s: AppState) => s.selectedStep;
export const selectFailures = (s: AppState) => s.failures;
export const selectStanzas = (s: AppState) => s.stanzas;
export const selectConnections = (s: AppState) => s.connections;
export const selectConnectionLog = (s: AppState) => s.connectionLog;
export const selectVariables = (s: AppState) => s.variables;
export const selectResult = (s: AppState) => s.result;
export const selectJsonReport = (s: AppState) => s.jsonReport;
export const selectRunError = (s: AppState) => s.runError;
export const selectRunTarget = (s: AppState) => s.runTarget;

export const selectRevealRequest = (s: AppState) => s.revealRequest;
export const selectCursorLine = (s: AppState) => s.cursorLine;

export const selectTarget = (s: AppState) => s.target;
export const selectTheme = (s: AppState) => s.theme;
export const selectRecentUrls = (s: AppState) => s.recentUrls;
export const selectTabMovesFocus = (s: AppState) => s.tabMovesFocus;
export const selectBottomPanel = (s: AppState) => s.bottomPanel;
export const selectNotice = (s: AppState) => s.notice;

/** The script the step list shows: the run's snapshot while a run exists, else the parsed text. */
export const selectStepScript = (s: AppState): Script => s.runScript ?? s.parsed.script;

const errorCache = new WeakMap<Diagnostic[], Diagnostic[]>();
/** Error-severity diagnostics (stable array per diagnostics array). */
export const selectErrors = (s: AppState): Diagnostic[] => {
  let e = errorCache.get(s.diagnostics);
  if (!e) {
    e = s.diagnostics.filter((d) => d.severity === 'error');
    errorCache.set(s.diagnostics, e);
  }
  return e;
};

/** The first error that blocks a run, if any (parse must be current). */
export const selectBlockingError = (s: AppState): Diagnostic | null => selectErrors(s)[0] ?? null;

/** False when there is nothing runnable: errors, or no steps (as of the last parse). */
export const selectCanRun = (s: AppState): boolean =>
  selectErrors(s).length === 0 && s.parsed.script.steps.length > 0;

export const selectIsActive = (s: AppState): boolean => s.status === 'running' || s.status === 'paused';

/** What `run-status` shows. */
export const selectDisplayStatus = (s: AppState): DisplayStatus =>
  !selectIsActive(s) && selectErrors(s).length > 0 ? 'invalid' : s.status;

/**
 * The latest stream the server closed in this run (not one we closed), while its client is still
 * closed: the run status says so at once, also while paused (RUNNER.md RUN-CONTROL-6).
 */
export const selectServerClosed = (s: AppState): ConnectionEntry | null => {
  for (let i = s.connectionLog.length - 1; i >= 0; i--) {
    const e = s.connectionLog[i];
    if (
      e.state === 'closed' &&
      e.message?.startsWith('closed by the server') &&
      s.connections[e.client] === e
    )
      return e;
  }
  return null;
};

/** The run status line's text for a stream the server closed (null when none was). */
export const serverClosedText = (e: ConnectionEntry): string => `The server closed ${e.client}'s stream`;

export const selectDocs = (s: AppState) => s.docs;
export const selectActiveDocId = (s: AppState) => s.activeDocId;
export const selectConflict = (s: AppState) => s.conflict;
export const selectChangedSteps = (s: AppState) => s.changedSteps;

/** A finished run whose script has been edited (or another document is shown) since it ran. */
export const selectRunOutOfDate = (s: AppState): boolean =>
  s.runText !== null &&
  !selectIsActive(s) &&
  s.status !== 'idle' &&
  (s.runDocId !== s.activeDocId || s.text !== s.runText);

/** The last run belongs to the document on screen (its marks can be drawn in the editor). */
export const selectRunIsOfActiveDoc = (s: AppState): boolean =>
  s.runDocId === null || s.runDocId === s.activeDocId;
