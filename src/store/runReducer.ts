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

function setStep(steps: StepRunState[], index: number, patch: Partial<StepRunState>): StepRunState[] {
  if (index < 0) return steps;
  const next = steps.slice();
  while (next.length <= index) next.push({ status: 'pending' });
  next[index] = { ...next[index], ...patch };
  return next;
}

/** The entries with these seqs, patched (searched from the newest: steps consume recent stanzas). */
function patchBySeq(
  stanzas: StanzaEntry[],
  seqs: readonly number[],
  patch: Partial<StanzaEntry>,
): StanzaEntry[] | null {
  const wanted = new Set(seqs);
  let next: StanzaEntry[] | null = null;
  for (let i = stanzas.length - 1; i >= 0 && wanted.size > 0; i--) {
    const seq = stanzas[i].seq;
    if (seq === undefined || !wanted.delete(seq)) continue;
    next ??= stanzas.slice();
    next[i] = { ...stanzas[i], ...patch };
  }
  return next;
}

function patchOne(state: RunData, seq: number | undefined, patch: Partial<StanzaEntry>): Partial<RunData> {
  const stanzas = seq === undefined ? null : patchBySeq(state.stanzas, [seq], patch);
  return stanzas ? { stanzas } : {};
}

export function reduceRunEvent(state: RunData, e: RunEvent): Partial<RunData> | null {
  if (state.runId === null || e.runId !== state.runId) return null;
  switch (e.type) {
    case 'run-started': {
      const steps: StepRunState[] = Array.from({ length: e.steps }, () => ({ status: 'pending' }));
      return { status: 'running', steps, startedAt: e.at, currentStep: null };
    }
    case 'step-started':
      return {
        steps: setStep(state.steps, e.step, { status: 'running' }),
        currentStep: e.step,
        status: state.status === 'paused' ? 'running' : state.status,
      };
    case 'step-passed': {
      const matched = e.stanzas?.length
        ? patchBySeq(state.stanzas, e.stanzas, { fate: 'matched', step: e.step })
        : null;
      return {
        steps: setStep(state.steps, e.step, {
          status: 'passed',
          durationMs: e.durationMs,
          expected: e.expected,
          received: e.received,
        }),
        ...(matched ? { stanzas: matched } : {}),
      };
    }
    case 'step-failed': {
      const { type: _t, runId: _r, at: _a, durationMs, ...failure } = e;
      return {
        ...patchOne(state, e.stanzaSeq, {
          fate: 'unread',
          reason: `compared by step ${e.step + 1} (${e.stepText}) and did not match`,
        }),
        steps: setStep(state.steps, e.step, {
          status: 'failed',
          durationMs,
          expected: e.expected,
          received: e.received,
        }),
        failures: [...state.failures, failure],
        // The first failure is selected (unless the user already picked one in this run).
        selectedStep: state.failures.length === 0 ? e.step : state.selectedStep,
      };
    }
    case 'step-skipped':
      return { steps: setStep(state.steps, e.step, { status: 'skipped' }) };
    case 'stanza': {
      const entry: StanzaEntry = {
        id: state.eventSeq,
        ...(e.seq !== undefined ? { seq: e.seq } : {}),
        client: e.client,
        direction: e.direction,
        xml: e.xml,
        at: e.at,
        // A received stanza belongs to the step that matches it (step-passed), not the one running.
        step: e.direction === 'out' && !e.adHoc ? (e.step ?? state.currentStep) : null,
        fate: e.adHoc ? 'adhoc' : e.direction === 'out' ? 'sent' : 'pending',
      };
      const stanzas =
        state.stanzas.length >= MAX_STANZAS ? [...state.stanzas.slice(1), entry] : [...state.stanzas, entry];
      return { stanzas, eventSeq: state.eventSeq + 1 };
    }
    case 'connection': {
      const entry: ConnectionEntry = {
        id: state.eventSeq,
        client: e.client,
        state: e.state,
        jid: e.jid,
        message: e.message,
        at: e.at,
      };
      return {
        connections: { ...state.connections, [e.client]: entry },
        connectionLog: [...state.connectionLog, entry],
        eventSeq: state.eventSeq + 1,
      };
    }
    case 'stanza-ignored':
      return patchOne(state, e.seq, { fate: 'dropped', reason: e.reason });
    case 'stanza-unread':
      return patchOne(state, e.seq, { fate: 'unread' });
    case 'variables':
      return { variables: { ...state.variables, ...e.variables } };
    case 'paused':
      // Paused between steps: nothing is running; the next step is marked instead.
      return { status: 'paused', nextStep: e.nextStep, currentStep: null };
    case 'resumed':
      return { status: 'running', nextStep: null };
    case 'run-finished': {
      const r = e.result;
      const patch: Partial<RunData> = {
        status: r.verdict,
        result: r,
        currentStep: null,
        nextStep: null,
        variables: { ...state.variables, ...r.variables },
      };
      if (r.failure && state.failures.length === 0) {
        patch.failures = [r.failure];
        patch.selectedStep = r.failure.step;
        patch.steps = setStep(state.steps, r.failure.step, {
          status: 'failed',
          expected: r.failure.expected,
          received: r.failure.received,
        });
      }
      // Steps still pending/running when the run ended did not run.
      const base = patch.steps ?? state.steps;
      if (base.some((s) => s.status === 'pending' || s.status === 'running')) {
        patch.steps = base.map((s) =>
          s.status === 'pending' || s.status === 'running' ? { ...s, status: 'skipped' as const } : s,
        );
      }
      return patch;
    }
    default:
      return null;
  }
}

export function reduceRunEvents(state: RunData, events: RunEvent[]): Partial<RunData> | null {
  let cur: RunData = state;
  let changed = false;
  for (const e of events) {
    const patch = reduceRunEvent(cur, e);
    if (patch) {
      cur = { ...cur, ...patch };
      changed = true;
    }
  }
  if (!changed) return null;
  return cur;
}
