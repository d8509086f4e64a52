// Replaying a recorded run (a trace, or a suite script's last run) into the page's run state: the same
// reducer the live run feeds, so the step list, the diff, the console and the sequence view show it
// exactly as they would have live, offline.
import type { RunEvent, RunResult } from '../runner';
import { buildJsonReport } from '../runner/report';
import { parse } from '../scansion';
import type { AppStore, ScriptSource } from '../store';

export interface RecordedRun {
  script: { name: string; text: string };
  target: string;
  events: readonly RunEvent[];
  result?: RunResult | null;
}

/** The runId the events belong to (the first one seen), or a fresh id when there are none. */
function runIdOf(events: readonly RunEvent[]): string {
  return events[0]?.runId ?? `replay-${Date.now().toString(36)}`;
}

/**
 * Puts a recorded run on the page: its script in the editor, then its events through the run reducer.
 * The caller stops any live run first. Returns the runId now shown.
 */
export function replayRun(
  store: AppStore,
  run: RecordedRun,
  opts: { source?: ScriptSource; flushParse?: () => void } = {},
): string {
  const text = run.script.text.replace(/\r\n?/g, '\n');
  const st = store.getState();
  st.loadScript({ text, fileName: run.script.name, source: opts.source ?? 'file' });
  opts.flushParse?.();
  const script = parse(text).script;
  const runId = runIdOf(run.events);
  const events = run.events.filter((e) => e.runId === runId);
  store.getState().beginRun({ runId, script, target: run.target });
  store.getState().applyEvents(events);
  const result = run.result ?? null;
  if (result) {
    if (store.getState().result === null)
      store.getState().applyEvent({ type: 'run-finished', runId, at: 0, result });
    store.getState().setJsonReport(runId, buildJsonReport([{ file: run.script.name, result }]));
  } else if (store.getState().status === 'running' || store.getState().status === 'paused') {
    // A trace of a run that never finished: show what it did, not a run that seems to go on.
    store.getState().markStopped(runId);
  }
  return runId;
}
