// The server's ordered task queue (SPEC.md CORE-Q-*): `send` and `close` enqueue a task; a microtask
// drains the queue in order, one task per microtask, so `settled()` can tell exactly when nothing is
// left to deliver (the runner decides `receives: nothing` on that, with no wall clock).
export class TaskQueue<T> {
  private queue: T[] = [];
  private head = 0;
  private scheduled = false;
  private waiters: Array<() => void> = [];

  constructor(
    /** Runs one task; must not throw. */
    private readonly run: (task: T) => void,
    /** Called after each task, once its deliveries are made. */
    private readonly afterTurn: () => void,
  ) {}

  /** Resolves once every enqueued task has been processed. */
  settled(): Promise<void> {
    if (!this.scheduled && this.head >= this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  enqueue(task: T): void {
    this.queue.push(task);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.drain());
    }
  }

  /** Forget the tasks not yet run; each is given to `dropped` first. */
  clear(dropped: (task: T) => void): void {
    for (let i = this.head; i < this.queue.length; i++) dropped(this.queue[i]);
    this.queue = [];
    this.head = 0;
  }

  /**
   * One task per microtask (CORE-Q-3): what one stanza causes is delivered together, in one turn, and
   * the next stanza's effects come in a later turn, as Prosody flushes a socket per processed stanza.
   * Listeners that group deliveries by turn (the runner's bursts) see the same grouping as on the wire.
   */
  private drain(): void {
    if (this.head < this.queue.length) {
      const task = this.queue[this.head++];
      this.run(task);
      this.afterTurn();
    }
    if (this.head < this.queue.length) {
      queueMicrotask(() => this.drain());
      return;
    }
    this.queue = [];
    this.head = 0;
    this.scheduled = false;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
