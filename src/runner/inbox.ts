// A client's inbox (RUNNER.md, RUN-INBOX-*, RUN-BURST-*): the FIFO of what the server sent it, the burst
// of the last match, and the wake-up of whoever waits on it. No I/O, no time.
import type { Element } from 'ltx';

export interface Received {
  stanza: Element;
  /** The run's sequence number of its `stanza` event. */
  seq: number;
}

export class Inbox {
  private queue: Received[] = [];
  /** How many entries at the head of the queue belong to the burst of the last match. */
  private burstLeft = 0;
  private waker: (() => void) | undefined;

  get size(): number {
    return this.queue.length;
  }

  /** Everything queued, oldest first (for failure context and unread reports). */
  get pending(): readonly Received[] {
    return this.queue;
  }

  push(r: Received): void {
    this.queue.push(r);
    this.wake();
  }

  /** Wake whoever waits on this inbox (a stanza arrived, the session closed, the run stopped). */
  wake(): void {
    const w = this.waker;
    this.waker = undefined;
    w?.();
  }

  /** Register the wake function of the one waiter. */
  onWake(w: () => void): void {
    this.waker = w;
  }

  /** The next stanza of the current burst, if the last match left one. */
  takeFromBurst(): Received | undefined {
    if (this.burstLeft === 0) return undefined;
    this.burstLeft--;
    return this.queue.shift();
  }

  /** Start a new burst: the head is taken, whatever is queued behind it belongs to its burst. */
  takeBurstHead(): Received | undefined {
    const first = this.queue.shift();
    this.burstLeft = first ? this.queue.length : 0;
    return first;
  }

  /** The head, ending any burst (`receives: nothing` reads it). */
  takeAny(): Received | undefined {
    this.burstLeft = 0;
    return this.queue.shift();
  }

  get hasBurstLeft(): boolean {
    return this.burstLeft > 0;
  }

  /** Remove and return the rest of the burst (RUN-BURST-3). */
  dropBurst(): Received[] {
    const dropped = this.queue.splice(0, this.burstLeft);
    this.burstLeft = 0;
    return dropped;
  }

  clear(): Received[] {
    const all = this.queue;
    this.queue = [];
    this.burstLeft = 0;
    return all;
  }
}
