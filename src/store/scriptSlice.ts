// Script slice: the text being edited, its name, and what the parsing service derived from it.
import type { StateCreator } from 'zustand';
import type { ParseResult } from '../scansion/types';
import type { AppState, DiagnosticsSlice, ScriptSlice } from './types';

export const EMPTY_PARSE: ParseResult = {
  script: { metadata: { description: [], tags: [] }, clients: [], steps: [] },
  diagnostics: [],
};

export const DEFAULT_FILE_NAME = 'untitled.scs';

export const createScriptSlice: StateCreator<AppState, [], [], ScriptSlice & DiagnosticsSlice> = (set) => ({
  text: '',
  fileName: DEFAULT_FILE_NAME,
  source: 'default',
  loadNonce: 0,
  parsed: EMPTY_PARSE,
  parsedText: '',
  diagnostics: [],
  setText: (text) => set((s) => (s.text === text ? s : { text })),
  // Replaces the active document's content (automation's setScript); opening a script as a document of
  // its own is openDocument (documents slice).
  loadScript: ({ text, fileName, source }) =>
    set((s) => {
      const name = fileName || DEFAULT_FILE_NAME;
      return {
        text,
        fileName: name,
        source,
        loadNonce: s.loadNonce + 1,
        docs: s.docs.map((d) =>
          d.id === s.activeDocId ? { ...d, text, fileName: name, source, original: text } : d,
        ),
        // A different script: the old run's steps no longer mean anything.
        ...(s.runDocId === s.activeDocId || s.runDocId === null
          ? { ...idleRun(), runDocId: null, runText: null }
          : {}),
      };
    }),
  setFileName: (fileName) => set({ fileName: fileName || DEFAULT_FILE_NAME }),
  // A finished run's results stay on screen while the text changes (marked out of date, see
  // selectRunOutOfDate); a rerun replaces them.
  setParsed: (parsed, forText) => set({ parsed, parsedText: forText, diagnostics: parsed.diagnostics }),
});

/** The run slice's idle values (shared with resetRun). */
export function idleRun() {
  return {
    runId: null,
    status: 'idle' as const,
    runTarget: null,
    runScript: null,
    steps: [],
    currentStep: null,
    nextStep: null,
    selectedStep: null,
    failures: [],
    stanzas: [],
    connections: {},
    connectionLog: [],
    eventSeq: 0,
    variables: {},
    result: null,
    jsonReport: null,
    runError: null,
    stopped: false,
    startedAt: null,
  };
}
