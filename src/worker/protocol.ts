// Messages between the page and the run worker (the runner and the mock server together in one Web
// Worker): discriminated unions, validated where they arrive, both ways. A message that does not fit is
// a protocol error with a sentence, never a crash. The page sends the script's text (the worker parses
// it with the same parser, so step indexes and lines are the page's); the worker sends the runner's
// events in batches, each with the runner's control state after the batch.
import type { ControlState, Intent } from '../runner/control';
import type { RunEvent, RunnerTimeouts } from '../runner';

/** Page -> worker. */
export type RunPageMessage =
  /** Create a runner for `source` on a fresh mock server (no intent yet: the runner stays idle). */
  | { type: 'open'; runId: string; source: string; timeouts: RunnerTimeouts; inspect: boolean }
  /** A control intent; with `id`, answered by `done` (step: once paused again; stop: once finished). */
  | { type: 'intent'; runId: string; intent: Intent; id?: number }
  /** Send a stanza outside the script as one of the paused run's clients; answered by `done`. */
  | { type: 'adhoc'; runId: string; id: number; client: string; xml: string }
  /** Are you there? Answered by `pong` (a worker stuck in a loop never answers). */
  | { type: 'ping'; id: number };

/** Worker -> page. */
export type RunWorkerMessage =
  | { type: 'events'; runId: string; events: RunEvent[]; status: ControlState }
  /** The run could not be created (the script does not parse): it ends as 'error' with this sentence. */
  | { type: 'failed'; runId: string; message: string }
  /** Answers an intent or ad-hoc request with an id; `error` says why it did not happen. */
  | { type: 'done'; id: number; error?: string }
  | { type: 'pong'; id: number }
  /** The worker met a message it cannot handle (no request to answer). */
  | { type: 'error'; message: string };

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isId = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isIndex = isId;
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

const STATES: readonly ControlState[] = ['idle', 'running', 'paused', 'stopping', 'finished'];
const TIMEOUT_KEYS = ['receiveMs', 'nothingMs', 'connectMs'] as const;

function parseIntent(x: unknown): Intent | string {
  if (!isObj(x)) return 'intent must be an object';
  switch (x.type) {
    case 'run':
    case 'step':
    case 'pause':
    case 'stop':
      return { type: x.type };
    case 'run-to':
      return isIndex(x.line) ? { type: 'run-to', line: x.line } : 'run-to: needs a line number';
    default:
      return `unknown intent ${JSON.stringify(x.type)}`;
  }
}

function parseTimeouts(x: unknown): RunnerTimeouts | string {
  if (!isObj(x)) return 'timeouts must be an object';
  const out: RunnerTimeouts = {};
  for (const k of TIMEOUT_KEYS) {
    const v = x[k];
    if (v === undefined) continue;
    if (!isNum(v) || v < 0) return `timeouts.${k} must be a non-negative number`;
    out[k] = v;
  }
  return out;
}

export function parseRunPageMessage(data: unknown): Parsed<RunPageMessage> {
  if (!isObj(data)) return fail('not an object');
  switch (data.type) {
    case 'open': {
      if (!isStr(data.runId) || !isStr(data.source)) return fail('open: needs string runId and source');
      const timeouts = parseTimeouts(data.timeouts);
      if (typeof timeouts === 'string') return fail(`open: ${timeouts}`);
      if (typeof data.inspect !== 'boolean') return fail('open: inspect must be a boolean');
      return {
        ok: true,
        message: { type: 'open', runId: data.runId, source: data.source, timeouts, inspect: data.inspect },
      };
    }
    case 'intent': {
      if (!isStr(data.runId)) return fail('intent: needs a string runId');
      if (data.id !== undefined && !isId(data.id)) return fail('intent: id must be a non-negative integer');
      const intent = parseIntent(data.intent);
      if (typeof intent === 'string') return fail(`intent: ${intent}`);
      const m: RunPageMessage = { type: 'intent', runId: data.runId, intent };
      if (data.id !== undefined) m.id = data.id as number;
      return { ok: true, message: m };
    }
    case 'adhoc':
      if (!isStr(data.runId) || !isId(data.id) || !isStr(data.client) || !isStr(data.xml))
        return fail('adhoc: needs runId, id, client and xml');
      return {
        ok: true,
        message: { type: 'adhoc', runId: data.runId, id: data.id, client: data.client, xml: data.xml },
      };
    case 'ping':
      if (!isId(data.id)) return fail('ping: id must be a non-negative integer');
      return { ok: true, message: { type: 'ping', id: data.id } };
    default:
      return fail(`unknown message type ${JSON.stringify(data.type)}`);
  }
}

/** What each event type must carry beyond type, runId and at (the fields consumers read). */
function eventProblem(e: Obj): string | undefined {
  switch (e.type) {
    case 'run-started':
      return isStr(e.target) && isIndex(e.steps) ? undefined : 'needs target and steps';
    case 'step-started':
    case 'step-skipped':
      return isIndex(e.step) ? undefined : 'needs a step index';
    case 'step-passed':
      return isIndex(e.step) && isNum(e.durationMs) ? undefined : 'needs step and durationMs';
    case 'step-failed':
      return isIndex(e.step) &&
        isNum(e.line) &&
        isStr(e.stepText) &&
        isStr(e.message) &&
        Array.isArray(e.mismatches)
        ? undefined
        : 'needs step, line, stepText, message and mismatches';
    case 'stanza':
      return isStr(e.client) && (e.direction === 'in' || e.direction === 'out') && isStr(e.xml)
        ? undefined
        : 'needs client, direction and xml';
    case 'stanza-ignored':
      return isStr(e.client) && isStr(e.xml) && isStr(e.reason) ? undefined : 'needs client, xml and reason';
    case 'stanza-unread':
      return isStr(e.client) && isIndex(e.seq) ? undefined : 'needs client and seq';
    case 'connection':
      return isStr(e.client) && isStr(e.state) ? undefined : 'needs client and state';
    case 'inspection':
      return isIndex(e.step) ? undefined : 'needs a step index';
    case 'variables':
      return isObj(e.variables) ? undefined : 'needs variables';
    case 'paused':
      return isIndex(e.nextStep) ? undefined : 'needs nextStep';
    case 'resumed':
      return undefined;
    case 'run-finished': {
      const r = e.result;
      if (!isObj(r) || !['pass', 'fail', 'error'].includes(r.verdict as string)) return 'needs a result';
      return isNum(r.durationMs) && isIndex(r.stepsPassed) && isIndex(r.stepsTotal) && isObj(r.variables)
        ? undefined
        : 'needs a complete result';
    }
    default:
      return `has an unknown type ${JSON.stringify(e.type)}`;
  }
}

function parseEvents(runId: string, x: unknown): RunEvent[] | string {
  if (!Array.isArray(x)) return 'events must be an array';
  for (let i = 0; i < x.length; i++) {
    const e: unknown = x[i];
    if (!isObj(e)) return `events[${i}] is not an object`;
    if (e.runId !== runId) return `events[${i}] belongs to another run`;
    if (!isNum(e.at)) return `events[${i}] has no numeric "at"`;
    const problem = eventProblem(e);
    if (problem) return `events[${i}] (${String(e.type)}) ${problem}`;
  }
  return x as RunEvent[];
}

export function parseRunWorkerMessage(data: unknown): Parsed<RunWorkerMessage> {
  if (!isObj(data)) return fail('not an object');
  switch (data.type) {
    case 'events': {
      if (!isStr(data.runId)) return fail('events: needs a string runId');
      if (!STATES.includes(data.status as ControlState))
        return fail(`events: unknown status ${JSON.stringify(data.status)}`);
      const events = parseEvents(data.runId, data.events);
      if (typeof events === 'string') return fail(`events: ${events}`);
      return {
        ok: true,
        message: { type: 'events', runId: data.runId, events, status: data.status as ControlState },
      };
    }
    case 'failed':
      if (!isStr(data.runId) || !isStr(data.message)) return fail('failed: needs runId and message');
      return { ok: true, message: { type: 'failed', runId: data.runId, message: data.message } };
    case 'done': {
      if (!isId(data.id)) return fail('done: needs an id');
      if (data.error !== undefined && !isStr(data.error)) return fail('done: error must be a string');
      const m: RunWorkerMessage = { type: 'done', id: data.id };
      if (data.error !== undefined) m.error = data.error as string;
      return { ok: true, message: m };
    }
    case 'pong':
      if (!isId(data.id)) return fail('pong: needs an id');
      return { ok: true, message: { type: 'pong', id: data.id } };
    case 'error':
      if (!isStr(data.message)) return fail('error: needs a message');
      return { ok: true, message: { type: 'error', message: data.message } };
    default:
      return fail(`unknown message type ${JSON.stringify(data.type)}`);
  }
}
