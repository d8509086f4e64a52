// The services' public door: everything the UI calls to act (components hold no I/O or protocol logic).
import type { AppStore } from '../store';
import { installAutomationHook } from './automation';
import { startDocuments, type DocumentsService } from './documents';
import { indexedDbKv, type AsyncKv } from './kv';
import { startParsing, type ParsingService } from './parsing';
import { restoreSettings, startPersistence, type Persistence } from './persistence';
import { createRunController, type RunController, type RunControllerDeps } from './runController';
import { createScriptLoader, downloadScript, type ScriptLoader } from './scriptLoader';
import { buildShareLink } from './share';
import { DEFAULT_TIMEOUTS } from '../runner';

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
import { followSystemTheme } from './systemTheme';
import { automationInPageMock, automationTransportFactory, installSuiteAutomation } from './suiteAutomation';
import { runTransportFactory } from './transports';
import { createSuiteServices, type SuiteServices } from './suiteServices';
import { createLiveService, type LiveService } from './liveService';
import { parseTyped } from './liveSession';
import { startAutoStep } from './livePresenter';
import { warmRunWorkerWhenIdle } from './runWarmup';

export { createRunController, type RunController } from './runController';
export { createScriptLoader, downloadScript, type ScriptLoader } from './scriptLoader';
export { startParsing } from './parsing';
export { startPersistence, restoreSettings, readSavedScript, readSettings } from './persistence';
export { buildShareLink, encodeShare, decodeShare } from './share';
export { applyLinkTarget, parseTarget } from './links';
export { applyDriverTarget, readAutomationRequest } from './automation';
export { pageStorage } from './persistence';
export type { DocumentsService } from './documents';
export type { Version } from './history';
export { parseUrlRequest, cleanUrl } from './urlParams';
export type { GalleryEntry } from './gallery';
export { targetLabel } from './transports';
export { prettyXml } from './xmlFormat';

export interface AppServices extends SuiteServices {
  run: RunController;
  loader: ScriptLoader;
  parsing: ParsingService;
  documents: DocumentsService;
  live: LiveService;
  /** A share link for the current script. */
  shareLink(): string;
  download(): void;
  dispose(): Promise<void>;
}

export interface StartOptions {
  storage?: Storage;
  baseUrl?: string;
  win?: Window;
  runner?: Partial<Omit<RunControllerDeps, 'store'>>;
  /** Install window.__scansion / window.scansionResult (default true when a window is given). */
  automation?: boolean;
  /** Where documents that do not fit localStorage and the version history go (default: IndexedDB). */
  kv?: AsyncKv | null;
}

export function startServices(store: AppStore, opts: StartOptions = {}): AppServices {
  const storage = opts.storage;
  restoreSettings(store, storage);
  const unfollowTheme = followSystemTheme(store, opts.win);
  const parsing = startParsing(store);
  const persistence: Persistence = startPersistence(store, { storage });
  // The runner's timeouts: the page's own, overridden for this page by a link's (read at each run).
  const base = opts.runner?.timeouts ?? {};
  const pick = (k: keyof typeof base) => store.getState().runTimeouts?.[k] ?? base[k];
  const timeouts = {
    get receiveMs() {
      return pick('receiveMs');
    },
    get nothingMs() {
      return pick('nothingMs');
    },
    get connectMs() {
      return pick('connectMs');
    },
  };
  // The run controller's runner factory goes through the trace recorder (Save trace).
  const suites = createSuiteServices(store, {
    createRunner: opts.runner?.createRunner,
    makeTransport: opts.runner?.makeTransport,
    stopRun: () => run.reset(),
    flushParse: parsing.flush,
    baseUrl: opts.baseUrl,
    win: opts.win,
  });
  const automationMakeTransport = automationTransportFactory(
    opts.automation !== false ? opts.win : undefined,
    opts.runner?.makeTransport ?? runTransportFactory,
  );
  const run = createRunController({
    store,
    flushParse: parsing.flush,
    ...opts.runner,
    timeouts,
    makeTransport: automationMakeTransport,
    createRunner: suites.trace.createRunner,
  });
  const documents = startDocuments(store, {
    storage,
    kv: opts.kv !== undefined ? opts.kv : indexedDbKv(),
    win: opts.win,
    doc: opts.win?.document,
  });
  let restored = false;
  const loader = createScriptLoader({ store, storage, baseUrl: opts.baseUrl, restored: () => restored });
  const preload = documents.preload.bind(documents);
  documents.preload = (automation) => (restored = preload(automation));
  const live = createLiveService({
    store,
    makeTransport: opts.runner?.makeTransport,
    run: { sendAdHoc: (client, xml) => run.sendAdHoc(client, parseTyped(xml)), onEvent: run.onEvent },
  });
  const stopAutoStep = startAutoStep(store, run);
  // A headless driver that asked for the mock on the page's thread needs no run worker.
  const stopWarmup = automationInPageMock(opts.win) ? () => {} : warmRunWorkerWhenIdle(store, opts.win);
  const uninstall =
    opts.win && opts.automation !== false
      ? installAutomationHook(opts.win, store, run, parsing.flush)
      : () => {};
  const uninstallSuite =
    opts.win && opts.automation !== false
      ? installSuiteAutomation(opts.win, {
          store,
          makeTransport: automationMakeTransport,
          createRunner: opts.runner?.createRunner,
          flushParse: parsing.flush,
        })
      : () => {};
  return {
    ...suites,
    run,
    loader,
    parsing,
    documents,
    live,
    shareLink() {
      const { text, fileName, target } = store.getState();
      const href = opts.win ? opts.win.location.href : 'http://localhost/';
      const t = { ...DEFAULT_TIMEOUTS, ...stripUndefined({ ...timeouts }) };
      return buildShareLink(href, text, fileName, { target, timeouts: t });
    },
    download() {
      const { text, fileName, activeDocId } = store.getState();
      downloadScript(text, fileName);
      store.getState().markUnmodified(activeDocId);
    },
    async dispose() {
      uninstall();
      documents.dispose();
      unfollowTheme();
      uninstallSuite();
      suites.dispose();
      persistence.dispose();
      parsing.dispose();
      stopAutoStep();
      stopWarmup();
      await live.dispose();
      await run.dispose();
    },
  };
}
