// The suite view's actions: open many scripts, run all / failed / selected on the page's target, watch
// picked files (polled) and rerun on change, and open one script's last run in the workbench.
import { currentDocs, isModified, type AppStore, type SuiteEntry, type SuiteStatus } from '../store';
import { replayRun } from './traceReplay';
import { runSuite, type ScriptRun, type SuiteJob, type SuiteRunOptions } from './suiteRunner';
import {
  fromDataTransfer,
  fromDirectory,
  fromFiles,
  fromGallery,
  fromUrls,
  type DirSource,
  type FileSource,
  type Loaded,
  makeEntry,
} from './suiteSources';
import type { TransportFactory } from './transports';

/** How often watch mode looks at the picked files' lastModified. */
export const WATCH_POLL_MS = 1000;

export interface SuiteService {
  openFiles(files: Iterable<File>, origin?: 'file' | 'folder'): Promise<void>;
  openDrop(dt: DataTransfer): Promise<void>;
  /** The browser's directory picker (where there is one); false when the browser has none. */
  pickDirectory(): Promise<boolean>;
  openDirectory(dir: DirSource): Promise<void>;
  openGallery(): Promise<void>;
  openUrls(list: string): Promise<void>;
  /** Adds the workbench's current script to the suite. */
  addCurrent(): void;
  clear(): void;
  runAll(): Promise<void>;
  runFailed(): Promise<void>;
  runSelected(): Promise<void>;
  runIds(ids: string[]): Promise<void>;
  stop(): void;
  /** Opens the script in the workbench: its text in the editor, its last run in the run views. */
  open(id: string): void;
  /** The last run of a script (for traces and comparisons). */
  lastRun(id: string): ScriptRun | undefined;
  setWatch(on: boolean): void;
  dispose(): void;
}

export interface SuiteServiceDeps {
  store: AppStore;
  makeTransport: TransportFactory;
  createRunner?: SuiteRunOptions['createRunner'];
  stopRun?: () => Promise<void>;
  flushParse?: () => void;
  fetch?: typeof fetch;
  baseUrl?: string;
  parallel?: number;
  win?: { showDirectoryPicker?: () => Promise<unknown>; location?: { href: string } };
  pollMs?: number;
}

const FINISHED: ReadonlySet<SuiteStatus> = new Set(['pass', 'fail', 'error']);

export function createSuiteService(deps: SuiteServiceDeps): SuiteService {
  const { store } = deps;
  const doFetch = deps.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const handles = new Map<string, FileSource>();
  const runs = new Map<string, ScriptRun>();
  let generation = 0;
  let queue: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setInterval> | null = null;
  let polling = false;

  const take = (loaded: Loaded, what: string) => {
    for (const [id, h] of loaded.handles) handles.set(id, h);
    for (const e of loaded.entries) runs.delete(e.id);
    store.getState().suiteAdd(loaded.entries);
    const n = loaded.entries.length;
    if (loaded.errors.length > 0)
      store
        .getState()
        .notify(
          'error',
          `${loaded.errors[0]}${loaded.errors.length > 1 ? ` (and ${loaded.errors.length - 1} more)` : ''}`,
        );
    else if (n === 0) store.getState().notify('error', `No .scs scripts found in ${what}.`);
    else store.getState().notify('info', `Opened ${n} script${n === 1 ? '' : 's'} from ${what}`);
  };

  const entry = (id: string) => store.getState().suiteEntries.find((e) => e.id === id);

  /** Runs jobs on the page's target; runs queue up behind each other (one suite run at a time). */
  const runIds = (ids: string[]): Promise<void> => {
    const my = generation;
    const jobs: SuiteJob[] = ids
      .map((id) => entry(id))
      .filter((e): e is SuiteEntry => !!e)
      .map((e) => ({ id: e.id, name: e.name, text: e.text }));
    if (jobs.length === 0) return queue;
    for (const j of jobs) store.getState().suitePatch(j.id, { status: 'queued', message: undefined });
    queue = queue.then(async () => {
      if (my !== generation) return;
      store.getState().suiteSetRunning(true);
      try {
        await runSuite(jobs, {
          target: store.getState().target,
          makeTransport: deps.makeTransport,
          createRunner: deps.createRunner,
          parallel: deps.parallel,
          cancelled: () => my !== generation,
          onStart: (j) => store.getState().suitePatch(j.id, { status: 'running' }),
          onDone: (j, run) => {
            if (my !== generation) return;
            runs.set(j.id, run);
            const prev = entry(j.id);
            store.getState().suitePatch(j.id, {
              status: run.result.verdict,
              durationMs: run.result.durationMs,
              message: run.result.failure?.message,
              runs: (prev?.runs ?? 0) + 1,
            });
          },
        });
      } finally {
        // Scripts the queue never reached (stopped) are back to not run.
        for (const j of jobs) {
          const e = entry(j.id);
          if (e && !FINISHED.has(e.status)) store.getState().suitePatch(j.id, { status: 'idle' });
        }
        if (my === generation) store.getState().suiteSetRunning(false);
      }
    });
    return queue;
  };

  async function poll(): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      const changed: string[] = [];
      for (const [id, h] of handles) {
        const e = entry(id);
        if (!e) continue;
        try {
          const f = await h.getFile();
          if (f.lastModified === e.lastModified) continue;
          const fresh = makeEntry(id, await f.text(), e.origin, f.lastModified);
          store
            .getState()
            .suitePatch(id, { text: fresh.text, tags: fresh.tags, lastModified: f.lastModified });
          changed.push(id);
        } catch {
          // A file that went away is left as it was; the next poll tries again.
        }
      }
      // A script added from the workbench follows its document tab: saved (no unsaved edits) with new text.
      const docs = currentDocs(store.getState());
      for (const e of store.getState().suiteEntries) {
        if (e.origin !== 'workbench') continue;
        const d = docs.find((x) => x.fileName === e.name && !isModified(x));
        const fresh = d && makeEntry(e.id, d.text, e.origin);
        if (!fresh || fresh.text === e.text) continue;
        store.getState().suitePatch(e.id, { text: fresh.text, tags: fresh.tags });
        changed.push(e.id);
      }
      if (changed.length > 0) void runIds(changed);
    } finally {
      polling = false;
    }
  }

  const service: SuiteService = {
    async openFiles(files, origin = 'file') {
      take(await fromFiles(files, origin), origin === 'folder' ? 'the folder' : 'the files');
    },
    async openDrop(dt) {
      take(await fromDataTransfer(dt), 'the drop');
    },
    async pickDirectory() {
      const picker = deps.win?.showDirectoryPicker;
      if (!picker) return false;
      let dir: unknown;
      try {
        dir = await picker.call(deps.win);
      } catch (e) {
        if ((e as Error)?.name !== 'AbortError')
          store.getState().notify('error', `Could not open the folder: ${(e as Error).message}`);
        return true;
      }
      await service.openDirectory(dir as DirSource);
      return true;
    },
    async openDirectory(dir) {
      take(await fromDirectory(dir), dir.name);
    },
    async openGallery() {
      take(await fromGallery(doFetch, deps.baseUrl ?? '/'), 'the gallery');
    },
    async openUrls(list) {
      take(await fromUrls(list, doFetch, deps.win?.location?.href ?? 'http://localhost/'), 'the URLs');
    },
    addCurrent() {
      const s = store.getState();
      store.getState().suiteAdd([makeEntry(s.fileName, s.text, 'workbench')]);
    },
    clear() {
      generation++;
      handles.clear();
      runs.clear();
      store.getState().suiteRemoveAll();
      store.getState().suiteSetRunning(false);
    },
    runAll: () => runIds(store.getState().suiteEntries.map((e) => e.id)),
    runFailed: () =>
      runIds(
        store
          .getState()
          .suiteEntries.filter((e) => e.status === 'fail' || e.status === 'error')
          .map((e) => e.id),
      ),
    runSelected: () => {
      const s = store.getState();
      const ids = s.suiteEntries.filter((e) => s.suiteChecked[e.id]).map((e) => e.id);
      return runIds(ids.length > 0 ? ids : s.suiteSelected ? [s.suiteSelected] : []);
    },
    runIds,
    stop() {
      generation++;
      queue = Promise.resolve();
      for (const e of store.getState().suiteEntries)
        if (!FINISHED.has(e.status) && e.status !== 'idle')
          store.getState().suitePatch(e.id, { status: 'idle' });
      store.getState().suiteSetRunning(false);
    },
    open(id) {
      const e = entry(id);
      if (!e) return;
      store.getState().suiteSelect(id);
      const run = runs.get(id);
      void (deps.stopRun?.() ?? Promise.resolve()).then(() => {
        if (run)
          replayRun(
            store,
            {
              script: { name: e.name, text: e.text },
              target: run.target,
              events: run.events,
              result: run.result,
            },
            { source: 'file', flushParse: deps.flushParse },
          );
        else {
          store.getState().loadScript({ text: e.text, fileName: e.name, source: 'file' });
          deps.flushParse?.();
        }
        store.getState().setView('workbench');
      });
    },
    lastRun: (id) => runs.get(id),
    setWatch(on) {
      store.getState().suiteSetWatch(on);
      if (timer) clearInterval(timer);
      timer = on ? setInterval(() => void poll(), deps.pollMs ?? WATCH_POLL_MS) : null;
    },
    dispose() {
      generation++;
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
  return service;
}
