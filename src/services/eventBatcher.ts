// Run events reach the store in batches: at most one per animation frame, and (while a run is going)
// at most one per `minIntervalMs`, so the page renders a few batches a second instead of one per
// stanza and the runner, which shares the main thread, keeps its pace. Without requestAnimationFrame
// (Node) a 16 ms timer stands in; a hidden tab's missing frames are covered by a timer too.

type FrameWindow = { requestAnimationFrame?: (cb: () => void) => number };

/** Between two batches of a running run's events (ms): ten updates a second. */
export const RUN_UPDATE_INTERVAL_MS = 100;

/** The scheduler the run controller flushes its buffered events with. */
export function frameScheduler(
  win: FrameWindow | undefined = globalThis as FrameWindow,
  minIntervalMs = 0,
  now: () => number = () => Date.now(),
): (fn: () => void) => void {
  const raf = win?.requestAnimationFrame;
  let last = -Infinity;
  const onFrame = (fn: () => void) => {
    if (typeof raf !== 'function') return void setTimeout(fn, 16);
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
  return (fn) => {
    const run = () => {
      last = now();
      fn();
    };
    const wait = last + minIntervalMs - now();
    if (wait > 0) setTimeout(() => onFrame(run), wait);
    else onFrame(run);
  };
}
