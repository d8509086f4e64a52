// The runner's typed event stream: what the page, the CLI reporters and tests consume.
// Every event carries the runId of the run that emitted it, so consumers can drop stale runs.
import type { Mismatch } from '../scansion/types';

export type Verdict = 'pass' | 'fail' | 'error';
export type StepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped';
export type ConnectionState = 'connecting' | 'online' | 'closing' | 'closed' | 'error';

export interface StepFailure {
  /** Step index in script.steps. */
  step: number;
  /** 1-based source line of the step's action. */
  line: number;
  /** e.g. "Romeo receives:" */
  stepText: string;
  message: string;
  /** Expected XML with variables expanded (pretty-printed), for receives steps. */
  expected?: string;
  /** What arrived instead, if anything. */
  received?: string;
  mismatches: Mismatch[];
  /**
   * What else had arrived when the step failed, so a sentence can say where the expected stanza went
   * (arrived later for the same client, for another client, or was dropped as a burst leftover).
   */
  context?: FailureContext;
  /** `seq` of the received stanza this step compared against (see the `stanza` event). */
  stanzaSeq?: number;
}

/** Received stanzas around a failing step, in arrival order. */
export interface FailureContext {
  /** Stanzas the failing step's client received after the one compared (still unread). */
  sameClientLater: Array<{ seq: number; xml: string }>;
  /** Stanzas other clients received and had not read yet. */
  otherClients: Array<{ seq: number; client: string; xml: string }>;
  /** Burst leftovers the runner dropped earlier in the run. */
  dropped: Array<{ seq: number; client: string; xml: string; reason: string }>;
}

export interface RunResult {
  verdict: Verdict;
  durationMs: number;
  stepsPassed: number;
  stepsTotal: number;
  failure?: StepFailure;
  /** Captured `{scansion:capture:NAME}` values and `${X's JID}` / `${X's full JID}` variables. */
  variables: Record<string, string>;
  /** Wall-clock time spent in `receives: nothing` quiet periods (0 on a transport with settled()). */
  nothingWaitMs?: number;
}

export type RunEvent =
  | { type: 'run-started'; runId: string; at: number; target: string; steps: number }
  | { type: 'step-started'; runId: string; at: number; step: number }
  | {
      type: 'step-passed';
      runId: string;
      at: number;
      step: number;
      durationMs: number;
      expected?: string;
      received?: string;
      /** `seq`s of the received stanzas this step consumed (its match). */
      stanzas?: number[];
    }
  | ({ type: 'step-failed'; runId: string; at: number; durationMs: number } & StepFailure)
  | { type: 'step-skipped'; runId: string; at: number; step: number }
  | {
      type: 'stanza';
      runId: string;
      at: number;
      client: string;
      direction: 'in' | 'out';
      xml: string;
      /** Per-run sequence number of this stanza, shared by in and out; other events refer to it. */
      seq?: number;
      /** For outgoing stanzas: the step that sent it. */
      step?: number;
      /** Sent from the live console (or its reply), not by the script. */
      adHoc?: boolean;
    }
  | {
      /**
       * A received stanza the runner discarded without matching it: the rest of a burst after a
       * `receives:` matched, when the script's next step is not another receive of that client
       * (scansion's behaviour; see src/runner/RUNNER.md, RUN-BURST-3).
       */
      type: 'stanza-ignored';
      runId: string;
      at: number;
      client: string;
      xml: string;
      reason: string;
      /** `seq` of the dropped stanza's `stanza` event. */
      seq?: number;
    }
  | {
      /** At the end of a run: a received stanza no step read. */
      type: 'stanza-unread';
      runId: string;
      at: number;
      client: string;
      seq: number;
    }
  | {
      type: 'connection';
      runId: string;
      at: number;
      client: string;
      state: ConnectionState;
      jid?: string;
      message?: string;
    }
  | {
      /** Emitted after each step when the transport can be inspected (the mock): its state then. */
      type: 'inspection';
      runId: string;
      at: number;
      step: number;
      snapshot: unknown;
    }
  | { type: 'variables'; runId: string; at: number; variables: Record<string, string> }
  | { type: 'paused'; runId: string; at: number; nextStep: number }
  | { type: 'resumed'; runId: string; at: number }
  | { type: 'run-finished'; runId: string; at: number; result: RunResult };
