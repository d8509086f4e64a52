// Time is injected into the runner: the real clock for runs, a manual one for deterministic tests.

export interface Clock {
  now(): number;
  /**
   * Resolves after `ms`, or as soon as `signal` aborts. Never rejects. Use only `signal.aborted` and
   * `signal.add/removeEventListener('abort', l)`: the runner passes a lighter look-alike (signal.ts).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * One event-loop turn, so data already in the sockets is delivered (setImmediate in Node, a zero
   * timeout elsewhere). Without it the runner sleeps 0 ms on this clock.
   */
  turn?(): Promise<void>;
}

const turn: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise<void>((resolve) => setImmediate(resolve))
    : () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export const realClock: Clock = {
  turn,
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  sleep(ms, signal) {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    });
  },
};

/** A clock that moves only when told: `advance(ms)` wakes every sleeper whose time has come. */
export interface ManualClock extends Clock {
  advance(ms: number): Promise<void>;
  /** How many sleeps are pending (tests wait for the runner to reach a wait). */
  readonly pending: number;
}

export function createManualClock(start = 0): ManualClock {
  let now = start;
  const sleepers = new Set<{ until: number; wake: () => void }>();
  return {
    // Event-loop turns are real even on a manual clock: they let in what the test transport delivered.
    turn,
    now: () => now,
    get pending() {
      return sleepers.size;
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        if (signal?.aborted) return resolve();
        const sleeper = {
          until: now + Math.max(0, ms),
          wake: () => {
            sleepers.delete(sleeper);
            signal?.removeEventListener('abort', sleeper.wake);
            resolve();
          },
        };
        sleepers.add(sleeper);
        signal?.addEventListener('abort', sleeper.wake, { once: true });
      });
    },
    async advance(ms) {
      now += ms;
      for (const s of [...sleepers]) if (s.until <= now) s.wake();
      // Let the woken continuations run before the test looks.
      for (let i = 0; i < 10; i++) await Promise.resolve();
    },
  };
}
