import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../mock';
import { createTestServer } from '../runner/testing';
import { createAppStore } from '../store';
import { compareLabels, createCompareService } from './compareService';
import { DEFAULT_SCRIPT } from './defaultScript';
import { makeEntry } from './suiteSources';

describe('compare service', () => {
  it('runs the suite on both targets and gives each script both verdicts and the first divergent step', async () => {
    const store = createAppStore();
    store.getState().suiteAdd([makeEntry('ping.scs', DEFAULT_SCRIPT, 'file')]);
    store
      .getState()
      .compareSetTargets({ targetA: { kind: 'mock' }, targetB: { kind: 'ws', url: 'ws://b/' } });
    // B is a server that answers nothing: the ping's reply never comes.
    const compare = createCompareService({
      store,
      makeTransport: async (t) =>
        t.kind === 'mock' ? createInProcessTransport() : createTestServer({ settled: true }).transport,
    });
    await compare.run();
    const c = store.getState().compare;
    expect(c.running).toBe(false);
    expect(c.labels).toEqual({ a: 'mock', b: 'ws://b/' });
    const row = c.rows['ping.scs'];
    expect([row.a, row.b]).toEqual(['pass', 'fail']);
    expect(row.comparison?.divergence?.step).toBe(2);
    expect(row.comparison?.divergence?.a.received).toContain('type="result"');
    expect(row.comparison?.divergence?.sentence).toMatch(
      /^At step 3 \(Romeo receives:, line \d+\): passed on mock, failed \(.+\) on ws:\/\/b\/\.$/,
    );
    expect(compare.runsOf('ping.scs').b?.result.verdict).toBe('fail');
  });

  it('takes the workbench script when the suite is empty, and labels two equal targets apart', async () => {
    const store = createAppStore();
    store.getState().loadScript({ text: DEFAULT_SCRIPT, fileName: 'w.scs', source: 'api' });
    store.getState().compareSetTargets({ targetA: { kind: 'mock' }, targetB: { kind: 'mock' } });
    const compare = createCompareService({ store, makeTransport: async () => createInProcessTransport() });
    await compare.run();
    const c = store.getState().compare;
    expect(Object.keys(c.rows)).toEqual(['w.scs']);
    expect(c.rows['w.scs'].comparison).toMatchObject({ sameVerdict: true, divergence: null });
    expect(compareLabels({ kind: 'mock' }, { kind: 'mock' })).toEqual({ a: 'A: mock', b: 'B: mock' });
  });
});
