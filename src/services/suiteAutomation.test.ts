import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../mock';
import { createAppStore } from '../store';
import { DEFAULT_SCRIPT } from './defaultScript';
import { startParsing } from './parsing';
import { installSuiteAutomation, type SuiteAutomationHook } from './suiteAutomation';

const PASSING = DEFAULT_SCRIPT;
const FAILING = DEFAULT_SCRIPT.replace(
  '<iq type="result" id="ping-1" from="localhost"/>',
  '<iq type="error" id="ping-1" from="localhost"/>',
);

function setup(resettable: boolean) {
  const store = createAppStore();
  const parsing = startParsing(store, { delayMs: 0 });
  const win: { __scsAutomation: unknown; __scansionSuite?: SuiteAutomationHook } = {
    __scsAutomation: { target: 'mock', mock: 'page' },
  };
  const counts = { transports: 0, resets: 0 };
  const uninstall = installSuiteAutomation(win, {
    store,
    flushParse: parsing.flush,
    makeTransport: async () => {
      counts.transports++;
      const t = createInProcessTransport();
      return resettable ? Object.assign(t, { reset: async () => void counts.resets++ }) : t;
    },
  });
  return { store, hook: win.__scansionSuite!, counts, uninstall, win };
}

describe('suite automation (window.__scansionSuite)', () => {
  it('runs a passing script off-screen: verdict, report and trace, the workbench untouched', async () => {
    const { store, hook } = setup(false);
    const before = store.getState().text;
    const viewBefore = store.getState().view;
    const out = await hook.runScript(PASSING.replace(/\n/g, '\r\n'), 'ping.scs');
    expect(out.status).toBe('pass');
    expect(out.blocked).toBeNull();
    expect(out.report?.scripts).toEqual([expect.objectContaining({ file: 'ping.scs', status: 'pass' })]);
    expect(out.trace).toMatchObject({ script: { name: 'ping.scs', text: PASSING }, target: 'mock' });
    expect(out.trace?.result?.verdict).toBe('pass');
    expect(out.trace?.events.map((e) => e.type)).toContain('stanza');
    // Nothing of a passing run is put on the page: no editor load, no run views to render.
    expect(store.getState().text).toBe(before);
    expect(store.getState().runId).toBeNull();
    expect(store.getState().view).toBe(viewBefore);
  });

  it('puts a failing run on the page: the workbench shows it, with the same report', async () => {
    const { store, hook } = setup(false);
    const out = await hook.runScript(FAILING, 'ping-wrong.scs');
    expect(out.status).toBe('fail');
    expect(out.report?.scripts[0]).toMatchObject({ status: 'fail' });
    const s = store.getState();
    expect(s.view).toBe('workbench');
    expect(s.text).toBe(FAILING);
    expect(s.status).toBe('fail');
    expect(s.result?.failure?.message).toBe(out.trace?.result?.failure?.message);
    expect(s.jsonReport).toEqual(out.report);
  });

  it('says why a script cannot run, and shows it in the workbench', async () => {
    const { store, hook } = setup(false);
    const out = await hook.runScript('[Client] Romeo\n\tjid romeo@localhost\n', 'broken.scs');
    expect(out.status).toBe('invalid');
    expect(out.report).toBeNull();
    expect(out.trace).toBeNull();
    expect(out.blocked).toBeTruthy();
    expect(store.getState().view).toBe('workbench');
    expect(store.getState().text).toContain('jid romeo@localhost');
  });

  it('gives each script a fresh mock: one transport, reset between scripts when it can be', async () => {
    const a = setup(true);
    await a.hook.runScript(PASSING, 'a.scs');
    await a.hook.runScript(FAILING, 'b.scs');
    expect((await a.hook.runScript(PASSING, 'c.scs')).status).toBe('pass');
    expect(a.counts).toEqual({ transports: 1, resets: 2 });
    const b = setup(false);
    await b.hook.runScript(PASSING, 'a.scs');
    await b.hook.runScript(PASSING, 'b.scs');
    expect(b.counts).toEqual({ transports: 2, resets: 0 });
    b.uninstall();
    expect(b.win.__scansionSuite).toBeUndefined();
  });
});
