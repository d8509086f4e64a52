// The XMPP transport against a scripted fake WebSocket (no server): what a server may do at the edges of a
// stream must never become an uncaught exception of the transport (which kills Node, and is an error in the
// page). Real-server behaviour is covered by tests/conformance-transport.test.ts.
import { describe, expect, it } from 'vitest';
import { parse } from 'ltx';
import { createXmppTransport, type WebSocketConstructor } from './xmpp';
import { TransportError } from '../transport';

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';

type Listener = (event: unknown) => void;

interface FakeSocket {
  receive(xml: string): void;
}

/**
 * A WebSocket look-alike driven by a script of replies. Listeners are called synchronously inside a
 * try/catch so that whatever a listener throws (what a real socket would turn into an uncaught exception)
 * is recorded in `thrown` instead.
 */
function fakeWebSocket(onSend: (ws: FakeSocket, data: string) => void) {
  const thrown: unknown[] = [];
  const sockets: Fake[] = [];
  class Fake implements FakeSocket {
    readonly listeners = new Map<string, Set<Listener>>();
    readyState = 0;
    constructor(readonly url: string) {
      sockets.push(this);
      queueMicrotask(() => {
        this.readyState = 1;
        this.fire('open', {});
      });
    }
    addEventListener(type: string, l: Listener): void {
      let set = this.listeners.get(type);
      if (!set) this.listeners.set(type, (set = new Set()));
      set.add(l);
    }
    removeEventListener(type: string, l: Listener): void {
      this.listeners.get(type)?.delete(l);
    }
    fire(type: string, event: unknown): void {
      for (const l of [...(this.listeners.get(type) ?? [])]) {
        try {
          l(event);
        } catch (err) {
          thrown.push(err);
        }
      }
    }
    /** A frame from the "server". */
    receive(xml: string): void {
      this.fire('message', { data: xml });
    }
    send(data: string): void {
      onSend(this, data);
    }
    close(): void {
      if (this.readyState === 3) return;
      this.readyState = 3;
      queueMicrotask(() => this.fire('close', { wasClean: true }));
    }
  }
  return { WebSocket: Fake as unknown as WebSocketConstructor, thrown, sockets };
}

/** A fake server that logs romeo@localhost/r1 in (PLAIN, then bind) and hands every other frame to `rest`. */
function fakeLoginServer(rest: (data: string, reply: (xml: string) => void) => void) {
  let phase = 0;
  return fakeWebSocket((ws, data) => {
    const reply = (xml: string) => queueMicrotask(() => ws.receive(xml));
    if (data.startsWith('<open')) {
      reply(`<open xmlns="${FRAMING}" from="localhost" id="s${phase}" version="1.0" xml:lang="en"/>`);
      reply(
        phase === 0
          ? '<stream:features xmlns:stream="http://etherx.jabber.org/streams"><mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>PLAIN</mechanism></mechanisms></stream:features>'
          : '<stream:features xmlns:stream="http://etherx.jabber.org/streams"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></stream:features>',
      );
    } else if (data.includes('<auth')) {
      phase = 1;
      reply('<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>');
    } else if (data.includes('urn:ietf:params:xml:ns:xmpp-bind')) {
      const id = /id="([^"]+)"/.exec(data)?.[1];
      reply(
        `<iq xmlns="jabber:client" type="result" id="${id}"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>romeo@localhost/r1</jid></bind></iq>`,
      );
    } else rest(data, reply);
  });
}

describe('XMPP transport: data after the stream closed', () => {
  it('drops frames that arrive after the server closed the stream (no uncaught TypeError)', async () => {
    // The server opens the stream, closes it at once, and a frame it had already queued (think of MUC
    // fan-out to an occupant that is leaving) still arrives on the socket. @xmpp/connection detaches its
    // parser on the close, and its _onData wrote to the null parser: an uncaught exception in the socket's
    // 'message' handler.
    const late: string[] = [];
    const fake = fakeWebSocket((ws, data) => {
      if (data.startsWith('<open')) {
        queueMicrotask(() => {
          ws.receive(`<open xmlns="${FRAMING}" from="localhost" id="s1" version="1.0" xml:lang="en"/>`);
          ws.receive(`<close xmlns="${FRAMING}"/>`);
          const frame =
            '<message from="room@conference.localhost/x" to="romeo@localhost"><body>late</body></message>';
          late.push(frame);
          ws.receive(frame);
        });
      }
    });
    const transport = createXmppTransport('ws://127.0.0.1:1/xmpp-websocket', {
      WebSocket: fake.WebSocket,
      connectTimeoutMs: 2000,
      closeTimeoutMs: 200,
    });
    const err = await transport.connect({ jid: 'romeo@localhost', password: 'pw', clientName: 'Romeo' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(late).toHaveLength(1);
    expect(fake.thrown).toEqual([]);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).message).toMatch(/closed the connection while opening a session/);
    await transport.dispose?.();
  });

  it('a frame arriving after our own close, while a session was online, is dropped too', async () => {
    // A full (fake) session: PLAIN auth, bind, online; then the script closes, the server answers the close
    // and a queued stanza still arrives after it.
    const fake = fakeLoginServer((data, reply) => {
      if (data.startsWith('<close')) {
        reply(`<close xmlns="${FRAMING}"/>`);
        reply(
          '<message xmlns="jabber:client" from="juliet@localhost/b" to="romeo@localhost/r1"><body>late</body></message>',
        );
      }
    });
    const transport = createXmppTransport('ws://127.0.0.1:1/xmpp-websocket', {
      WebSocket: fake.WebSocket,
      connectTimeoutMs: 2000,
      closeTimeoutMs: 200,
    });
    const session = await transport.connect({ jid: 'romeo@localhost', password: 'pw', clientName: 'Romeo' });
    expect(session.jid).toBe('romeo@localhost/r1');
    const got: string[] = [];
    session.onStanza((s) => got.push(s.toString()));
    const reasons: string[] = [];
    session.onClose((r) => reasons.push(r.kind));
    await session.close();
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.thrown).toEqual([]);
    expect(got).toEqual([]);
    expect(reasons).toEqual(['requested']);
    await transport.dispose?.();
  });
});

describe('XMPP transport: addresses @xmpp/jid cannot parse', () => {
  it("a stanza from 'a@' (Prosody's jid-malformed answer) is delivered, and the session goes on", async () => {
    const fake = fakeLoginServer((data, reply) => {
      if (data.includes('to="a@"')) {
        reply(
          '<message xmlns="jabber:client" from="a@" to="romeo@localhost/r1" type="error" id="m1"><error type="modify"><jid-malformed xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></message>',
        );
      } else if (data.includes('id="p1"')) {
        reply('<iq xmlns="jabber:client" from="localhost" to="romeo@localhost/r1" type="result" id="p1"/>');
      } else if (data.startsWith('<close')) {
        reply(`<close xmlns="${FRAMING}"/>`);
      }
    });
    const transport = createXmppTransport('ws://127.0.0.1:1/xmpp-websocket', {
      WebSocket: fake.WebSocket,
      connectTimeoutMs: 2000,
      closeTimeoutMs: 200,
    });
    const session = await transport.connect({ jid: 'romeo@localhost', password: 'pw', clientName: 'Romeo' });
    const got: string[] = [];
    session.onStanza((s) => got.push(`${s.name} ${s.attrs.from} ${s.attrs.type}`));
    await session.send(parse('<message to="a@" id="m1"><body>hi</body></message>'));
    await session.send(parse('<iq to="localhost" type="get" id="p1"><ping xmlns="urn:xmpp:ping"/></iq>'));
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual(['message a@ error', 'iq localhost result']);
    expect(fake.thrown).toEqual([]);
    await session.close();
    await transport.dispose?.();
  });
});
