// Messages between the page and the mock's Web Worker: discriminated unions, validated where they
// arrive (a message that does not fit is a protocol error, never a crash). Stanzas cross as serialized
// XML, as on the wire. Session ids are the worker's numbers; request ids are the page's.
import type { CloseReason, TransportError } from '../runner/transport';
import type { MockDiagnostic } from './server';
import { parseSnapshot, type MockSnapshot } from './inspect';

export type TransportErrorKind = TransportError['kind'];

export interface WorkerConnectOptions {
  jid: string;
  password: string;
  resource?: string;
  clientName: string;
}

/** Page -> worker. */
export type PageMessage =
  | { type: 'connect'; id: number; options: WorkerConnectOptions }
  | { type: 'send'; session: number; xml: string }
  | { type: 'close'; id: number; session: number }
  | { type: 'settle'; id: number }
  /** A snapshot of the server's state once everything sent so far is processed (INSPECT-2). */
  | { type: 'inspect'; id: number }
  /** Drop all state (sessions end as 'dropped') and start a fresh server: one server state per run. */
  | { type: 'reset'; id: number };

/** Worker -> page. */
export type WorkerMessage =
  | { type: 'connected'; id: number; session: number; jid: string }
  | { type: 'stanza'; session: number; xml: string }
  /** Several stanzas of one server turn, to be delivered in one task, in order. */
  | { type: 'stanzas'; items: Array<{ session: number; xml: string }> }
  /** A session ended; `id` answers the page's `close` request when there was one. */
  | { type: 'closed'; session: number; reason: CloseReason; id?: number }
  /** Answers `inspect`: the snapshot, validated on arrival (INSPECT-3). */
  | { type: 'inspection'; id: number; snapshot: MockSnapshot }
  /** Answers `settle` and `reset`: the server has nothing left to deliver. */
  | { type: 'settled'; id: number }
  /** Something the server noted (a handler exception, an unmodelled feature): for logs and UIs. */
  | { type: 'diagnostic'; diagnostic: MockDiagnostic }
  /** A request failed (`id`), or, with no id, the worker met something it cannot handle. */
  | { type: 'error'; id?: number; session?: number; kind: TransportErrorKind; message: string };

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

const ERROR_KINDS: readonly TransportErrorKind[] = [
  'connection-refused',
  'auth-failed',
  'bind-failed',
  'protocol',
  'closed',
  'timeout',
];

type Obj = Record<string, unknown>;

function isObj(x: unknown): x is Obj {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function isId(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}
function isStr(x: unknown): x is string {
  return typeof x === 'string';
}
function optStr(x: unknown): boolean {
  return x === undefined || typeof x === 'string';
}
function fail<T>(error: string): Parsed<T> {
  return { ok: false, error };
}

export function parsePageMessage(data: unknown): Parsed<PageMessage> {
  if (!isObj(data)) return fail('not an object');
  switch (data.type) {
    case 'connect': {
      const o = data.options;
      if (!isId(data.id)) return fail('connect: id must be a non-negative integer');
      if (!isObj(o) || !isStr(o.jid) || !isStr(o.password) || !isStr(o.clientName))
        return fail('connect: options need string jid, password and clientName');
      if (!optStr(o.resource)) return fail('connect: options.resource must be a string');
      const options: WorkerConnectOptions = {
        jid: o.jid,
        password: o.password,
        clientName: o.clientName,
      };
      if (o.resource !== undefined) options.resource = o.resource as string;
      return { ok: true, message: { type: 'connect', id: data.id, options } };
    }
    case 'send':
      if (!isId(data.session) || !isStr(data.xml))
        return fail('send: needs a session number and an xml string');
      return { ok: true, message: { type: 'send', session: data.session, xml: data.xml } };
    case 'close':
      if (!isId(data.id) || !isId(data.session)) return fail('close: needs id and session numbers');
      return { ok: true, message: { type: 'close', id: data.id, session: data.session } };
    case 'settle':
    case 'inspect':
    case 'reset':
      if (!isId(data.id)) return fail(`${data.type}: id must be a non-negative integer`);
      return { ok: true, message: { type: data.type, id: data.id } };
    default:
      return fail(`unknown message type ${JSON.stringify(data.type)}`);
  }
}

function parseCloseReason(x: unknown): CloseReason | undefined {
  if (!isObj(x)) return undefined;
  if (x.kind === 'requested') return { kind: 'requested' };
  if (x.kind === 'stream-error' && isStr(x.condition) && optStr(x.text)) {
    const r: CloseReason = { kind: 'stream-error', condition: x.condition };
    if (x.text !== undefined) r.text = x.text as string;
    return r;
  }
  if (x.kind === 'dropped' && isStr(x.message)) return { kind: 'dropped', message: x.message };
  return undefined;
}

export function parseWorkerMessage(data: unknown): Parsed<WorkerMessage> {
  if (!isObj(data)) return fail('not an object');
  switch (data.type) {
    case 'connected':
      if (!isId(data.id) || !isId(data.session) || !isStr(data.jid))
        return fail('connected: needs id, session and jid');
      return {
        ok: true,
        message: { type: 'connected', id: data.id, session: data.session, jid: data.jid },
      };
    case 'stanza':
      if (!isId(data.session) || !isStr(data.xml)) return fail('stanza: needs session and xml');
      return { ok: true, message: { type: 'stanza', session: data.session, xml: data.xml } };
    case 'stanzas': {
      if (!Array.isArray(data.items)) return fail('stanzas: needs items');
      const items: Array<{ session: number; xml: string }> = [];
      for (const it of data.items) {
        if (!isObj(it) || !isId(it.session) || !isStr(it.xml))
          return fail('stanzas: each item needs session and xml');
        items.push({ session: it.session, xml: it.xml });
      }
      return { ok: true, message: { type: 'stanzas', items } };
    }
    case 'closed': {
      const reason = parseCloseReason(data.reason);
      if (!isId(data.session) || !reason) return fail('closed: needs session and a valid reason');
      if (data.id !== undefined && !isId(data.id)) return fail('closed: id must be a number');
      const m: WorkerMessage = { type: 'closed', session: data.session, reason };
      if (data.id !== undefined) m.id = data.id as number;
      return { ok: true, message: m };
    }
    case 'diagnostic': {
      const d = data.diagnostic;
      if (
        !isObj(d) ||
        !['error', 'warning', 'info'].includes(d.level as string) ||
        !isStr(d.code) ||
        !isStr(d.message) ||
        !optStr(d.stanza)
      )
        return fail('diagnostic: needs level, code and message');
      const diagnostic: MockDiagnostic = {
        level: d.level as MockDiagnostic['level'],
        code: d.code,
        message: d.message,
      };
      if (d.stanza !== undefined) diagnostic.stanza = d.stanza as string;
      return { ok: true, message: { type: 'diagnostic', diagnostic } };
    }
    case 'inspection': {
      if (!isId(data.id)) return fail('inspection: needs id');
      const snap = parseSnapshot(data.snapshot);
      if (!snap.ok) return fail(`inspection: ${snap.error}`);
      return { ok: true, message: { type: 'inspection', id: data.id, snapshot: snap.snapshot } };
    }
    case 'settled':
      if (!isId(data.id)) return fail('settled: needs id');
      return { ok: true, message: { type: 'settled', id: data.id } };
    case 'error': {
      if (!isStr(data.message)) return fail('error: needs a message');
      if (!ERROR_KINDS.includes(data.kind as TransportErrorKind))
        return fail(`error: unknown kind ${JSON.stringify(data.kind)}`);
      if (data.id !== undefined && !isId(data.id)) return fail('error: id must be a number');
      if (data.session !== undefined && !isId(data.session)) return fail('error: session must be a number');
      const m: WorkerMessage = {
        type: 'error',
        kind: data.kind as TransportErrorKind,
        message: data.message,
      };
      if (data.id !== undefined) m.id = data.id as number;
      if (data.session !== undefined) m.session = data.session as number;
      return { ok: true, message: m };
    }
    default:
      return fail(`unknown message type ${JSON.stringify(data.type)}`);
  }
}

/** The request id of a message that failed validation, when one can be read (to answer it). */
export function requestIdOf(data: unknown): number | undefined {
  return isObj(data) && isId(data.id) ? data.id : undefined;
}
