// What the parts of the mock server core share (server.ts wires them): the session registry, the
// delivery policy, the components by domain, the clock, randomness and the diagnostics sink.
import type { Element } from 'ltx';
import type { Component } from './component';
import type { Delivery } from './delivery';
import type { RandomSource } from './ids';
import type { SessionState, Sessions } from './sessions';
import type { MockDiagnostic } from './types';

export interface Core {
  readonly sessions: Sessions;
  readonly delivery: Delivery;
  /** Components by lower-case domain. */
  readonly components: Map<string, Component>;
  readonly random: RandomSource;
  /** The injected clock (ms). */
  now(): number;
  report(level: MockDiagnostic['level'], code: string, message: string, stanza?: Element): void;
}

/** Who a routed stanza came from: where answers (errors, results) go back to. */
export type Origin =
  | { kind: 'client'; session: SessionState }
  | { kind: 'component'; component: Component }
  | { kind: 'server' };

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}
