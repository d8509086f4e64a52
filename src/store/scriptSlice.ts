// Script slice: the text being edited, its name, and what the parsing service derived from it.
import type { StateCreator } from 'zustand';
import type { ParseResult, Script } from '../scansion/types';
import type { AppState, DiagnosticsSlice, ScriptSlice } from './types';

export const EMPTY_PARSE: ParseResult = {
  script: { metadata: { description: [], tags: [] }, clients: [], steps: [], comments: [] },
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
  loadScript: ({ text, fileName, source }) =>
    set((s) => ({
      text,
      fileName: fileName || DEFAULT_FILE_NAME,
      source,
      loadNonce: s.loadNonce + 1,
      // A different script: the old run's steps no longer mean anything.
      ...idleRun(),
    })),
  setFileName: (fileName) => set({ fileName: fileName || DEFAULT_FILE_NAME }),
  setParsed: (parsed, forText) =>
    set((s) => {
      const next = { parsed, parsedText: forText, diagnostics: parsed.diagnostics };
      // A finished run's results stay while edits keep its steps where they were; once steps move,
      // appear or go, its marks would point at the wrong lines, so the results are cleared.
      const active = s.status === 'running' || s.status === 'paused';
      if (!active && s.runScript && !sameSteps(s.runScript, parsed.script)) return { ...next, ...idleRun() };
      return next;
    }),
});

function sameSteps(a: Script, b: Script): boolean {
  if (a.steps.length !== b.steps.length) return false;
  return a.steps.every((x, i) => {
    const y = b.steps[i];
    return x.action === y.action && x.client === y.client && x.headerRange.line === y.headerRange.line;
  });
}

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
