import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store';
import { startAutoStep } from './livePresenter';

function fakeTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  return {
    pending,
    timers: {
      set: (fn: () => void, ms: number) => (pending.set(++next, { fn, ms }), next),
      clear: (h: unknown) => void pending.delete(h as number),
    },
    fire() {
      const [[id, t]] = [...pending];
      pending.delete(id);
      t.fn();
    },
  };
}

describe('auto-step', () => {
  it('steps a paused run after the delay while presentation auto-step is on, and stops when off', async () => {
    const store = createAppStore();
    const t = fakeTimers();
    let steps = 0;
    const stop = startAutoStep(store, { step: async () => void (steps += 1) }, t.timers);
    store.setState({ status: 'paused' });
    expect(t.pending.size).toBe(0); // presentation off
    store.getState().setPresentation({ on: true, autoStep: true, autoStepMs: 700 });
    expect([...t.pending.values()].map((p) => p.ms)).toEqual([700]);
    t.fire();
    await Promise.resolve();
    await Promise.resolve();
    expect(steps).toBe(1);
    expect(t.pending.size).toBe(1); // still paused: the next step is scheduled
    store.getState().setPresentation({ autoStep: false });
    expect(t.pending.size).toBe(0);
    store.getState().setPresentation({ autoStep: true });
    store.setState({ status: 'pass' });
    expect(t.pending.size).toBe(0); // finished runs are left alone
    stop();
  });
});
