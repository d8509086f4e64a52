import { describe, expect, it } from 'vitest';
import { compareRuns, stepOutcomes, type ComparedRun } from './compare';
import type { RunEvent, RunResult, StepFailure } from './events';

const runId = 'r';
const started = (steps: number): RunEvent => ({ type: 'run-started', runId, at: 0, target: 'x', steps });
const passed = (step: number, received = '<presence/>'): RunEvent => ({
  type: 'step-passed',
  runId,
  at: 1,
  step,
  durationMs: 1,
  expected: '<presence/>',
  received,
});
const failure = (step: number, message: string): StepFailure => ({
  step,
  line: 10 + step,
  stepText: 'Romeo receives:',
  message,
  expected: '<presence type="unavailable"/>',
  received: '<presence/>',
  mismatches: [],
});
const failed = (step: number, message: string): RunEvent => ({
  type: 'step-failed',
  runId,
  at: 2,
  durationMs: 1,
  ...failure(step, message),
});
const skipped = (step: number): RunEvent => ({ type: 'step-skipped', runId, at: 3, step });
const result = (verdict: RunResult['verdict'], f?: StepFailure): RunResult => ({
  verdict,
  durationMs: 5,
  stepsPassed: 0,
  stepsTotal: 3,
  variables: {},
  ...(f ? { failure: f } : {}),
});

const passing: ComparedRun = {
  events: [started(3), passed(0), passed(1), passed(2)],
  result: result('pass'),
};

describe('compareRuns', () => {
  it('finds no divergence between two passing runs', () => {
    const c = compareRuns(passing, passing);
    expect(c).toEqual({ verdictA: 'pass', verdictB: 'pass', sameVerdict: true, divergence: null });
  });

  it('names the first step where one side passed and the other failed, with both stanzas', () => {
    const b: ComparedRun = {
      events: [started(3), passed(0), failed(1, 'the attribute type differs'), skipped(2)],
      result: result('fail', failure(1, 'the attribute type differs')),
    };
    const c = compareRuns(passing, b, { a: 'mock', b: 'prosody' });
    expect(c.sameVerdict).toBe(false);
    expect(c.divergence?.step).toBe(1);
    expect(c.divergence?.a.status).toBe('passed');
    expect(c.divergence?.a.received).toBe('<presence/>');
    expect(c.divergence?.b.status).toBe('failed');
    expect(c.divergence?.b.expected).toBe('<presence type="unavailable"/>');
    expect(c.divergence?.sentence).toBe(
      'At step 2 (Romeo receives:, line 11): passed on mock, failed (the attribute type differs) on prosody.',
    );
  });

  it('treats failures at the same step for different reasons as a divergence, and the same reason as none', () => {
    const failAt = (msg: string): ComparedRun => ({
      events: [started(2), passed(0), failed(1, msg)],
      result: result('fail', failure(1, msg)),
    });
    expect(compareRuns(failAt('x'), failAt('x')).divergence).toBeNull();
    const d = compareRuns(failAt('x'), failAt('y')).divergence;
    expect(d?.step).toBe(1);
    expect(d?.sentence).toContain('failed (x) on A, failed (y) on B');
  });

  it('reports runs that differ before any step (one could not connect)', () => {
    const refused: ComparedRun = {
      events: [started(3)],
      result: { ...result('error', { ...failure(0, 'connection refused') }), failure: undefined },
    };
    const c = compareRuns(passing, refused);
    expect(c.verdictB).toBe('error');
    // The passing side ran step 1; the refused side never did.
    expect(c.divergence?.step).toBe(0);
    expect(c.divergence?.b.status).toBe('not run');
  });

  it('uses the result failure when no step-failed event was seen (a trace cut short)', () => {
    const outcomes = stepOutcomes({
      events: [started(2), passed(0)],
      result: result('fail', failure(1, 'm')),
    });
    expect(outcomes.map((o) => o.status)).toEqual(['passed', 'failed']);
    expect(outcomes[1].message).toBe('m');
  });

  it('says the runs end differently when all steps match but the verdicts do not', () => {
    const a: ComparedRun = { events: [started(1), passed(0)], result: result('pass') };
    const b: ComparedRun = {
      events: [started(1), passed(0)],
      result: result('error', { ...failure(0, 'connection closed'), step: 0 }),
    };
    // b's result failure marks step 0 failed, so the divergence is at step 0 with b's reason.
    const c = compareRuns(a, b);
    expect(c.divergence?.step).toBe(0);
    expect(c.divergence?.b.message).toBe('connection closed');
    const unfinished: ComparedRun = { events: [started(1), passed(0)] };
    const u = compareRuns(a, unfinished);
    expect(u.verdictB).toBe('unfinished');
    expect(u.divergence?.step).toBeNull();
    expect(u.divergence?.sentence).toBe('The runs end differently: pass on A, unfinished on B.');
  });
});
