// Parsing service: parses the script text (debounced) and writes parsed + diagnostics to the store.
import { parse } from '../scansion';
import type { AppStore } from '../store';

export interface ParsingOptions {
  delayMs?: number;
  /** Injected for tests; defaults to setTimeout/clearTimeout. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface ParsingService {
  /** Parse now if the text changed since the last parse (used before a run). */
  flush(): void;
  dispose(): void;
}

export function startParsing(store: AppStore, opts: ParsingOptions = {}): ParsingService {
  const delay = opts.delayMs ?? 150;
  const setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let parsedOnce = false;

  const flush = () => {
    if (timer !== null) {
      clearTimer(timer);
      timer = null;
    }
    const { text, parsedText } = store.getState();
    if (parsedOnce && text === parsedText) return;
    parsedOnce = true;
    store.getState().setParsed(parse(text), text);
  };

  // First parse straight away: the page shows steps without waiting for the debounce.
  flush();
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.text === prev.text) return;
    if (s.loadNonce !== prev.loadNonce) {
      flush();
      return;
    }
    if (timer !== null) clearTimer(timer);
    timer = setTimer(() => {
      timer = null;
      flush();
    }, delay);
  });

  return {
    flush,
    dispose() {
      unsubscribe();
      if (timer !== null) clearTimer(timer);
    },
  };
}
