// The services' public door: everything the UI calls to act (components hold no I/O or protocol logic).
import type { AppStore } from '../store';
import { installAutomationHook } from './automation';
import { startParsing, type ParsingService } from './parsing';
import { restoreSettings, startPersistence, type Persistence } from './persistence';
import { createRunController, type RunController, type RunControllerDeps } from './runController';
import { createScriptLoader, downloadScript, type ScriptLoader } from './scriptLoader';
import { buildShareLink } from './share';
import { createLiveService, type LiveService } from './liveService';
import { parseTyped } from './liveSession';
import { startAutoStep } from './livePresenter';

export { createRunController, type RunController } from './runController';
export { createScriptLoader, downloadScript, type ScriptLoader } from './scriptLoader';
export { startParsing } from './parsing';
export { startPersistence, restoreSettings, readSavedScript, readSettings } from './persistence';
export { buildShareLink, encodeShare, decodeShare } from './share';
export { parseUrlRequest, cleanUrl } from './urlParams';
export type { GalleryEntry } from './gallery';
export { targetLabel } from './transports';
export { prettyXml } from './xmlFormat';

export interface AppServices {
  run: RunController;
  loader: ScriptLoader;
  parsing: ParsingService;
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
}

export function startServices(store: AppStore, opts: StartOptions = {}): AppServices {
  const storage = opts.storage;
  restoreSettings(store, storage);
  const parsing = startParsing(store);
  const persistence: Persistence = startPersistence(store, { storage });
  const run = createRunController({ store, flushParse: parsing.flush, ...opts.runner });
  const loader = createScriptLoader({ store, storage, baseUrl: opts.baseUrl });
  const live = createLiveService({
    store,
    makeTransport: opts.runner?.makeTransport,
    run: { sendAdHoc: (client, xml) => run.sendAdHoc(client, parseTyped(xml)), onEvent: run.onEvent },
  });
  const stopAutoStep = startAutoStep(store, run);
  const uninstall =
    opts.win && opts.automation !== false
      ? installAutomationHook(opts.win, store, run, parsing.flush)
      : () => {};
  return {
    run,
    loader,
    parsing,
    live,
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
      persistence.dispose();
      parsing.dispose();
      stopAutoStep();
      await live.dispose();
      await run.dispose();
    },
  };
}
