// The wait policy (RUNNER.md, RUN-WAIT-*), chosen once per run: on a transport with `settled()` (the mock)
// every wait asks the server whether it has anything left to deliver; on a real server the injected clock
// decides (timeouts, quiet periods, the ordering gap). The rest of the runner never asks which.
import type { Clock } from './clock';
import type { Inbox } from './inbox';
import type { Guard } from './signal';
import type { Transport } from './transport';

export interface WaitTimeouts {
  receiveMs: number;
  nothingMs: number;
  orderingGapMs: number;
}

/** Why a wait for a new burst ended without a stanza. */
export type NoStanza = 'timeout' | 'closed' | 'stopped' | 'settled';

export interface WaitContext {
  inbox: Inbox;
  /** The client still has an open session. */
  online(): boolean;
  stopped(): boolean;
}

export interface WaitPolicy {
  /** Let in what is already on its way to the clients (RUN-BURST-1). */
  letIn(): Promise<void>;
  /** After letIn found nothing: wait for the first stanza of a burst, or say why none came. */
  awaitFirst(ctx: WaitContext): Promise<NoStanza | undefined>;
  /** The quiet period of `receives: nothing`; resolves with the wall-clock time it waited. */
  quiet(ctx: WaitContext): Promise<number>;
  /** Let the server process one client's stanza before another client speaks (RUN-ORDER-1). */
  orderingGap(): Promise<void>;
}

function turn(clock: Clock): Promise<void> {
  return clock.turn ? clock.turn() : clock.sleep(0);
}

function settledPolicy(settled: () => Promise<void>, guard: Guard, t: WaitTimeouts): WaitPolicy {
  const letIn = () => guard.settle(settled(), t.receiveMs);
  return {
    letIn,
    async awaitFirst(ctx) {
      if (ctx.stopped()) return 'stopped';
      return ctx.online() ? 'settled' : 'closed';
    },
    async quiet() {
      await letIn();
      return 0;
    },
    orderingGap: letIn,
  };
}

function clockPolicy(clock: Clock, guard: Guard, t: WaitTimeouts): WaitPolicy {
  const letIn = async () => {
    // Two event-loop turns: data already in the sockets is delivered.
    for (let i = 0; i < 2; i++) await turn(clock);
  };
  return {
    letIn,
    async awaitFirst(ctx) {
      const deadline = clock.now() + t.receiveMs;
      while (ctx.inbox.size === 0) {
        if (ctx.stopped()) return 'stopped';
        if (!ctx.online()) return 'closed';
        const left = deadline - clock.now();
        if (left <= 0) return 'timeout';
        await guard.sleep(left, (wake) => ctx.inbox.onWake(wake));
      }
      // What arrived together with the first stanza belongs to its burst.
      await letIn();
      return undefined;
    },
    async quiet(ctx) {
      if (!ctx.online()) return 0;
      const t0 = clock.now();
      const deadline = t0 + t.nothingMs;
      while (ctx.inbox.size === 0 && ctx.online() && !ctx.stopped()) {
        const left = deadline - clock.now();
        if (left <= 0) break;
        await guard.sleep(left, (wake) => ctx.inbox.onWake(wake));
      }
      return clock.now() - t0;
    },
    async orderingGap() {
      if (t.orderingGapMs > 0) await guard.sleep(t.orderingGapMs);
    },
  };
}

export function createWaitPolicy(
  transport: Transport,
  clock: Clock,
  guard: Guard,
  t: WaitTimeouts,
): WaitPolicy {
  const settled = transport.settled?.bind(transport);
  return settled ? settledPolicy(settled, guard, t) : clockPolicy(clock, guard, t);
}
