import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../runner/events';
import type { Script } from '../scansion/types';
import { createAppStore, selectDisplayStatus, selectErrors, selectRunOutOfDate } from './index';

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

describe('run slice', () => {
  it('drops events of an earlier run', () => {
    const store = createAppStore();
    store.getState().beginRun({ runId: 'a', script: script(2), target: 'mock' });
    store.getState().beginRun({ runId: 'b', script: script(2), target: 'mock' });
    store.getState().applyEvent({ type: 'step-started', runId: 'a', at: 1, step: 1 });
    store
      .getState()
      .applyEvent({ type: 'stanza', runId: 'a', at: 1, client: 'R', direction: 'in', xml: '<x/>' });
    expect(store.getState().currentStep).toBeNull();
    expect(store.getState().stanzas).toHaveLength(0);
    store.getState().applyEvent({ type: 'step-started', runId: 'b', at: 1, step: 1 });
    expect(store.getState().currentStep).toBe(1);
    expect(store.getState().steps[1].status).toBe('running');
  });

  it('selects the first failure and marks unrun steps skipped at the end', () => {
    const store = createAppStore();
    store.getState().beginRun({ runId: 'r', script: script(4), target: 'mock' });
    const ev: RunEvent[] = [
      { type: 'run-started', runId: 'r', at: 0, target: 'mock', steps: 4 },
      { type: 'step-started', runId: 'r', at: 0, step: 0 },
      { type: 'step-passed', runId: 'r', at: 3, step: 0, durationMs: 3 },
      { type: 'step-started', runId: 'r', at: 3, step: 1 },
      {
        type: 'step-failed',
        runId: 'r',
        at: 5,
        durationMs: 2,
        step: 1,
        line: 2,
        stepText: 'Romeo receives:',
        message: 'mismatch',
        mismatches: [],
      },
      {
        type: 'run-finished',
        runId: 'r',
        at: 6,
        result: { verdict: 'fail', durationMs: 6, stepsPassed: 1, stepsTotal: 4, variables: { a: 'b' } },
      },
    ];
    store.getState().applyEvents(ev);
    const s = store.getState();
    expect(s.status).toBe('fail');
    expect(s.bottomPanel).toBe('details');
    expect(s.selectedStep).toBe(1);
    expect(s.failures).toHaveLength(1);
    expect(s.steps.map((x) => x.status)).toEqual(['passed', 'failed', 'skipped', 'skipped']);
    expect(s.steps[0].durationMs).toBe(3);
    expect(s.variables).toEqual({ a: 'b' });
  });

  it('takes the failure from run-finished when no step-failed came', () => {
    const store = createAppStore();
    store.getState().beginRun({ runId: 'r', script: script(2), target: 'mock' });
    store.getState().applyEvent({
      type: 'run-finished',
      runId: 'r',
      at: 1,
      result: {
        verdict: 'fail',
        durationMs: 1,
        stepsPassed: 0,
        stepsTotal: 2,
        variables: {},
        failure: { step: 1, line: 2, stepText: 'x', message: 'm', mismatches: [], received: '<a/>' },
      },
    });
    expect(store.getState().selectedStep).toBe(1);
    expect(store.getState().steps[1]).toMatchObject({ status: 'failed', received: '<a/>' });
  });

  it('shows the console when a run passes', () => {
    const store = createAppStore();
    store.getState().beginRun({ runId: 'r', script: script(1), target: 'mock' });
    store.getState().applyEvent({
      type: 'run-finished',
      runId: 'r',
      at: 1,
      result: { verdict: 'pass', durationMs: 1, stepsPassed: 1, stepsTotal: 1, variables: {} },
    });
    expect(store.getState().bottomPanel).toBe('console');
  });

  it('tracks pause and resume', () => {
    const store = createAppStore();
    store.getState().beginRun({ runId: 'r', script: script(2), target: 'mock' });
    store.getState().applyEvent({ type: 'paused', runId: 'r', at: 1, nextStep: 1 });
    expect(store.getState().status).toBe('paused');
    expect(store.getState().nextStep).toBe(1);
    store.getState().applyEvent({ type: 'resumed', runId: 'r', at: 2 });
    expect(store.getState().status).toBe('running');
  });

  it('loading a script resets the run and bumps loadNonce', () => {
    const store = createAppStore();
    store.getState().beginRun({ runId: 'r', script: script(2), target: 'mock' });
    store.getState().loadScript({ text: 'x', fileName: 'a.scs', source: 'file' });
    const s = store.getState();
    expect(s.status).toBe('idle');
    expect(s.runId).toBeNull();
    expect(s.loadNonce).toBe(1);
    expect(s.text).toBe('x');
  });
});

describe('script slice', () => {
  it('keeps finished results through edits, even when steps move (marked out of date instead)', () => {
    const store = createAppStore();
    store.getState().beginRun({ runId: 'r', script: script(2), target: 'mock' });
    store.getState().applyEvent({
      type: 'run-finished',
      runId: 'r',
      at: 1,
      result: { verdict: 'pass', durationMs: 1, stepsPassed: 2, stepsTotal: 2, variables: {} },
    });
    store.getState().setParsed({ script: script(2), diagnostics: [] }, 'same');
    expect(store.getState().status).toBe('pass');
    store.setState({ runDocId: store.getState().activeDocId, runText: 'same', text: 'same' });
    expect(selectRunOutOfDate(store.getState())).toBe(false);
    store.getState().setText('more');
    store.getState().setParsed({ script: script(3), diagnostics: [] }, 'more');
    expect(store.getState().status).toBe('pass');
    expect(store.getState().runScript?.steps).toHaveLength(2);
    expect(selectRunOutOfDate(store.getState())).toBe(true);
    // A rerun replaces the evidence.
    store.getState().beginRun({ runId: 'r2', script: script(3), target: 'mock' });
    expect(selectRunOutOfDate(store.getState())).toBe(false);
  });
});

describe('selectors', () => {
  it('derives invalid status from error diagnostics and keeps error arrays stable', () => {
    const store = createAppStore();
    const d = {
      severity: 'error' as const,
      code: 'x',
      message: 'bad',
      line: 3,
      column: 1,
      endLine: 3,
      endColumn: 2,
    };
    store.getState().setParsed({ script: script(0), diagnostics: [d] }, '');
    const s = store.getState();
    expect(selectDisplayStatus(s)).toBe('invalid');
    expect(selectErrors(s)).toBe(selectErrors(s));
    expect(selectErrors(s)).toEqual([d]);
  });
});
