// The machine-readable report of a suite run: exactly what `scs run --reporter json` prints, and what the
// page exposes as window.scansionResult. One builder, so both stay the same shape.
import type { Mismatch } from '../scansion/types';
import type { RunResult } from './events';

export interface JsonMismatch {
  kind: Mismatch['kind'];
  path: string;
  message: string;
  expected?: string;
  received?: string;
}

export interface JsonFailure {
  /** 1-based line of the failing step's action. */
  line: number;
  /** The failing step as written, e.g. "Romeo receives:". */
  step: string;
  message: string;
  /** Expected XML, variables expanded, pretty-printed (null when the step has none). */
  expected: string | null;
  /** What arrived instead (null when nothing did). */
  received: string | null;
  mismatches: JsonMismatch[];
}

export interface JsonScriptEntry {
  file: string;
  status: 'pass' | 'fail' | 'error';
  durationMs: number;
  /** null when the script passed. */
  failure: JsonFailure | null;
}

export interface JsonReport {
  summary: { passed: number; failed: number; errored: number; durationMs: number };
  scripts: JsonScriptEntry[];
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export function buildJsonReport(
  entries: Array<{ file: string; result: RunResult }>,
  opts: { durationMs?: number } = {},
): JsonReport {
  const scripts = entries.map(({ file, result }): JsonScriptEntry => {
    const f = result.failure;
    return {
      file,
      status: result.verdict,
      durationMs: round(result.durationMs),
      failure:
        result.verdict === 'pass' || !f
          ? null
          : {
              line: f.line,
              step: f.stepText,
              message: f.message,
              expected: f.expected ?? null,
              received: f.received ?? null,
              mismatches: f.mismatches.map((m) => ({
                kind: m.kind,
                path: m.path,
                message: m.message,
                ...(m.expected !== undefined ? { expected: m.expected } : {}),
                ...(m.received !== undefined ? { received: m.received } : {}),
              })),
            },
    };
  });
  const count = (s: JsonScriptEntry['status']) => scripts.filter((e) => e.status === s).length;
  return {
    summary: {
      passed: count('pass'),
      failed: count('fail'),
      errored: count('error'),
      durationMs: round(opts.durationMs ?? entries.reduce((t, e) => t + e.result.durationMs, 0)),
    },
    scripts,
  };
}
