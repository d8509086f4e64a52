// A trace: one run saved as one JSON file (the script, the target, every runner event with its time,
// the result), so every view of the page can be rebuilt offline. Written by `scs run --trace DIR`, by the
// page's "Save trace", and by `npm run e2e:scripts`; read by the page (open, drop, `?trace=URL`).
// The format is versioned; `parseTrace` validates a file before anything uses it.
import type { RunEvent, RunResult } from './events';

export const TRACE_FORMAT = 'scansion-trace';
export const TRACE_VERSION = 1;
/** A trace larger than this is refused before it is parsed. */
export const TRACE_MAX_BYTES = 50 * 1024 * 1024;

export interface Trace {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  /** ISO 8601 time the trace was written. */
  createdAt: string;
  /** What wrote it, e.g. "scs 0.1.0" or "playground". */
  tool: string;
  script: { name: string; text: string };
  /** The target label: "mock" or a server URL. */
  target: string;
  /** Every event of the run, in order, as the runner emitted it. */
  events: RunEvent[];
  /** The final result (absent when the run did not finish). */
  result?: RunResult;
}

export function buildTrace(input: {
  script: { name: string; text: string };
  target: string;
  events: RunEvent[];
  result?: RunResult;
  tool: string;
  createdAt?: Date;
}): Trace {
  return {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    createdAt: (input.createdAt ?? new Date(0)).toISOString(),
    tool: input.tool,
    script: { name: input.script.name, text: input.script.text },
    target: input.target,
    events: input.events,
    ...(input.result ? { result: input.result } : {}),
  };
}

export type TraceParse = { ok: true; trace: Trace } | { ok: false; error: string };

const EVENT_TYPES = new Set<RunEvent['type']>([
  'run-started',
  'step-started',
  'step-passed',
  'step-failed',
  'step-skipped',
  'stanza',
  'stanza-ignored',
  'stanza-unread',
  'connection',
  'inspection',
  'variables',
  'paused',
  'resumed',
  'run-finished',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parse and validate a trace file's text. Never throws; the error names what is wrong and where. */
export function parseTrace(text: string): TraceParse {
  if (text.length > TRACE_MAX_BYTES)
    return { ok: false, error: `the trace is larger than ${TRACE_MAX_BYTES / 1024 / 1024} MB` };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not a trace: the file is not JSON (${(e as Error).message})` };
  }
  if (!isObject(data)) return { ok: false, error: 'not a trace: the file is not a JSON object' };
  if (data.format !== TRACE_FORMAT)
    return {
      ok: false,
      error: `not a trace: "format" is ${JSON.stringify(data.format)}, expected "${TRACE_FORMAT}"`,
    };
  if (data.version !== TRACE_VERSION)
    return {
      ok: false,
      error: `unsupported trace version ${JSON.stringify(data.version)} (this playground reads version ${TRACE_VERSION})`,
    };
  if (typeof data.createdAt !== 'string') return { ok: false, error: '"createdAt" must be a string' };
  if (typeof data.tool !== 'string') return { ok: false, error: '"tool" must be a string' };
  if (typeof data.target !== 'string') return { ok: false, error: '"target" must be a string' };
  const script = data.script;
  if (!isObject(script) || typeof script.name !== 'string' || typeof script.text !== 'string')
    return { ok: false, error: '"script" must be an object with string "name" and "text"' };
  if (!Array.isArray(data.events)) return { ok: false, error: '"events" must be an array' };
  for (let i = 0; i < data.events.length; i++) {
    const e: unknown = data.events[i];
    if (!isObject(e)) return { ok: false, error: `events[${i}] is not an object` };
    if (typeof e.type !== 'string' || !EVENT_TYPES.has(e.type as RunEvent['type']))
      return { ok: false, error: `events[${i}] has an unknown type ${JSON.stringify(e.type)}` };
    if (typeof e.at !== 'number' || !Number.isFinite(e.at))
      return { ok: false, error: `events[${i}] (${e.type}) has no numeric "at"` };
    if ((e.type === 'stanza' || e.type === 'stanza-ignored') && typeof e.xml !== 'string')
      return { ok: false, error: `events[${i}] (${e.type}) has no string "xml"` };
  }
  if (data.result !== undefined) {
    const r = data.result;
    if (!isObject(r) || !['pass', 'fail', 'error'].includes(r.verdict as string))
      return { ok: false, error: '"result.verdict" must be "pass", "fail" or "error"' };
  }
  return { ok: true, trace: data as unknown as Trace };
}
