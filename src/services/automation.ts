// The automation hook for Playwright and other drivers (UI-CONTRACT.md):
// window.scansionResult (the JSON report of the last finished run) and window.__scansion.
import type { AppStore, JsonReportLike } from '../store';
import type { RunController } from './runController';

export interface ScansionHook {
  getScript(): string;
  setScript(text: string): void;
  run(): Promise<JsonReportLike | null>;
}

type HookWindow = { scansionResult?: JsonReportLike; __scansion?: ScansionHook };

export function installAutomationHook(
  win: object,
  store: AppStore,
  controller: RunController,
  flushParse: () => void,
): () => void {
  const w = win as HookWindow;
  w.__scansion = {
    getScript: () => store.getState().text,
    setScript: (text: string) => {
      store.getState().loadScript({ text, fileName: store.getState().fileName, source: 'api' });
      flushParse();
    },
    run: () => {
      // The old result no longer describes the page from the moment a run is asked for.
      delete w.scansionResult;
      return controller.run();
    },
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.jsonReport && s.jsonReport !== prev.jsonReport) w.scansionResult = s.jsonReport;
    // A new run starts: the previous result no longer describes the page.
    if (s.runId !== prev.runId && s.runId !== null) delete w.scansionResult;
  });
  return () => {
    unsubscribe();
    delete w.__scansion;
  };
}
