// The page side of the mock in a Web Worker: a Transport over postMessage (protocol.ts). The worker is
// created lazily by `makeWorker` and again after a crash: a crash (onerror, messageerror, an invalid
// message) rejects every pending request with a TransportError and ends every session as 'dropped',
// with a message saying what happened; the next request starts a fresh worker.
import { parse } from 'ltx';
import { TransportError, type ConnectOptions, type Session, type Transport } from '../runner/transport';
import { BufferedSession } from './inProcess';
import { parseWorkerMessage, type PageMessage, type WorkerMessage } from './protocol';
import type { MockDiagnostic } from './server';
import type { MockSnapshot } from './inspect';

export interface WorkerTransportOptions {
  /** A request (connect, close, settle, reset) unanswered for this long fails as 'timeout'. Default 10 s. */
  requestTimeoutMs?: number;
  /** The server's diagnostics (handler exceptions, unmodelled features), as they happen. */
  onDiagnostic?: (diagnostic: MockDiagnostic) => void;
}

export interface WorkerTransport extends Transport {
  /** A fresh server state in the worker (all sessions end as 'dropped'). */
  reset(): Promise<void>;
  /** INSPECT-2: the worker's server state, validated on arrival. */
  inspect(): Promise<MockSnapshot>;
  /** The last crash message, if the worker crashed. */
  readonly lastCrash: string | undefined;
}

type Pending = {
  resolve: (m: WorkerMessage) => void;
  reject: (e: TransportError) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
};

type Request = PageMessage extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

export function createWorkerTransport(
  makeWorker: () => Worker,
  options: WorkerTransportOptions = {},
): WorkerTransport {
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  let worker: Worker | undefined;
  let nextId = 1;
  let lastCrash: string | undefined;
  const pending = new Map<number, Pending>();
  const sessions = new Map<number, BufferedSession>();

  function ensureWorker(): Worker {
    if (worker) return worker;
    let w: Worker;
    try {
      w = makeWorker();
    } catch (err) {
      throw new TransportError('connection-refused', `cannot start the mock worker: ${String(err)}`);
    }
    w.onmessage = (event: MessageEvent) => {
      if (worker === w) onMessage(event.data);
    };
    w.onerror = (event: ErrorEvent) => {
      event.preventDefault?.();
      if (worker === w) crash(`the mock worker crashed: ${event.message || 'unknown error'}`);
    };
    w.onmessageerror = () => {
      if (worker === w) crash('the mock worker sent a message that could not be deserialized');
    };
    worker = w;
    return w;
  }

  function crash(message: string): void {
    lastCrash = message;
    const w = worker;
    worker = undefined;
    try {
      w?.terminate();
    } catch {
      // already gone
    }
    for (const p of pending.values()) {
      if (p.timer !== undefined) clearTimeout(p.timer);
      p.reject(new TransportError('protocol', message));
    }
    pending.clear();
    for (const s of sessions.values()) s.end({ kind: 'dropped', message });
    sessions.clear();
  }

  function post(message: PageMessage): void {
    try {
      ensureWorker().postMessage(message);
    } catch (err) {
      if (err instanceof TransportError) throw err;
      throw new TransportError('protocol', `cannot post to the mock worker: ${String(err)}`);
    }
  }

  function request(message: Request): Promise<WorkerMessage> {
    const id = nextId++;
    return new Promise<WorkerMessage>((resolve, reject) => {
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              pending.delete(id);
              reject(
                new TransportError(
                  'timeout',
                  `the mock worker did not answer ${message.type} within ${timeoutMs} ms`,
                ),
              );
            }, timeoutMs)
          : undefined;
      pending.set(id, { resolve, reject, timer });
      try {
        post({ ...message, id } as PageMessage);
      } catch (err) {
        pending.delete(id);
        if (timer !== undefined) clearTimeout(timer);
        reject(err);
      }
    });
  }

  function settle(id: number | undefined, m: WorkerMessage): void {
    if (id === undefined) return;
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (p.timer !== undefined) clearTimeout(p.timer);
    if (m.type === 'error') p.reject(new TransportError(m.kind, m.message));
    else p.resolve(m);
  }

  /** Parse and hand a stanza to its session; false after a crash. */
  function deliver(session: number, xml: string): boolean {
    const s = sessions.get(session);
    if (!s) return true;
    let el;
    try {
      el = parse(xml);
    } catch (err) {
      crash(`the mock worker sent unparseable XML: ${String(err)}`);
      return false;
    }
    s.deliver(el);
    return true;
  }

  function onMessage(data: unknown): void {
    const parsed = parseWorkerMessage(data);
    if (!parsed.ok) {
      crash(`the mock worker sent an invalid message: ${parsed.error}`);
      return;
    }
    const m = parsed.message;
    switch (m.type) {
      case 'connected': {
        // Registered here, before any stanza message for it can be handled.
        const n = m.session;
        const session = new BufferedSession(m.jid, {
          send: (stanza) => post({ type: 'send', session: n, xml: stanza.toString() }),
          close: () => request({ type: 'close', session: n }).then(() => undefined),
        });
        sessions.set(n, session);
        settle(m.id, m);
        return;
      }
      case 'stanza':
        deliver(m.session, m.xml);
        return;
      case 'stanzas':
        for (const it of m.items) if (!deliver(it.session, it.xml)) return;
        return;
      case 'closed': {
        const s = sessions.get(m.session);
        sessions.delete(m.session);
        s?.end(m.reason);
        settle(m.id, m);
        return;
      }
      case 'settled':
      case 'inspection':
        settle(m.id, m);
        return;
      case 'diagnostic':
        try {
          options.onDiagnostic?.(m.diagnostic);
        } catch {
          // a listener's failure is its own
        }
        return;
      case 'error':
        if (m.id !== undefined) settle(m.id, m);
        else if (m.session === undefined) crash(m.message);
        else sessions.get(m.session)?.end({ kind: 'dropped', message: m.message });
        return;
    }
  }

  return {
    label: 'mock (worker)',
    get lastCrash() {
      return lastCrash;
    },
    async connect(o: ConnectOptions): Promise<Session> {
      const options: { jid: string; password: string; clientName: string; resource?: string } = {
        jid: o.jid,
        password: o.password,
        clientName: o.clientName,
      };
      if (o.resource !== undefined) options.resource = o.resource;
      const m = await request({ type: 'connect', options });
      if (m.type !== 'connected') throw new TransportError('protocol', `unexpected answer ${m.type}`);
      const s = sessions.get(m.session);
      if (!s) throw new TransportError('closed', `the mock session of ${m.jid} ended at once`);
      return s;
    },
    async settled(): Promise<void> {
      if (!worker) return;
      await request({ type: 'settle' });
    },
    async inspect(): Promise<MockSnapshot> {
      const m = await request({ type: 'inspect' });
      if (m.type !== 'inspection') throw new TransportError('protocol', `unexpected answer ${m.type}`);
      return m.snapshot;
    },
    async reset(): Promise<void> {
      if (!worker) return;
      await request({ type: 'reset' });
    },
    async dispose(): Promise<void> {
      const open = [...sessions.values()];
      await Promise.all(open.map((s) => s.close().catch(() => undefined)));
      const w = worker;
      worker = undefined;
      for (const p of pending.values()) {
        if (p.timer !== undefined) clearTimeout(p.timer);
        p.reject(new TransportError('closed', 'the mock worker transport was disposed'));
      }
      pending.clear();
      sessions.clear();
      w?.terminate();
    },
  };
}
