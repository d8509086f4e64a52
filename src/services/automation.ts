// The automation hook for Playwright and other drivers (UI-CONTRACT.md):
// window.scansionResult (the JSON report of the last finished run) and window.__scansion.
//
// A driver that opens the page declares itself BEFORE the page loads, with Playwright's
// `page.addInitScript(() => { window.__scsAutomation = { target: 'ws://127.0.0.1:5280/xmpp-websocket' } })`
// (target: 'mock' or a ws:// / wss:// URL, optional). Such a page keeps one document, writes no version
// history and no settings, and runs on the given target without asking: unlike `?target=` in a link,
// which a user could be sent and which must be confirmed before anything connects.
import type { AppStore, JsonReportLike } from '../store';
import { parseTarget } from './links';
import type { RunController } from './runController';

export interface ScansionHook {
  getScript(): string;
  setScript(text: string): void;
  run(): Promise<JsonReportLike | null>;
}

type HookWindow = { scansionResult?: JsonReportLike; __scansion?: ScansionHook };

/** What a driver sets before the page loads (window.__scsAutomation). */
export interface AutomationRequest {
  target?: string;
}

/** The driver's request, when a driver set one (a non-object is treated as none). */
export function readAutomationRequest(win: object): AutomationRequest | null {
  const v = (win as { __scsAutomation?: unknown }).__scsAutomation;
  if (!v || typeof v !== 'object') return null;
  const t = (v as { target?: unknown }).target;
  return typeof t === 'string' ? { target: t } : {};
}

/** Gives the page the driver's target for this session (never saved); a malformed one is reported. */
export function applyDriverTarget(store: AppStore, driver: AutomationRequest | null): void {
  if (!driver?.target) return;
  const t = parseTarget(driver.target);
  if (t) store.getState().setSessionTarget(t, 'automation');
  else
    store
      .getState()
      .notify('error', `The automation target must be mock or a ws:// URL (got "${driver.target}").`);
}

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
