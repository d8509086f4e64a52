// What every `scs run` reporter receives: one entry per script, streamed as each finishes, then the end.
import type { RunResult } from '../../runner/index';

export interface ScriptEntry {
  file: string;
  result: RunResult;
}

export interface Reporter {
  /** Text to print before the first script (may be empty). */
  start(total: number): string;
  /** Text to print when a script has finished (may be empty: some formats print only at the end). */
  script(entry: ScriptEntry, index: number): string;
  /**
   * Text to print at the end. `notRun` lists scripts that were not run, and `why` says why: '--bail'
   * (the default) or the signal that interrupted the run, e.g. 'SIGINT'.
   */
  finish(entries: ScriptEntry[], durationMs: number, notRun: string[], why?: string): string;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => (l ? prefix + l : l))
    .join('\n');
}
