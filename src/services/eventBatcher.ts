// Run events reach the store in batches: at most one per animation frame, and (while a run is going)
// at most one per `minIntervalMs`, so the page renders a few batches a second instead of one per
// stanza and the runner, which shares the main thread, keeps its pace. Without requestAnimationFrame
// (Node) a 16 ms timer stands in; a hidden tab's missing frames are covered by a timer too.
// With a cost factor, the interval also grows with what the last update cost the page (from the flush
// to the next frame: the store update, React's render, layout and paint): a run whose events come
// faster than the page can show them (the run worker's) is shown in a few larger updates, and the main
// thread stays free most of the time for input and for the worker's messages.

type FrameWindow = { requestAnimationFrame?: (cb: () => void) => number };

/** Between two batches of a running run's events (ms): ten updates a second. */
export const RUN_UPDATE_INTERVAL_MS = 100;

/** Schedules a batched update; `mark()` says an update just happened outside it (a run's start). */
export type BatchScheduler = ((fn: () => void) => void) & { mark?: () => void };

/** The scheduler the run controller flushes its buffered events with. */
export function frameScheduler(
  win: FrameWindow | undefined = globalThis as FrameWindow,
  minIntervalMs = 0,
  now: () => number = () => Date.now(),
  costFactor = 0,
): BatchScheduler {
  const raf = win?.requestAnimationFrame;
  let last = -Infinity;
  /** What the last update cost, until the next frame (ms). */
  let cost = 0;
  const measure = (t0: number) => {
    if (costFactor <= 0 || typeof raf !== 'function') return;
    raf.call(win, () => (cost = now() - t0));
  };
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
  const schedule: BatchScheduler = (fn) => {
    const run = () => {
      last = now();
      fn();
      measure(last);
    };
    const wait = last + Math.max(minIntervalMs, cost * costFactor) - now();
    if (wait > 0) setTimeout(() => onFrame(run), wait);
    else onFrame(run);
  };
  schedule.mark = () => {
    last = now();
    measure(last);
  };
  return schedule;
}
