// What a link may do to the page's target: a `mock` target is used at once (for this page only); any
// other target is shown and used only after the user confirms it — also with autorun=1, which then runs
// once confirmed. Nothing a link asks for is saved in the settings. A driver (Playwright) passes its
// target through the automation hook instead (see automation.ts).
import type { AppStore, Target } from '../store';
import type { UrlRequest } from './urlParams';

export type LinkOutcome = 'run' | 'confirm' | 'none';

export function applyLinkTarget(store: AppStore, request: UrlRequest): LinkOutcome {
  const t = request.target;
  if (t && t.kind !== 'mock') {
    store.getState().setPendingTarget({ target: t, autorun: request.autorun });
    return 'confirm';
  }
  if (t) store.getState().setSessionTarget(t, 'link');
  return request.autorun ? 'run' : 'none';
}

/** A target given by a driver, in the words of `?target=` (mock, ws://…, wss://…); null when invalid. */
export function parseTarget(v: unknown): Target | null {
  if (v === 'mock') return { kind: 'mock' };
  if (typeof v === 'string' && /^wss?:\/\/\S+$/i.test(v)) return { kind: 'ws', url: v };
  return null;
}
