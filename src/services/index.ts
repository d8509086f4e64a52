// The services' public door: everything the UI calls to act (components hold no I/O or protocol logic).
import type { AppStore } from '../store';
import { installAutomationHook } from './automation';
import { startParsing, type ParsingService } from './parsing';
import { restoreSettings, startPersistence, type Persistence } from './persistence';
import { createRunController, type RunController, type RunControllerDeps } from './runController';
import { createScriptLoader, downloadScript, type ScriptLoader } from './scriptLoader';
import { buildShareLink } from './share';
import { automationTransportFactory, installSuiteAutomation } from './suiteAutomation';
import { defaultTransportFactory } from './transports';
import { createSuiteServices, type SuiteServices } from './suiteServices';

export { createRunController, type RunController } from './runController';
export { createScriptLoader, downloadScript, type ScriptLoader } from './scriptLoader';
export { startParsing } from './parsing';
export { startPersistence, restoreSettings, readSavedScript, readSettings } from './persistence';
export { buildShareLink, encodeShare, decodeShare } from './share';
export { parseUrlRequest, cleanUrl } from './urlParams';
export type { GalleryEntry } from './gallery';
export { targetLabel } from './transports';
export { prettyXml } from './xmlFormat';

export interface AppServices extends SuiteServices {
  run: RunController;
  loader: ScriptLoader;
  parsing: ParsingService;
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
}

export function startServices(store: AppStore, opts: StartOptions = {}): AppServices {
  const storage = opts.storage;
  restoreSettings(store, storage);
  const parsing = startParsing(store);
  const persistence: Persistence = startPersistence(store, { storage });
  // The run controller's runner factory goes through the trace recorder (Save trace).
  const suites = createSuiteServices(store, {
    createRunner: opts.runner?.createRunner,
    makeTransport: opts.runner?.makeTransport,
    stopRun: () => run.reset(),
    flushParse: parsing.flush,
    baseUrl: opts.baseUrl,
    win: opts.win,
  });
  const run = createRunController({
    store,
    flushParse: parsing.flush,
    ...opts.runner,
    makeTransport: automationTransportFactory(
      opts.automation !== false ? opts.win : undefined,
      opts.runner?.makeTransport ?? defaultTransportFactory,
    ),
    createRunner: suites.trace.createRunner,
  });
  const loader = createScriptLoader({ store, storage, baseUrl: opts.baseUrl });
  const uninstall =
    opts.win && opts.automation !== false
      ? installAutomationHook(opts.win, store, run, parsing.flush)
      : () => {};
  const uninstallSuite =
    opts.win && opts.automation !== false
      ? installSuiteAutomation(opts.win, { store, run, trace: suites.trace, flushParse: parsing.flush })
      : () => {};
  return {
    ...suites,
    run,
    loader,
    parsing,
    shareLink() {
      const { text, fileName } = store.getState();
      const base = opts.win ? opts.win.location.href : 'http://localhost/';
      return buildShareLink(base, text, fileName);
    },
    download() {
      const { text, fileName } = store.getState();
      downloadScript(text, fileName);
    },
    async dispose() {
      uninstall();
      uninstallSuite();
      suites.dispose();
      persistence.dispose();
      parsing.dispose();
      await run.dispose();
    },
  };
}
