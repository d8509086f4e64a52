import { describe, expect, it } from 'vitest';
import { initialControl, transition, type Control, type Intent, type Progress } from './control';

function apply(c: Control, ...inputs: Array<Intent | Progress>) {
  const effects: string[] = [];
  for (const i of inputs) {
    const r = transition(c, i);
    c = r.control;
    effects.push(r.effect);
  }
  return { control: c, effects };
}

const gate = (endLine: number): Progress => ({ type: 'gate', endLine });

describe('runner control state machine', () => {
  it('RUN-CONTROL-1: run begins from idle, proceeds at every gate, finishes', () => {
    const { control, effects } = apply(
      initialControl,
      { type: 'run' },
      gate(3),
      { type: 'step-done' },
      gate(5),
      {
        type: 'finished',
      },
    );
    expect(effects).toEqual(['begin', 'proceed', 'none', 'proceed', 'none']);
    expect(control.state).toBe('finished');
  });

  it('RUN-CONTROL-2: pause holds at the next gate; a pause asked before starting starts paused', () => {
    const running = apply(initialControl, { type: 'run' }, { type: 'pause' }, gate(3));
    expect(running.effects).toEqual(['begin', 'none', 'pause']);
    expect(running.control.state).toBe('paused');
    const early = apply(initialControl, { type: 'pause' }, { type: 'run' }, gate(1));
    expect(early.effects).toEqual(['none', 'begin', 'pause']);
    // Run from paused continues to the end.
    const cont = apply(early.control, { type: 'run' }, gate(2), gate(3));
    expect(cont.effects).toEqual(['wake', 'proceed', 'proceed']);
  });

  it('RUN-CONTROL-3: step runs exactly one step, then pauses', () => {
    const { control, effects } = apply(
      initialControl,
      { type: 'step' },
      gate(1),
      { type: 'step-done' },
      gate(3),
    );
    expect(effects).toEqual(['begin', 'proceed', 'none', 'pause']);
    expect(control.state).toBe('paused');
    const again = apply(control, { type: 'step' }, gate(3), { type: 'step-done' }, gate(5));
    expect(again.effects).toEqual(['wake', 'proceed', 'none', 'pause']);
    // Step while running: the step in progress is the one step.
    const whileRunning = apply(initialControl, { type: 'run' }, { type: 'step' }, gate(1));
    expect(whileRunning.effects.at(-1)).toBe('pause');
  });

  it('RUN-CONTROL-4: run-to pauses before the step whose block reaches the line, also from paused', () => {
    const fromIdle = apply(initialControl, { type: 'run-to', line: 10 }, gate(4), gate(8), gate(12));
    expect(fromIdle.effects).toEqual(['begin', 'proceed', 'proceed', 'pause']);
    expect(fromIdle.control.targetLine).toBeUndefined();
    const paused = apply(initialControl, { type: 'step' }, gate(1), { type: 'step-done' }, gate(3)).control;
    const fromPaused = apply(paused, { type: 'run-to', line: 10 }, gate(3), gate(8), gate(12));
    expect(fromPaused.effects).toEqual(['wake', 'proceed', 'proceed', 'pause']);
    // A plain run forgets the target.
    const forgot = apply(paused, { type: 'run-to', line: 10 }, { type: 'run' }, gate(12));
    expect(forgot.effects.at(-1)).toBe('proceed');
  });

  it('RUN-CONTROL-5: stop aborts a running or paused run; stopped before it began it finishes at once', () => {
    expect(apply(initialControl, { type: 'stop' })).toMatchObject({
      effects: ['finish-now'],
      control: { state: 'finished' },
    });
    const running = apply(initialControl, { type: 'run' }, { type: 'stop' }, gate(3));
    expect(running.effects).toEqual(['begin', 'abort', 'halt']);
    expect(running.control.state).toBe('stopping');
    const paused = apply(initialControl, { type: 'pause' }, { type: 'run' }, gate(1), { type: 'stop' });
    expect(paused.effects.at(-1)).toBe('abort');
    // Nothing restarts a finished run.
    const done = apply(
      initialControl,
      { type: 'run' },
      { type: 'finished' },
      { type: 'run' },
      { type: 'step' },
    );
    expect(done.effects.slice(2)).toEqual(['none', 'none']);
  });
});
