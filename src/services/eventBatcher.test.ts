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
