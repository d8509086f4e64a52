import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../mock';
import { createAppStore } from '../store';
import { applyDriverTarget, installAutomationHook, type ScansionHook } from './automation';
import { DEFAULT_SCRIPT } from './defaultScript';
import { startParsing } from './parsing';
import { createRunController } from './runController';

describe('automation hook', () => {
  it('window.__scansion sets and runs the script; scansionResult holds the JSON report', async () => {
    const store = createAppStore();
    store.getState().loadScript({ text: '', fileName: 'auto.scs', source: 'api' });
    const parsing = startParsing(store, { delayMs: 0 });
    const controller = createRunController({
      store,
      flushParse: parsing.flush,
      makeTransport: async () => createInProcessTransport(),
      schedule: (fn) => queueMicrotask(fn),
    });
    const win: { __scansion?: ScansionHook; scansionResult?: unknown } = {};
    const off = installAutomationHook(win, store, controller, parsing.flush);
    win.__scansion!.setScript(DEFAULT_SCRIPT);
    expect(win.__scansion!.getScript()).toBe(DEFAULT_SCRIPT);
    const report = (await win.__scansion!.run()) as { scripts: { file: string; status: string }[] };
    expect(report.scripts).toEqual([expect.objectContaining({ file: 'auto.scs', status: 'pass' })]);
    expect(win.scansionResult).toBe(report);
    // A new run withdraws the old result until it finishes.
    const again = win.__scansion!.run();
    expect(win.scansionResult).toBeUndefined();
    await again;
    expect(win.scansionResult).toBeDefined();
    off();
    expect(win.__scansion).toBeUndefined();
  });
});

describe("a driver's target", () => {
  it('becomes the session target; a malformed one is reported and changes nothing', () => {
    const store = createAppStore();
    const saved = store.getState().target;
    applyDriverTarget(store, { target: 'ws://127.0.0.1:5280/xmpp-websocket' });
    expect(store.getState().target).toEqual({ kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' });

    const other = createAppStore();
    applyDriverTarget(other, { target: 'http://example.org/' });
    expect(other.getState().target).toEqual(saved);
    expect(other.getState().notice).toMatchObject({ kind: 'error' });
    expect(other.getState().notice?.text).toContain('http://example.org/');

    applyDriverTarget(other, null);
    expect(other.getState().target).toEqual(saved);
  });
});
