// Starts a run worker while the page is idle with the mock target, so the first run does not wait for
// the worker's modules to load (later runs reuse the warm worker the pool keeps).
import type { AppStore } from '../store';
import { runWorkerPool } from './transports';

type IdleWindow = { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number };

export function warmRunWorkerWhenIdle(
  store: AppStore,
  win: object | undefined,
  warm?: () => void,
): () => void {
  if (!win || (!warm && typeof Worker === 'undefined')) return () => {};
  const start = warm ?? (() => runWorkerPool().warm());
  let started = false;
  let disposed = false;
  const maybeWarm = () => {
    if (started || store.getState().target.kind !== 'mock') return;
    started = true;
    const idle = (win as IdleWindow).requestIdleCallback;
    const later = (fn: () => void) =>
      typeof idle === 'function' ? idle.call(win, fn, { timeout: 2000 }) : setTimeout(fn, 500);
    later(() => {
      if (disposed) return;
      try {
        start();
      } catch {
        // the first run will say why a worker cannot start
      }
    });
  };
  maybeWarm();
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.target !== prev.target) maybeWarm();
  });
  return () => {
    disposed = true;
    unsubscribe();
  };
}
