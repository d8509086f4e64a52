// Run slice: what the current run did, fed by the run controller through applyEvent.
import type { StateCreator } from 'zustand';
import { idleRun } from './scriptSlice';
import { reduceRunEvent, reduceRunEvents } from './runReducer';
import type { AppState, RunSlice } from './types';

/**
 * When a run ends, the output panel shows what matters: the failure's diff when it failed, the XML
 * console when it passed (the details of a passed run have nothing selected).
 */
function withPanel(s: AppState, patch: Partial<AppState> | null): Partial<AppState> | null {
  if (!patch || !patch.status || patch.status === s.status) return patch;
  if (patch.status === 'pass') return { ...patch, bottomPanel: 'console' };
  if (patch.status === 'fail' || patch.status === 'error') return { ...patch, bottomPanel: 'details' };
  return patch;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set) => ({
  ...idleRun(),
  beginRun: ({ runId, script, target }) =>
    set({
      ...idleRun(),
      runId,
      status: 'running',
      runTarget: target,
      runScript: script,
      steps: script.steps.map(() => ({ status: 'pending' as const })),
    }),
  applyEvent: (event) => set((s) => withPanel(s, reduceRunEvent(s, event)) ?? s),
  applyEvents: (events) => set((s) => withPanel(s, reduceRunEvents(s, events)) ?? s),
  setJsonReport: (runId, report) => set((s) => (s.runId === runId ? { jsonReport: report } : s)),
  setRunError: (runId, message) =>
    set((s) =>
      s.runId === runId ? { runError: message, status: 'error', currentStep: null, nextStep: null } : s,
    ),
  markStopped: (runId) =>
    set((s) =>
      s.runId === runId
        ? {
            status: 'idle',
            stopped: true,
            currentStep: null,
            nextStep: null,
            steps: s.steps.map((x) => (x.status === 'running' ? { ...x, status: 'skipped' as const } : x)),
          }
        : s,
    ),
  resetRun: () => set(idleRun()),
  selectStep: (index) => set({ selectedStep: index }),
});
