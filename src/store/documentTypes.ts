// State shapes of the open documents (tabs) and the evidence of the last run. Types only.
import type { ScriptSource, Target } from './types';

export interface DocEntry {
  id: string;
  fileName: string;
  source: ScriptSource;
  /** The document's text. For the active document the store's `text` is current and this may lag. */
  text: string;
  /** The text as opened (or last downloaded): a different current text means "modified". */
  original: string;
}

/** The same document was saved by another browser tab while this one had unsaved edits of its own. */
export interface DocConflict {
  docId: string;
  fileName: string;
  /** The other tab's text. */
  theirs: string;
}

export interface DocumentsSlice {
  docs: DocEntry[];
  activeDocId: string;
  /** The page was opened by automation: one document, nothing written to the version history. */
  automation: boolean;
  conflict: DocConflict | null;
  /** The document and the exact text the current/last run ran (evidence of that run). */
  runDocId: string | null;
  runText: string | null;
  /** Steps of the last run whose block was edited since (indices into runScript.steps). */
  changedSteps: number[];
  /** A script being downloaded (`?script=`): its file name, shown as a loading tab. */
  loadingScript: string | null;
  setLoading(name: string | null): void;
  /**
   * Opens a script as a new tab, or in the current tab when that one is untouched (unmodified, or
   * empty). Returns the document's id.
   */
  openDocument(input: { text: string; fileName: string; source: ScriptSource }): string;
  switchDocument(id: string): void;
  /** Closes a tab (the UI asks first when it is modified); the last tab is replaced by an empty one. */
  closeDocument(id: string): void;
  /** The current text becomes the document's "unmodified" baseline (after a download). */
  markUnmodified(id: string): void;
  /** Replaces the whole set of tabs (restoring a saved workspace). */
  restoreDocuments(docs: DocEntry[], activeId: string): void;
  /** Adds or updates tabs saved by another browser tab (never the active text: see setConflict). */
  mergeDocuments(docs: DocEntry[]): void;
  setConflict(conflict: DocConflict | null): void;
  setAutomation(on: boolean): void;
  setChangedSteps(steps: number[]): void;
}

/** Where the current target came from: the user's choice (saved), or a link or a driver (this page only). */
export type TargetOrigin = 'user' | 'link' | 'automation';

export interface LinkSlice {
  targetOrigin: TargetOrigin;
  /** A non-mock target a link asks for: shown, and used only once the user confirms it. */
  pendingTarget: { target: Target; autorun: boolean } | null;
  /** Uses a target for this page only (never saved). */
  setSessionTarget(target: Target, origin: Exclude<TargetOrigin, 'user'>): void;
  setPendingTarget(pending: { target: Target; autorun: boolean } | null): void;
  /** The runner's timeouts a link carried (this page only; null: the runner's defaults). */
  runTimeouts: LinkTimeouts | null;
  setRunTimeouts(t: LinkTimeouts | null): void;
}

export interface LinkTimeouts {
  receiveMs?: number;
  nothingMs?: number;
  connectMs?: number;
}
