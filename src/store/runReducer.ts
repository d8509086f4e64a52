// Pure reduction of runner events into run state. Events of any run but the current one are dropped,
// so a late event of a stopped run never reaches a newer one.
import type { RunEvent } from '../runner';
import type { ConnectionEntry, RunSlice, StanzaEntry, StepRunState } from './types';

export type RunData = Pick<
  RunSlice,
  | 'runId'
  | 'status'
  | 'steps'
  | 'currentStep'
  | 'nextStep'
  | 'selectedStep'
  | 'failures'
  | 'stanzas'
  | 'connections'
  | 'connectionLog'
  | 'eventSeq'
  | 'variables'
  | 'result'
  | 'startedAt'
>;

/** Console entries kept per run (older ones are dropped from the view, not from the runner). */
export const MAX_STANZAS = 5000;

/**
 * The state being reduced: each array or map is copied once, on its first change in a batch, then
 * changed in place. A batch of hundreds of events (the end of a fast run) costs what its events
 * change, not a copy of the console's every entry per event.
 */
interface Draft {
  s: RunData;
  owned: Set<'steps' | 'stanzas' | 'connections' | 'connectionLog' | 'failures' | 'variables'>;
}

function own<K extends 'steps' | 'stanzas' | 'connectionLog' | 'failures'>(d: Draft, key: K): RunData[K] {
  if (!d.owned.has(key)) {
    d.s[key] = d.s[key].slice() as RunData[K];
    d.owned.add(key);
  }
  return d.s[key];
}

function ownMap<K extends 'connections' | 'variables'>(d: Draft, key: K): RunData[K] {
  if (!d.owned.has(key)) {
    d.s[key] = { ...d.s[key] };
    d.owned.add(key);
  }
  return d.s[key];
}

function setStep(d: Draft, index: number, patch: Partial<StepRunState>): void {
  if (index < 0) return;
  const steps = own(d, 'steps');
  while (steps.length <= index) steps.push({ status: 'pending' });
  steps[index] = { ...steps[index], ...patch };
}

/** Patches the entries with these seqs (searched from the newest: steps consume recent stanzas). */
function patchBySeq(d: Draft, seqs: readonly number[], patch: Partial<StanzaEntry>): void {
  const wanted = new Set(seqs);
  const stanzas = d.s.stanzas;
  for (let i = stanzas.length - 1; i >= 0 && wanted.size > 0; i--) {
    const seq = stanzas[i].seq;
    if (seq === undefined || !wanted.delete(seq)) continue;
    own(d, 'stanzas')[i] = { ...d.s.stanzas[i], ...patch };
  }
}

/** Applies one event to the draft; false when it is not for this run or changes nothing. */
function apply(d: Draft, e: RunEvent): boolean {
  const state = d.s;
  if (state.runId === null || e.runId !== state.runId) return false;
  switch (e.type) {
    case 'run-started':
      state.steps = Array.from({ length: e.steps }, () => ({ status: 'pending' as const }));
      d.owned.add('steps');
      state.status = 'running';
      state.startedAt = e.at;
      state.currentStep = null;
      return true;
    case 'step-started':
      setStep(d, e.step, { status: 'running' });
      state.currentStep = e.step;
      if (state.status === 'paused') state.status = 'running';
      return true;
    case 'step-passed':
      if (e.stanzas?.length) patchBySeq(d, e.stanzas, { fate: 'matched', step: e.step });
      setStep(d, e.step, {
        status: 'passed',
        durationMs: e.durationMs,
        expected: e.expected,
        received: e.received,
      });
      return true;
    case 'step-failed': {
      const { type: _t, runId: _r, at: _a, durationMs, ...failure } = e;
      if (e.stanzaSeq !== undefined)
        patchBySeq(d, [e.stanzaSeq], {
          fate: 'unread',
          reason: `compared by step ${e.step + 1} (${e.stepText}) and did not match`,
        });
      setStep(d, e.step, { status: 'failed', durationMs, expected: e.expected, received: e.received });
      // The first failure is selected (unless the user already picked one in this run).
      if (state.failures.length === 0) state.selectedStep = e.step;
      own(d, 'failures').push(failure);
      return true;
    }
    case 'step-skipped':
      setStep(d, e.step, { status: 'skipped' });
      return true;
    case 'stanza':
      own(d, 'stanzas').push({
        id: state.eventSeq,
        ...(e.seq !== undefined ? { seq: e.seq } : {}),
        client: e.client,
        direction: e.direction,
        xml: e.xml,
        at: e.at,
        // A received stanza belongs to the step that matches it (step-passed), not the one running.
        step: e.direction === 'out' && !e.adHoc ? (e.step ?? state.currentStep) : null,
        fate: e.adHoc ? 'adhoc' : e.direction === 'out' ? 'sent' : 'pending',
      });
      state.eventSeq += 1;
      return true;
    case 'connection': {
      const entry: ConnectionEntry = {
        id: state.eventSeq,
        client: e.client,
        state: e.state,
        jid: e.jid,
        message: e.message,
        at: e.at,
      };
      ownMap(d, 'connections')[e.client] = entry;
      own(d, 'connectionLog').push(entry);
      state.eventSeq += 1;
      return true;
    }
    case 'stanza-ignored':
      if (e.seq === undefined) return false;
      patchBySeq(d, [e.seq], { fate: 'dropped', reason: e.reason });
      return true;
    case 'stanza-unread':
      if (e.seq === undefined) return false;
      patchBySeq(d, [e.seq], { fate: 'unread' });
      return true;
    case 'variables':
      Object.assign(ownMap(d, 'variables'), e.variables);
      return true;
    case 'paused':
      // Paused between steps: nothing is running; the next step is marked instead.
      state.status = 'paused';
      state.nextStep = e.nextStep;
      state.currentStep = null;
      return true;
    case 'resumed':
      state.status = 'running';
      state.nextStep = null;
      return true;
    case 'run-finished': {
      const r = e.result;
      state.status = r.verdict;
      state.result = r;
      state.currentStep = null;
      state.nextStep = null;
      Object.assign(ownMap(d, 'variables'), r.variables);
      if (r.failure && state.failures.length === 0) {
        own(d, 'failures').push(r.failure);
        state.selectedStep = r.failure.step;
        setStep(d, r.failure.step, {
          status: 'failed',
          expected: r.failure.expected,
          received: r.failure.received,
        });
      }
      // Steps still pending/running when the run ended did not run.
      if (state.steps.some((s) => s.status === 'pending' || s.status === 'running')) {
        const steps = own(d, 'steps');
        steps.forEach((s, i) => {
          if (s.status === 'pending' || s.status === 'running') steps[i] = { ...s, status: 'skipped' };
        });
      }
      return true;
    }
    default:
      return false;
  }
}

/** The run state after these events (null when none of them is for this run or changes anything). */
export function reduceRunEvents(state: RunData, events: readonly RunEvent[]): RunData | null {
  const d: Draft = { s: { ...state }, owned: new Set() };
  let changed = false;
  for (const e of events) if (apply(d, e)) changed = true;
  if (!changed) return null;
  // Only the newest entries stay in the console's view (the runner keeps them all).
  if (d.s.stanzas.length > MAX_STANZAS) d.s.stanzas = d.s.stanzas.slice(-MAX_STANZAS);
  return d.s;
}

export function reduceRunEvent(state: RunData, e: RunEvent): RunData | null {
  return reduceRunEvents(state, [e]);
}
