// Session teardown against misbehaving TCP servers of our own (port 0): whatever the server does, closing
// leaves no socket behind, so `scs run` can exit. Not timed: each case waits for a state, not a duration.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Element } from 'ltx';
import { createNodeTransport } from './node';
import { teardown } from './teardown';

const servers: net.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A server on a free port; every accepted socket is kept (and destroyed after the test). */
async function listen(onSocket: (s: net.Socket) => void): Promise<{ port: number; sockets: net.Socket[] }> {
  const sockets: net.Socket[] = [];
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.push(s);
    s.on('error', () => undefined);
    onSocket(s);
  });
  servers.push(server);
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const close = server.close.bind(server);
  server.close = ((cb?: (err?: Error) => void) => {
    sockets.forEach((s) => s.destroy());
    return close(cb);
  }) as typeof server.close;
  return { port: (server.address() as net.AddressInfo).port, sockets };
}

/** A few event-loop turns: handles closed just before are released. */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

/** Open TCP sockets of this process (what keeps Node from exiting). */
const tcpSockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

/** A minimal XMPP server: SASL PLAIN success, bind, then `afterOnline(socket)`. */
function fakeXmpp(afterOnline: (s: net.Socket) => void) {
  const header =
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='localhost' version='1.0'>";
  return (s: net.Socket) => {
    let buf = '';
    let authed = false;
    s.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('<stream:stream') || buf.includes('<stream ')) {
        buf = '';
        s.write(
          header +
            (authed
              ? "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"
              : "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>"),
        );
      } else if (buf.includes('<auth')) {
        buf = '';
        authed = true;
        s.write("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>");
      } else if (buf.includes('urn:ietf:params:xml:ns:xmpp-bind') && buf.includes('</iq>')) {
        const id = /id=["']([^"']+)/.exec(buf)?.[1];
        buf = '';
        s.write(
          `<iq type='result' id='${id}'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>romeo@localhost/x</jid></bind></iq>`,
        );
        afterOnline(s);
      }
    });
  };
}

/**
 * Wait (bounded) until this process holds no TCP socket beyond `before` and the server's own open ones:
 * a state, not a duration. Teardown may still be running when a connect has already failed.
 */
async function noSocketLeft(before: number, serverSockets: net.Socket[]): Promise<void> {
  const expected = () => before + serverSockets.filter((s) => !s.destroyed).length;
  for (let i = 0; i < 500 && tcpSockets() !== expected(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(tcpSockets()).toBe(expected());
}

const romeo = { jid: 'romeo@localhost', password: 'pw', clientName: 'Romeo' };

describe('session teardown (one place for TCP and WebSocket)', () => {
  it('destroys a socket whose graceful close never completes', async () => {
    const { port } = await listen((s) => s.pause()); // never reads
    const client = net.connect(port, '127.0.0.1');
    client.on('error', () => undefined);
    await new Promise((r) => client.once('connect', r));
    // Fill the buffers so a graceful end() can never flush.
    const chunk = Buffer.alloc(1 << 20, 'x');
    while (client.write(chunk));
    await teardown({ socket: client, stop: () => new Promise(() => undefined) }, 20);
    expect(client.destroyed).toBe(true);
  });

  it('a server that accepts and never speaks: the connect fails and no socket is left', async () => {
    await turns();
    const before = tcpSockets();
    const { port, sockets } = await listen(() => undefined);
    const transport = createNodeTransport(`xmpp://127.0.0.1:${port}`, {
      connectTimeoutMs: 300,
      closeTimeoutMs: 100,
    });
    await expect(transport.connect(romeo)).rejects.toThrow();
    // Our side is gone; only the server's accepted socket is still open.
    await noSocketLeft(before, sockets);
  });

  it('a server that stops reading after a large stanza: close() returns and no socket is left', async () => {
    await turns();
    const before = tcpSockets();
    const { port, sockets } = await listen(fakeXmpp((s) => s.pause()));
    const transport = createNodeTransport(`xmpp://127.0.0.1:${port}`, { closeTimeoutMs: 100 });
    const session = await transport.connect(romeo);
    expect(session.jid).toBe('romeo@localhost/x');
    const big = new Element('message', { to: 'juliet@localhost' })
      .c('body')
      .t('x'.repeat(8 << 20))
      .root();
    void session.send(big).catch(() => undefined); // never flushes: the server stopped reading
    await session.close();
    await noSocketLeft(before, sockets);
  });
});
