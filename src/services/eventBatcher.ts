// Run events reach the store at most once per animation frame: the page renders one batch per paint
// instead of one per stanza. Without requestAnimationFrame (Node, a hidden tab's throttled frames
// are still fine) a 16 ms timer stands in.

type FrameWindow = { requestAnimationFrame?: (cb: () => void) => number };

/** The scheduler the run controller flushes its buffered events with. */
export function frameScheduler(
  win: FrameWindow | undefined = globalThis as FrameWindow,
): (fn: () => void) => void {
  const raf = win?.requestAnimationFrame;
  if (typeof raf !== 'function') return (fn) => void setTimeout(fn, 16);
  return (fn) => {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      fn();
    };
    raf.call(win, once);
    // A background tab gets no frames: do not hold the run's events back for long.
    setTimeout(once, 100);
  };
}
