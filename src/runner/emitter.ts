// Event emission (RUNNER.md, RUN-EVENT-*): listeners, the run id and clock stamped on every event, and the
// per-run stanza sequence shared by incoming and outgoing stanzas.
import type { RunEvent } from './events';
import type { Clock } from './clock';

/** A RunEvent without the fields the emitter stamps. */
export type EventBody = RunEvent extends infer E
  ? E extends RunEvent
    ? Omit<E, 'runId' | 'at'>
    : never
  : never;

export class Emitter {
  private readonly listeners = new Set<(e: RunEvent) => void>();
  private seq = 0;

  constructor(
    readonly runId: string,
    private readonly clock: Clock,
  ) {}

  on(listener: (e: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether anyone listens: events that cost work (XML text) are only built for a listener. */
  get observed(): boolean {
    return this.listeners.size > 0;
  }

  now(): number {
    return this.clock.now();
  }

  /** The next stanza sequence number (RUN-EVENT-2). */
  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  emit(body: EventBody): void {
    const e = { ...body, runId: this.runId, at: this.clock.now() } as RunEvent;
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's bug must not break the run.
      }
    }
  }
}
