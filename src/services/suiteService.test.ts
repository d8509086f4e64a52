import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../mock';
import { createAppStore, selectVisibleEntries } from '../store';
import { DEFAULT_SCRIPT } from './defaultScript';
import { startParsing } from './parsing';
import { createSuiteService } from './suiteService';
import type { DirSource, FileSource } from './suiteSources';
import { fakeRunPool } from '../worker/testing';

const PASSING = `## ping\n${DEFAULT_SCRIPT}`;
const FAILING = `## ping\n## broken\n${DEFAULT_SCRIPT.replace(
  '<iq type="result" id="ping-1" from="localhost"/>',
  '<iq type="error" id="ping-1" from="localhost"/>',
)}`;

function setup(parallel = 2) {
  const store = createAppStore();
  const parsing = startParsing(store, { delayMs: 0 });
  let transports = 0;
  let resets = 0;
  const suite = createSuiteService({
    store,
    parallel,
    flushParse: parsing.flush,
    pollMs: 20,
    makeTransport: async () => {
      transports++;
      // The mock worker's transport can be reset to a fresh server between scripts; so can this one.
      return Object.assign(createInProcessTransport(), { reset: async () => void resets++ });
    },
  });
  return { store, suite, transports: () => transports, resets: () => resets };
}

const file = (name: string, text: string, lastModified = 1) => new File([text], name, { lastModified });
const statuses = (store: ReturnType<typeof createAppStore>) =>
  Object.fromEntries(store.getState().suiteEntries.map((e) => [e.id, e.status]));

/** A picked folder whose files a test can change (the File System Access API's shape). */
function fakeDir(files: Record<string, { text: string; lastModified: number }>): DirSource {
  const handle = (name: string): FileSource & { name: string; kind: 'file' } => ({
    name,
    kind: 'file',
    getFile: async () => file(name, files[name].text, files[name].lastModified),
  });
  return {
    name: 'suite',
    kind: 'directory',
    async *values() {
      for (const name of Object.keys(files)) yield handle(name);
    },
  };
}

describe('suite service', () => {
  it('opens files, runs them all on the mock in parallel lanes, and records each run', async () => {
    const { store, suite, transports, resets } = setup(2);
    await suite.openFiles([
      file('b.scs', FAILING),
      file('a.scs', PASSING),
      file('notes.txt', 'x'),
      file('c.scs', PASSING),
    ]);
    expect(store.getState().suiteEntries.map((e) => e.id)).toEqual(['a.scs', 'b.scs', 'c.scs']);
    expect(store.getState().suiteEntries[1].tags).toEqual(['ping', 'broken']);
    await suite.runAll();
    expect(statuses(store)).toEqual({ 'a.scs': 'pass', 'b.scs': 'fail', 'c.scs': 'pass' });
    // Two lanes, each with one mock reset between scripts.
    expect(transports()).toBe(2);
    expect(resets()).toBe(1);
    expect(store.getState().suiteEntries[1].message).toBeTruthy();
    expect(suite.lastRun('b.scs')?.result.verdict).toBe('fail');
    expect(store.getState().suiteRunning).toBe(false);
  });

  it('on run workers: parallel lanes, each a warm worker kept between scripts and between suite runs', async () => {
    const store = createAppStore();
    const parsing = startParsing(store, { delayMs: 0 });
    const { pool, workers } = fakeRunPool();
    const suite = createSuiteService({
      store,
      parallel: 2,
      flushParse: parsing.flush,
      pollMs: 20,
      makeTransport: async () => pool.acquire(),
    });
    await suite.openFiles([file('a.scs', PASSING), file('b.scs', FAILING), file('c.scs', PASSING)]);
    await suite.runAll();
    expect(statuses(store)).toEqual({ 'a.scs': 'pass', 'b.scs': 'fail', 'c.scs': 'pass' });
    expect(suite.lastRun('b.scs')?.events.some((e) => e.type === 'step-failed')).toBe(true);
    await suite.runAll();
    expect(statuses(store)).toEqual({ 'a.scs': 'pass', 'b.scs': 'fail', 'c.scs': 'pass' });
    expect(workers).toHaveLength(2);
    pool.dispose();
  });

  it('reruns only the failed scripts, and only the selected ones', async () => {
    const { store, suite } = setup();
    await suite.openFiles([file('a.scs', PASSING), file('b.scs', FAILING)]);
    await suite.runAll();
    const runsOf = () => store.getState().suiteEntries.map((e) => e.runs);
    expect(runsOf()).toEqual([1, 1]);
    await suite.runFailed();
    expect(runsOf()).toEqual([1, 2]);
    store.getState().suiteToggleChecked('a.scs');
    await suite.runSelected();
    expect(runsOf()).toEqual([2, 2]);
  });

  it('filters by status, text and tag', async () => {
    const { store, suite } = setup();
    await suite.openFiles([file('a.scs', PASSING), file('b.scs', FAILING), file('c.scs', '# nothing\n')]);
    await suite.runAll();
    const visible = () => selectVisibleEntries(store.getState()).map((e) => e.id);
    store.getState().suiteSetFilter({ status: 'failed' });
    // c.scs has no steps: an error, which counts as failed.
    expect(visible()).toEqual(['b.scs', 'c.scs']);
    store.getState().suiteSetFilter({ status: 'all', tag: 'broken' });
    expect(visible()).toEqual(['b.scs']);
    store.getState().suiteSetFilter({ tag: '', text: 'nothing' });
    expect(visible()).toEqual(['c.scs']);
  });

  it('opens a script in the workbench with its last run replayed', async () => {
    const { store, suite } = setup();
    await suite.openFiles([file('b.scs', FAILING)]);
    await suite.runAll();
    store.getState().setView('suite');
    suite.open('b.scs');
    await new Promise((r) => setTimeout(r, 0));
    const s = store.getState();
    expect(s.view).toBe('workbench');
    expect(s.text).toBe(FAILING);
    expect(s.fileName).toBe('b.scs');
    expect(s.status).toBe('fail');
    expect(s.failures[0].expected).toContain('type="error"');
    expect(s.stanzas.length).toBeGreaterThan(0);
  });

  it('watch mode reruns a picked file when its lastModified changes', async () => {
    const { store, suite } = setup();
    const files = { 'x.scs': { text: PASSING, lastModified: 1 } };
    await suite.openDirectory(fakeDir(files));
    expect(store.getState().suiteEntries[0].id).toBe('suite/x.scs');
    await suite.runAll();
    expect(statuses(store)['suite/x.scs']).toBe('pass');
    suite.setWatch(true);
    files['x.scs'] = { text: FAILING, lastModified: 2 };
    await expect.poll(() => statuses(store)['suite/x.scs'], { timeout: 2000 }).toBe('fail');
    expect(store.getState().suiteEntries[0].text).toBe(FAILING);
    suite.setWatch(false);
  });

  it('watch mode reruns a script added from the workbench when its document is saved', async () => {
    const { store, suite } = setup();
    store.getState().loadScript({ text: PASSING, fileName: 'w.scs', source: 'file' });
    suite.addCurrent();
    await suite.runAll();
    expect(statuses(store)['w.scs']).toBe('pass');
    suite.setWatch(true);
    store.getState().setText(FAILING);
    await new Promise((r) => setTimeout(r, 60));
    // Unsaved edits are not run.
    expect(store.getState().suiteEntries[0].text).toBe(PASSING);
    store.getState().markUnmodified(store.getState().activeDocId);
    await expect.poll(() => statuses(store)['w.scs'], { timeout: 2000 }).toBe('fail');
    expect(store.getState().suiteEntries[0].text).toBe(FAILING);
    suite.setWatch(false);
  });

  it('reports a file it cannot take, and a folder without scripts', async () => {
    const { store, suite } = setup();
    await suite.openFiles([file('bin.scs', 'a\u0000b')]);
    expect(store.getState().notice?.text).toBe('bin.scs: not a text file');
    await suite.openFiles([file('x.txt', 'x')], 'folder');
    expect(store.getState().notice?.text).toBe('No .scs scripts found in the folder.');
  });
});
