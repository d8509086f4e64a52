// Cancellation and bounded waits on the injected clock: the only way the runner core waits for time.
import type { Clock } from './clock';

/**
 * A cancellation signal for the clock's `sleep`, much cheaper than an AbortController: the runner guards
 * every settled() on the mock with a timer, thousands per second, and Node's AbortController/EventTarget
 * (plus the DOMException each abort() creates) was the largest cost of a mock step. Clocks use only
 * `aborted` and add/removeEventListener('abort') of the signal they are given (see clock.ts).
 */
export class LightSignal {
  aborted = false;
  private listeners: Array<() => void> | undefined;
  addEventListener(_type: 'abort', l: () => void): void {
    (this.listeners ??= []).push(l);
  }
  removeEventListener(_type: 'abort', l: () => void): void {
    const ls = this.listeners;
    if (!ls) return;
    const i = ls.indexOf(l);
    if (i !== -1) ls.splice(i, 1);
  }
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const ls = this.listeners;
    this.listeners = undefined;
    if (ls) for (const l of ls) l();
  }
  /** Typed for Clock.sleep, whose contract it satisfies. */
  get signal(): AbortSignal {
    return this as unknown as AbortSignal;
  }
}

/** Bounded waits tied to one run's stop signal. */
export class Guard {
  constructor(
    private readonly clock: Clock,
    private readonly stop: LightSignal,
  ) {}

  /** Sleep up to `ms`; wakes early when `wake` is called or the run stops. Returns the wake function's owner. */
  async sleep(ms: number, onWakeable?: (wake: () => void) => void): Promise<void> {
    const ac = new LightSignal();
    const onAbort = () => ac.abort();
    this.stop.addEventListener('abort', onAbort);
    onWakeable?.(onAbort);
    try {
      await this.clock.sleep(ms, ac.signal);
    } finally {
      this.stop.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Await `p` up to `ms` (clock time), and (unless `stoppable` is false) no longer than the run's stop;
   * never rejects, leaves no timer behind.
   */
  async settle(p: Promise<unknown>, ms: number, stoppable = true): Promise<void> {
    const ac = new LightSignal();
    const onAbort = () => ac.abort();
    if (stoppable) this.stop.addEventListener('abort', onAbort);
    try {
      await Promise.race([p.catch(() => undefined), this.clock.sleep(ms, ac.signal)]);
    } finally {
      ac.abort();
      if (stoppable) this.stop.removeEventListener('abort', onAbort);
    }
  }

  /** Await `p` up to `ms`; rejects with `onTimeout()` (or "run stopped") if it takes longer. */
  async within<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
    const ac = new LightSignal();
    const onAbort = () => ac.abort();
    this.stop.addEventListener('abort', onAbort);
    try {
      const timedOut = Symbol('timeout');
      const r = await Promise.race([p, this.clock.sleep(ms, ac.signal).then(() => timedOut)]);
      if (r === timedOut) throw this.stop.aborted ? new Error('run stopped') : onTimeout();
      return r as T;
    } finally {
      ac.abort();
      this.stop.removeEventListener('abort', onAbort);
    }
  }
}
