// The worker protocol (CORE-WORKER-*): message validation, the worker's handler driven directly, and
// createWorkerTransport over a fake Worker that runs the real handler behind structured clones and
// macrotask hops, as postMessage does. One test goes through a real Node worker_threads Worker.
import { describe, expect, it } from 'vitest';
import { parse } from 'ltx';
import { fileURLToPath } from 'node:url';
import { Worker as NodeWorker } from 'node:worker_threads';
import { parsePageMessage, parseWorkerMessage, type WorkerMessage } from './protocol';
import { createWorkerHandler } from './workerHandler';
import { createWorkerTransport } from './workerTransport';
import { TransportError } from '../runner/transport';
import { createMockServer } from './index';
import { seededRandom } from './ids';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('CORE-WORKER-1 message validation', () => {
  it('accepts the page messages', () => {
    expect(
      parsePageMessage({
        type: 'connect',
        id: 1,
        options: { jid: 'a@localhost', password: 'p', clientName: 'A', resource: 'r' },
      }),
    ).toEqual({
      ok: true,
      message: {
        type: 'connect',
        id: 1,
        options: { jid: 'a@localhost', password: 'p', clientName: 'A', resource: 'r' },
      },
    });
    expect(parsePageMessage({ type: 'send', session: 2, xml: '<presence/>' }).ok).toBe(true);
    expect(parsePageMessage({ type: 'close', id: 3, session: 2 }).ok).toBe(true);
    expect(parsePageMessage({ type: 'settle', id: 4 }).ok).toBe(true);
    expect(parsePageMessage({ type: 'reset', id: 5 }).ok).toBe(true);
  });
  it.each([
    [null, 'not an object'],
    [{ type: 'connect', id: 1, options: { jid: 'a' } }, 'connect: options need'],
    [{ type: 'connect', id: -1, options: {} }, 'connect: id'],
    [{ type: 'send', session: '2', xml: '<a/>' }, 'send: needs'],
    [{ type: 'close', id: 1 }, 'close: needs'],
    [{ type: 'settle' }, 'settle: id'],
    [{ type: 'explode', id: 1 }, 'unknown message type "explode"'],
  ])('rejects %j', (data, error) => {
    const r = parsePageMessage(data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });
  it('validates worker messages, including close reasons and error kinds', () => {
    expect(parseWorkerMessage({ type: 'closed', session: 1, reason: { kind: 'requested' } }).ok).toBe(true);
    expect(
      parseWorkerMessage({
        type: 'closed',
        session: 1,
        reason: { kind: 'stream-error', condition: 'conflict', text: 't' },
      }),
    ).toEqual({
      ok: true,
      message: {
        type: 'closed',
        session: 1,
        reason: { kind: 'stream-error', condition: 'conflict', text: 't' },
      },
    });
    expect(parseWorkerMessage({ type: 'closed', session: 1, reason: { kind: 'gone' } }).ok).toBe(false);
    expect(parseWorkerMessage({ type: 'error', kind: 'auth-failed', message: 'm', id: 2 }).ok).toBe(true);
    expect(parseWorkerMessage({ type: 'error', kind: 'weird', message: 'm' }).ok).toBe(false);
    expect(parseWorkerMessage({ type: 'stanza', session: 1 }).ok).toBe(false);
  });
});

function driven() {
  const out: WorkerMessage[] = [];
  const h = createWorkerHandler(
    (m) => out.push(structuredClone(m)),
    (hooks) => createMockServer({ random: seededRandom(7), ...hooks }),
  );
  return { h, out };
}

describe('CORE-WORKER-1/2 the worker handler', () => {
  it('connects, routes, settles and closes', async () => {
    const { h, out } = driven();
    await h.handle({
      type: 'connect',
      id: 1,
      options: { jid: 'user@localhost', password: 'x', clientName: 'Romeo' },
    });
    const connected = out.shift() as Extract<WorkerMessage, { type: 'connected' }>;
    expect(connected).toMatchObject({ type: 'connected', id: 1, session: 1 });
    expect(connected.jid).toMatch(/^user@localhost\/.{12}$/);
    await h.handle({ type: 'send', session: 1, xml: '<presence/>' });
    await h.handle({ type: 'settle', id: 2 });
    expect(out.map((m) => m.type)).toEqual(['stanza', 'settled']);
    const stanza = out[0] as Extract<WorkerMessage, { type: 'stanza' }>;
    expect(parse(stanza.xml).attrs).toMatchObject({ xmlns: 'jabber:client', from: connected.jid });
    out.length = 0;
    await h.handle({ type: 'close', id: 3, session: 1 });
    expect(out).toEqual([{ type: 'closed', session: 1, reason: { kind: 'requested' }, id: 3 }]);
    out.length = 0;
    await h.handle({ type: 'send', session: 1, xml: '<presence/>' });
    expect(out[0]).toMatchObject({ type: 'error', session: 1, kind: 'closed' });
  });
  it("CORE-WORKER-4 sends one turn's stanzas in one message", async () => {
    const { h, out } = driven();
    await h.handle({
      type: 'connect',
      id: 1,
      options: { jid: 'user@localhost', password: 'x', clientName: 'R' },
    });
    out.length = 0;
    await h.handle({
      type: 'send',
      session: 1,
      xml: '<presence to="room@conference.localhost/Romeo"><x xmlns="http://jabber.org/protocol/muc"/></presence>',
    });
    await h.handle({ type: 'send', session: 1, xml: '<presence/>' });
    await h.handle({ type: 'settle', id: 2 });
    expect(out.map((m) => m.type)).toEqual(['stanzas', 'stanza', 'settled']);
    const batch = out[0] as Extract<WorkerMessage, { type: 'stanzas' }>;
    expect(batch.items.map((i) => parse(i.xml).name)).toEqual(['presence', 'message']);
    expect(parseWorkerMessage(batch).ok).toBe(true);
  });
  it("posts the server's diagnostics", async () => {
    const { h, out } = driven();
    await h.handle({
      type: 'connect',
      id: 1,
      options: { jid: 'user@localhost', password: 'x', clientName: 'R' },
    });
    await h.handle({ type: 'send', session: 1, xml: '<presence to="juliet@localhost" type="subscribed"/>' });
    await h.handle({ type: 'settle', id: 2 });
    const d = out.find((m) => m.type === 'diagnostic');
    expect(d).toMatchObject({ type: 'diagnostic', diagnostic: { level: 'warning', code: 'not-modelled' } });
    expect(parseWorkerMessage(d).ok).toBe(true);
  });
  it('answers a failed login with an error for the request', async () => {
    const { h, out } = driven();
    await h.handle({
      type: 'connect',
      id: 9,
      options: { jid: 'u@secure.localhost', password: 'x', clientName: 'S' },
    });
    expect(out).toEqual([
      {
        type: 'error',
        id: 9,
        kind: 'auth-failed',
        message: 'authentication failed for u@secure.localhost: not-authorized',
      },
    ]);
  });
  it('answers invalid messages with protocol errors, never throws', async () => {
    const { h, out } = driven();
    await h.handle({ type: 'connect', id: 4 });
    await h.handle('garbage');
    await h.handle({ type: 'send', session: 99, xml: '<presence/>' });
    expect(out.map((m) => [m.type, (m as { kind?: string }).kind, (m as { id?: number }).id])).toEqual([
      ['error', 'protocol', 4],
      ['error', 'protocol', undefined],
      ['error', 'closed', undefined],
    ]);
  });
  it('reports unparseable XML for a session without crashing', async () => {
    const { h, out } = driven();
    await h.handle({
      type: 'connect',
      id: 1,
      options: { jid: 'user@localhost', password: 'x', clientName: 'R' },
    });
    out.length = 0;
    await h.handle({ type: 'send', session: 1, xml: '<presence' });
    expect(out[0]).toMatchObject({ type: 'error', session: 1, kind: 'protocol' });
  });
  it('CORE-WORKER-2 reset: sessions dropped, a fresh server', async () => {
    const { h, out } = driven();
    await h.handle({
      type: 'connect',
      id: 1,
      options: { jid: 'user@localhost', password: 'x', clientName: 'R' },
    });
    await h.handle({
      type: 'send',
      session: 1,
      xml: '<message to="juliet@localhost"><body>stored</body></message>',
    });
    await h.handle({ type: 'settle', id: 2 });
    const before = h.server;
    out.length = 0;
    await h.handle({ type: 'reset', id: 3 });
    expect(out).toEqual([
      { type: 'closed', session: 1, reason: { kind: 'dropped', message: 'the mock server was reset' } },
      { type: 'settled', id: 3 },
    ]);
    expect(h.server).not.toBe(before);
    expect(h.server.sessions()).toEqual([]);
  });
});

/** A fake Web Worker running the real handler; messages cross as structured clones, a task later. */
class FakeWorker {
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: ((e: unknown) => void) | null = null;
  terminated = false;
  readonly handler = createWorkerHandler((m) => {
    if (this.terminated) return;
    const data = structuredClone(this.corrupt ? this.corrupt(m) : m);
    setTimeout(() => !this.terminated && this.onmessage?.({ data }), 0);
  });
  corrupt: ((m: WorkerMessage) => unknown) | undefined;
  crashOn: string | undefined;
  silent = false;
  postMessage(m: unknown): void {
    const data = structuredClone(m) as { type: string };
    setTimeout(() => {
      if (this.terminated || this.silent) return;
      if (this.crashOn === data.type) {
        this.onerror?.({ message: 'Uncaught RangeError: boom', preventDefault() {} });
        return;
      }
      void this.handler.handle(data);
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function fakeTransport(configure?: (w: FakeWorker) => void) {
  const workers: FakeWorker[] = [];
  const transport = createWorkerTransport(() => {
    const w = new FakeWorker();
    configure?.(w);
    workers.push(w);
    return w as unknown as Worker;
  });
  return { transport, workers };
}

describe('createWorkerTransport', () => {
  it('connects, sends, receives and settles through postMessage', async () => {
    const { transport, workers } = fakeTransport();
    const romeo = await transport.connect({ jid: 'user@localhost', password: 'x', clientName: 'Romeo' });
    const juliet = await transport.connect({
      jid: 'juliet@localhost',
      password: 'x',
      resource: 'mobile',
      clientName: 'Juliet',
    });
    expect(juliet.jid).toBe('juliet@localhost/mobile');
    const got: string[] = [];
    juliet.onStanza((s) => got.push(s.toString()));
    await romeo.send(parse(`<message to="${juliet.jid}" type="chat"><body>hi</body></message>`));
    await transport.settled!();
    expect(got).toHaveLength(1);
    expect(parse(got[0]).attrs).toMatchObject({ xmlns: 'jabber:client', from: romeo.jid, to: juliet.jid });
    const reasons: string[] = [];
    romeo.onClose((r) => reasons.push(r.kind));
    await romeo.close();
    expect(reasons).toEqual(['requested']);
    expect(workers).toHaveLength(1);
    await transport.dispose!();
    expect(workers[0].terminated).toBe(true);
  });
  it('CORE-WORKER-4 delivers a batch in one task', async () => {
    const { transport } = fakeTransport();
    const romeo = await transport.connect({ jid: 'user@localhost', password: 'x', clientName: 'R' });
    const marks: string[] = [];
    romeo.onStanza((s) => {
      marks.push(s.name);
      queueMicrotask(() => marks.push('tick'));
    });
    await romeo.send(
      parse(
        '<presence to="room@conference.localhost/Romeo"><x xmlns="http://jabber.org/protocol/muc"/></presence>',
      ),
    );
    await transport.settled!();
    expect(marks).toEqual(['presence', 'message', 'tick', 'tick']);
    await transport.dispose!();
  });
  it('hands diagnostics to onDiagnostic', async () => {
    const seen: string[] = [];
    const transport = createWorkerTransport(() => new FakeWorker() as unknown as Worker, {
      onDiagnostic: (d) => seen.push(d.code),
    });
    const romeo = await transport.connect({ jid: 'user@localhost', password: 'x', clientName: 'R' });
    await romeo.send(parse('<presence to="juliet@localhost" type="subscribed"/>'));
    await transport.settled!();
    expect(seen).toEqual(['not-modelled']);
    await transport.dispose!();
  });
  it('rejects a failed login with TransportError auth-failed', async () => {
    const { transport } = fakeTransport();
    const err = await transport
      .connect({ jid: 'u@secure.localhost', password: 'x', clientName: 'S' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err.kind).toBe('auth-failed');
  });
  it('CORE-WORKER-3 a crash rejects pending requests, drops sessions, and the worker restarts', async () => {
    const { transport, workers } = fakeTransport();
    const romeo = await transport.connect({ jid: 'user@localhost', password: 'x', clientName: 'Romeo' });
    const dropped: unknown[] = [];
    romeo.onClose((r) => dropped.push(r));
    workers[0].crashOn = 'settle';
    const err = await transport.settled!().catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err.kind).toBe('protocol');
    expect(err.message).toBe('the mock worker crashed: Uncaught RangeError: boom');
    expect(dropped).toEqual([
      { kind: 'dropped', message: 'the mock worker crashed: Uncaught RangeError: boom' },
    ]);
    expect(workers[0].terminated).toBe(true);
    expect(transport.lastCrash).toMatch(/crashed/);
    await expect(romeo.send(parse('<presence/>'))).rejects.toBeInstanceOf(TransportError);
    // restart on demand: the next request makes a fresh worker with a fresh server
    const again = await transport.connect({ jid: 'user@localhost', password: 'x', clientName: 'Romeo' });
    expect(workers).toHaveLength(2);
    const got: string[] = [];
    again.onStanza((s) => got.push(s.name));
    await again.send(parse('<presence/>'));
    await transport.settled!();
    expect(got).toEqual(['presence']);
  });
  it('CORE-WORKER-3 an invalid message from the worker is a crash too', async () => {
    const { transport } = fakeTransport((w) => {
      w.corrupt = (m) => (m.type === 'connected' ? { ...m, jid: 42 } : m);
    });
    const err = await transport
      .connect({ jid: 'user@localhost', password: 'x', clientName: 'R' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err.message).toMatch(/invalid message: connected: needs id, session and jid/);
  });
  it('times out a request the worker never answers', async () => {
    const transport = createWorkerTransport(
      () => {
        const w = new FakeWorker();
        w.silent = true;
        return w as unknown as Worker;
      },
      { requestTimeoutMs: 30 },
    );
    const err = await transport
      .connect({ jid: 'user@localhost', password: 'x', clientName: 'R' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err.kind).toBe('timeout');
  });
  it('CORE-WORKER-2 reset drops sessions and starts a fresh server state', async () => {
    const { transport } = fakeTransport();
    const romeo = await transport.connect({ jid: 'user@localhost', password: 'x', clientName: 'R' });
    await romeo.send(parse('<message to="juliet@localhost"><body>stored</body></message>'));
    const reasons: string[] = [];
    romeo.onClose((r) => reasons.push(r.kind));
    await transport.reset();
    await tick();
    expect(reasons).toEqual(['dropped']);
    const juliet = await transport.connect({ jid: 'juliet@localhost', password: 'x', clientName: 'J' });
    const got: string[] = [];
    juliet.onStanza((s) => got.push(s.name));
    await juliet.send(parse('<presence/>'));
    await transport.settled!();
    expect(got).toEqual(['presence']); // the stored message went with the old server
  });
});

describe('a real worker_threads Worker', () => {
  it('runs worker.ts behind a self shim and answers over postMessage', async () => {
    const shim = fileURLToPath(new URL('../../tests/fixtures/mock-worker-shim.mjs', import.meta.url));
    const transport = createWorkerTransport(() => {
      const nw = new NodeWorker(shim);
      const facade = {
        onmessage: null as ((e: { data: unknown }) => void) | null,
        onerror: null as ((e: { message: string; preventDefault(): void }) => void) | null,
        onmessageerror: null as ((e: unknown) => void) | null,
        postMessage: (m: unknown) => nw.postMessage(m),
        terminate: () => void nw.terminate(),
      };
      nw.on('message', (data) => facade.onmessage?.({ data }));
      nw.on('error', (e) => facade.onerror?.({ message: e.message, preventDefault() {} }));
      nw.on('messageerror', (e) => facade.onmessageerror?.(e));
      return facade as unknown as Worker;
    });
    try {
      const romeo = await transport.connect({ jid: 'user@localhost', password: 'x', clientName: 'Romeo' });
      const got: string[] = [];
      romeo.onStanza((s) => got.push(s.toString()));
      await romeo.send(parse('<iq type="get" id="v" to="localhost"><query xmlns="jabber:iq:version"/></iq>'));
      await transport.settled!();
      expect(got).toHaveLength(1);
      expect(parse(got[0]).getChild('query')?.getChildText('version')).toBe('0.12.3');
    } finally {
      await transport.dispose!();
    }
  }, 20_000);
});

describe('INSPECT-2/3 inspect() over the worker protocol', () => {
  it('answers with the server state, validated on arrival; never live objects', async () => {
    const { transport } = fakeTransport();
    const owner = await transport.connect({
      jid: 'owner@localhost',
      password: 'x',
      resource: 'r',
      clientName: 'O',
    });
    await owner.send(
      parse(
        `<presence to="room@conference.localhost/Own"><x xmlns="http://jabber.org/protocol/muc"/></presence>`,
      ),
    );
    const snap = await transport.inspect();
    expect(snap.sessions).toEqual(['owner@localhost/r']);
    expect(snap.rooms).toHaveLength(1);
    expect(snap.rooms[0]).toMatchObject({ jid: 'room@conference.localhost', locked: true });
    expect(snap.rooms[0].occupants).toEqual([
      {
        nick: 'Own',
        roomJid: 'room@conference.localhost/Own',
        jid: 'owner@localhost',
        role: 'moderator',
        affiliation: 'owner',
        sessions: [{ jid: 'owner@localhost/r' }],
      },
    ]);
    await transport.dispose!();
  });
  it('a snapshot that does not fit is a protocol error naming the field', async () => {
    const { transport } = fakeTransport((w) => {
      w.corrupt = (m) =>
        m.type === 'inspection'
          ? { ...m, snapshot: { version: 1, sessions: [], rooms: [{ jid: 'r@c', locked: 'no' }] } }
          : m;
    });
    await expect(transport.inspect()).rejects.toThrow(/snapshot\.rooms\[0\]\.locked/);
  });
  it('parseWorkerMessage rejects an inspection without a valid snapshot', () => {
    const r = parseWorkerMessage({
      type: 'inspection',
      id: 1,
      snapshot: { version: 2, sessions: [], rooms: [] },
    });
    expect(r).toEqual({ ok: false, error: 'inspection: invalid snapshot at snapshot.version' });
    expect(parsePageMessage({ type: 'inspect', id: 7 })).toEqual({
      ok: true,
      message: { type: 'inspect', id: 7 },
    });
  });
});
