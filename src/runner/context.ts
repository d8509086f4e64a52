// What the runner's step and session modules share about one run.
import type { Element } from 'ltx';
import type { ClientDecl, Mismatch } from '../scansion/types';
import type { Emitter } from './emitter';
import type { Verdict } from './events';
import type { Inbox } from './inbox';
import type { Guard } from './signal';
import type { CloseReason, Session, Transport } from './transport';
import type { WaitPolicy } from './wait';

export interface RunnerTimeouts {
  /** How long `receives:` waits for a stanza on a real server. Default 5000 ms. */
  receiveMs?: number;
  /** The quiet period of `receives: nothing`. Default 500 ms. */
  nothingMs?: number;
  /** How long `connects` (and a disconnect) may take. Default 10000 ms. */
  connectMs?: number;
  /** Pause between a `sends:` and another client's `sends:`/`disconnects` (real servers). Default 25 ms (room for a loaded server). */
  orderingGapMs?: number;
}

export const DEFAULT_TIMEOUTS: Required<RunnerTimeouts> = {
  receiveMs: 5000,
  nothingMs: 500,
  connectMs: 10000,
  orderingGapMs: 25,
};

export interface ClientState {
  decl: ClientDecl;
  session?: Session;
  inbox: Inbox;
  everConnected?: boolean;
  /** Why the session ended, when the server (not we) ended it. */
  lost?: CloseReason;
  /** Ids of ad-hoc iqs (get/set) whose answer is not the script's (RUN-ADHOC-2). */
  adHocIds: Set<string>;
}

/** A step's result as the loop sees it. */
export type Outcome =
  | { ok: true; expected?: string; received?: string; stanzas?: number[] }
  | {
      ok: false;
      verdict: Exclude<Verdict, 'pass'>;
      message: string;
      expected?: string;
      received?: string;
      mismatches?: Mismatch[];
      /** The received stanza the step compared against. */
      stanzaSeq?: number;
    };

export interface RunContext {
  readonly emitter: Emitter;
  readonly transport: Transport;
  readonly guard: Guard;
  readonly wait: WaitPolicy;
  readonly timeouts: Required<RunnerTimeouts>;
  readonly clients: Map<string, ClientState>;
  readonly vars: Record<string, string>;
  readonly captures: Map<string, string>;
  stopped(): boolean;
  /** The index of the step running now (outgoing stanzas carry it). */
  readonly currentStep: number | undefined;
  /** The server ended a client's session (not at our request). */
  onLost(client: ClientState, reason: CloseReason): void;
  /** Time spent in `receives: nothing` quiet periods. */
  nothingWaitMs: number;
}

export function emitVariables(ctx: RunContext): void {
  ctx.emitter.emit({ type: 'variables', variables: { ...ctx.vars } });
}

export type { Element };
