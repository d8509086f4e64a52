import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameScheduler } from './eventBatcher';

afterEach(() => vi.useRealTimers());

describe('frameScheduler', () => {
  it('runs the flush once, on the next frame', () => {
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    const schedule = frameScheduler({ requestAnimationFrame: (cb) => frames.push(cb) });
    const fn = vi.fn();
    schedule(fn);
    expect(fn).not.toHaveBeenCalled();
    frames[0]();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(200); // the fallback timer does not run it again
    expect(fn).toHaveBeenCalledTimes(1);
  });
  it('falls back to a timer when no frame comes (a background tab)', () => {
    vi.useFakeTimers();
    const schedule = frameScheduler({ requestAnimationFrame: () => 0 });
    const fn = vi.fn();
    schedule(fn);
    vi.advanceTimersByTime(99);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });
  it('uses a 16 ms timer without requestAnimationFrame', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    frameScheduler({})(fn);
    vi.advanceTimersByTime(16);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('frameScheduler with a minimum interval', () => {
  it('holds a batch until the interval since the last one has passed, then waits for a frame', () => {
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    const schedule = frameScheduler({ requestAnimationFrame: (cb) => frames.push(cb) }, 100, () =>
      Date.now(),
    );
    const first = vi.fn();
    schedule(first);
    frames.shift()!(); // the first batch goes out on the next frame
    expect(first).toHaveBeenCalledTimes(1);
    const second = vi.fn();
    vi.advanceTimersByTime(30);
    schedule(second);
    expect(frames).toHaveLength(0); // no frame asked for before the interval is over
    vi.advanceTimersByTime(69);
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(frames).toHaveLength(1);
    expect(second).not.toHaveBeenCalled();
    frames.shift()!();
    expect(second).toHaveBeenCalledTimes(1);
  });
  it('sends a batch at the next frame when the last one is older than the interval', () => {
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    const schedule = frameScheduler({ requestAnimationFrame: (cb) => frames.push(cb) }, 100);
    const a = vi.fn();
    schedule(a);
    frames.shift()!();
    vi.advanceTimersByTime(150);
    const b = vi.fn();
    schedule(b);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(b).toHaveBeenCalledTimes(1);
  });
});

describe('frameScheduler with a cost factor', () => {
  it('spaces updates by twice what the last one cost until the next frame', () => {
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    const schedule = frameScheduler(
      { requestAnimationFrame: (cb) => frames.push(cb) },
      100,
      () => Date.now(),
      2,
    );
    const a = vi.fn();
    schedule(a);
    frames.shift()!(); // update a; its cost is measured at the next frame
    expect(a).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(80); // the page took 80 ms to show it
    frames.shift()!();
    const b = vi.fn();
    schedule(b);
    vi.advanceTimersByTime(79); // 159 ms after a: not yet (2 x 80 ms)
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(b).toHaveBeenCalledTimes(1);
  });
  it('mark() counts as an update: the first batch after it waits for the interval', () => {
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    const schedule = frameScheduler(
      { requestAnimationFrame: (cb) => frames.push(cb) },
      100,
      () => Date.now(),
      2,
    );
    schedule.mark!();
    frames.shift()!(); // the marked update cost under a frame
    const a = vi.fn();
    schedule(a);
    expect(frames).toHaveLength(0);
    vi.advanceTimersByTime(100);
    frames.shift()!();
    expect(a).toHaveBeenCalledTimes(1);
  });
});
