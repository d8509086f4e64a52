// Scroll-follow helpers that never force a layout of their own: a write scheduled here runs at most once
// per animation frame (the latest one wins), and an element's height comes from a ResizeObserver (0
// while it is hidden), not from reading the layout after each store update.
import { useEffect, useMemo, useRef, type RefObject } from 'react';

type Raf = (cb: () => void) => number;
type Caf = (id: number) => void;

export interface FrameTask {
  /** Runs `fn` in the next animation frame, replacing any write scheduled for that frame. */
  schedule(fn: () => void): void;
  cancel(): void;
}

export function createFrameTask(
  raf: Raf | undefined = globalThis.requestAnimationFrame?.bind(globalThis),
  caf: Caf | undefined = globalThis.cancelAnimationFrame?.bind(globalThis),
): FrameTask {
  let pending: (() => void) | null = null;
  let id: number | null = null;
  return {
    schedule(fn) {
      // Without frames (a DOM without rendering) the write happens at once.
      if (!raf) return fn();
      pending = fn;
      id ??= raf(() => {
        id = null;
        const f = pending;
        pending = null;
        f?.();
      });
    },
    cancel() {
      if (id !== null) caf?.(id);
      id = null;
      pending = null;
    },
  };
}

/** A frame task for a component, cancelled when it unmounts. */
export function useFrameTask(): FrameTask {
  const task = useMemo(() => createFrameTask(), []);
  useEffect(() => () => task.cancel(), [task]);
  return task;
}

/**
 * The element's height (px) as the ResizeObserver last reported it: 0 while the element is hidden (a
 * collapsed panel, another view), or -1 where there is no ResizeObserver (then treat it as visible).
 */
export function useObservedHeight(ref: RefObject<HTMLElement | null>): RefObject<number> {
  const height = useRef(-1);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) height.current = e.contentRect.height;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return height;
}
