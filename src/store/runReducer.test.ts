import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../runner/events';
import type { Script } from '../scansion/types';
import { createAppStore, selectServerClosed } from './index';

function script(n: number): Script {
  return {
    metadata: { description: [], tags: [] },
    clients: [],
    steps: Array.from({ length: n }, (_, i) => ({
      index: i,
      action: 'connects' as const,
      client: 'Romeo',
      range: { line: i + 1, column: 1, endLine: i + 1, endColumn: 10 },
      headerRange: { line: i + 1, column: 1, endLine: i + 1, endColumn: 10 },
    })),
  };
}

const stanza = (seq: number, direction: 'in' | 'out', extra: Record<string, unknown> = {}): RunEvent => ({
  type: 'stanza',
  runId: 'r',
  at: seq,
  client: 'Romeo',
  direction,
  xml: `<s n="${seq}"/>`,
  seq,
  ...extra,
});

describe('run reducer: attribution', () => {
  it('labels a received stanza with the step that matched it, not the step running when it arrived', () => {
    const store = createAppStore();
    store.getState().beginRun({ runId: 'r', script: script(5), target: 'mock' });
    const ev: RunEvent[] = [
      { type: 'run-started', runId: 'r', at: 0, target: 'mock', steps: 5 },
      { type: 'step-started', runId: 'r', at: 0, step: 1 },
      stanza(1, 'out', { step: 1 }),
      stanza(2, 'in'),
      stanza(3, 'in'),
      stanza(4, 'in'),
      { type: 'step-passed', runId: 'r', at: 1, step: 1, durationMs: 1 },
      { type: 'step-started', runId: 'r', at: 1, step: 2 },
      { type: 'step-passed', runId: 'r', at: 1, step: 2, durationMs: 1, stanzas: [2] },
      {
        type: 'stanza-ignored',
        runId: 'r',
        at: 2,
        client: 'Romeo',
        xml: '<s n="3"/>',
        reason: 'burst leftover',
        seq: 3,
      },
      { type: 'step-started', runId: 'r', at: 2, step: 3 },
      stanza(5, 'out', { adHoc: true }),
      stanza(6, 'in', { adHoc: true }),
      stanza(7, 'in'),
      {
        type: 'step-failed',
        runId: 'r',
        at: 3,
        durationMs: 1,
        step: 3,
        line: 4,
        stepText: 'Romeo receives:',
        message: 'mismatch',
        mismatches: [],
        stanzaSeq: 4,
      },
      { type: 'stanza-unread', runId: 'r', at: 4, client: 'Romeo', seq: 7 },
    ];
    store.getState().applyEvents(ev);
    const view = store.getState().stanzas.map((x) => [x.seq, x.fate, x.step, x.reason ?? null]);
    expect(view).toEqual([
      [1, 'sent', 1, null],
      [2, 'matched', 2, null],
      [3, 'dropped', null, 'burst leftover'],
      [4, 'unread', null, 'compared by step 4 (Romeo receives:) and did not match'],
      [5, 'adhoc', null, null],
      [6, 'adhoc', null, null],
      [7, 'unread', null, null],
    ]);
  });
});

describe('run reducer: a stream the server closed', () => {
  it('RUN-CONTROL-6: is shown at once while paused, and forgotten when the client reconnects', () => {
    const store = createAppStore();
    store.getState().beginRun({ runId: 'r', script: script(3), target: 'mock' });
    const conn = (state: 'online' | 'closed' | 'connecting', message?: string): RunEvent => ({
      type: 'connection',
      runId: 'r',
      at: 1,
      client: 'Romeo',
      state,
      ...(message ? { message } : {}),
    });
    store
      .getState()
      .applyEvents([
        { type: 'run-started', runId: 'r', at: 0, target: 'mock', steps: 3 },
        conn('online'),
        { type: 'paused', runId: 'r', at: 1, nextStep: 1 },
      ]);
    expect(selectServerClosed(store.getState())).toBeNull();
    store.getState().applyEvent(conn('closed', 'closed by the server: stream error <system-shutdown/>'));
    const s = store.getState();
    expect(s.status).toBe('paused');
    expect(selectServerClosed(s)).toMatchObject({
      client: 'Romeo',
      message: 'closed by the server: stream error <system-shutdown/>',
    });
    store.getState().applyEvent(conn('connecting'));
    expect(selectServerClosed(store.getState())).toBeNull();
    // A close we asked for is no news.
    store.getState().applyEvent(conn('closed'));
    expect(selectServerClosed(store.getState())).toBeNull();
  });
});

describe('run reducer: batches', () => {
  const events = (): RunEvent[] => [
    { type: 'run-started', runId: 'r', at: 0, target: 'mock', steps: 4 },
    { type: 'step-started', runId: 'r', at: 0, step: 0 },
    stanza(1, 'out', { step: 0 }),
    stanza(2, 'in'),
    { type: 'step-passed', runId: 'r', at: 1, step: 0, durationMs: 1, stanzas: [2] },
    { type: 'connection', runId: 'r', at: 1, client: 'Romeo', state: 'online' },
    { type: 'variables', runId: 'r', at: 1, variables: { a: '1' } },
    { type: 'step-started', runId: 'r', at: 1, step: 1 },
    stanza(3, 'in'),
    { type: 'stanza-ignored', runId: 'r', at: 2, client: 'Romeo', xml: '<s n="3"/>', reason: 'left', seq: 3 },
    { type: 'step-passed', runId: 'r', at: 2, step: 1, durationMs: 2 },
  ];

  it('a batch ends where the same events applied one by one end', () => {
    const one = createAppStore();
    const all = createAppStore();
    for (const s of [one, all]) s.getState().beginRun({ runId: 'r', script: script(4), target: 'mock' });
    for (const e of events()) one.getState().applyEvent(e);
    all.getState().applyEvents(events());
    const pick = (s: ReturnType<typeof one.getState>) => ({
      steps: s.steps,
      stanzas: s.stanzas,
      connections: s.connections,
      connectionLog: s.connectionLog,
      variables: s.variables,
      eventSeq: s.eventSeq,
      currentStep: s.currentStep,
    });
    expect(pick(all.getState())).toEqual(pick(one.getState()));
    expect(all.getState().stanzas.map((x) => x.fate)).toEqual(['sent', 'matched', 'dropped']);
  });

  it('never changes the arrays and maps of the state it started from', () => {
    const store = createAppStore();
    store.getState().beginRun({ runId: 'r', script: script(4), target: 'mock' });
    store.getState().applyEvents(events().slice(0, 4));
    const before = store.getState();
    const frozen = JSON.stringify([before.steps, before.stanzas, before.connectionLog, before.variables]);
    store.getState().applyEvents(events().slice(4));
    const after = store.getState();
    expect(JSON.stringify([before.steps, before.stanzas, before.connectionLog, before.variables])).toBe(
      frozen,
    );
    expect(after.steps).not.toBe(before.steps);
    expect(after.stanzas).not.toBe(before.stanzas);
    expect(after.stanzas[1].fate).toBe('matched');
    expect(before.stanzas[1].fate).toBe('pending');
  });
});
