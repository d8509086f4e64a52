// The XMPP transport and the runner against real Prosody: what goes over the wire, and how every way a
// server can say no (refused, bad credentials, stream error, vanishing) ends a run: a verdict with a clear
// message, never a hang or an unhandled rejection. Prosody of scripts/prosody/ on ports of its own.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../src/scansion';
import { createRunner, type RunResult, type Transport } from '../src/runner';
import { createXmppTransport } from '../src/runner/transports/xmpp';
import { createNodeTransport } from '../src/runner/transports/node';
import { needs, startTestProsody, type TestProsody } from './support/prosody';

const ready = needs('transport conformance', { prosody: true });

const HEADER = `# transport test
[Client] Romeo
	jid: romeo@localhost
	password: pw

[Client] Juliet
	jid: juliet@localhost
	password: pw
	resource: balcony

[Client] Intruder
	jid: romeo@secure.localhost
	password: wrong

[Client] Romeo again
	jid: romeo@localhost
	password: pw
	resource: balcony2

[Client] Juliet again
	jid: juliet@localhost
	password: pw
	resource: balcony

-----

`;

async function run(body: string, transport: Transport, receiveMs = 5000): Promise<RunResult> {
  const { script, diagnostics } = parse(HEADER + body);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  try {
    return await createRunner({ script, transport, timeouts: { receiveMs } }).start();
  } finally {
    await transport.dispose?.();
  }
}

describe.skipIf(!ready)('transport + runner against real Prosody', () => {
  let prosody: TestProsody;
  beforeAll(async () => void (prosody = await startTestProsody('transport')), 60_000);
  afterAll(() => prosody?.stop(), 30_000);

  it('sends nothing the script did not say: the wire carries only negotiation, the stanzas, the close', async () => {
    const frames: string[] = [];
    class RecordingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { Origin: 'http://localhost:5173' } });
      }
      override send(data: unknown, ...rest: unknown[]): void {
        frames.push(String(data));
        (super.send as (...a: unknown[]) => void)(data, ...rest);
      }
    }
    const transport = createXmppTransport(prosody.wsUrl, { WebSocket: RecordingWebSocket });
    // Juliet pings Romeo: an @xmpp/client with iqCallee would answer it; our session must not.
    const result = await run(
      `Romeo connects

Juliet connects

Juliet sends:
	<iq type="get" id="ping1" to="\${Romeo's full JID}"><ping xmlns="urn:xmpp:ping"/></iq>

Romeo receives:
	<iq type="get" id="ping1" from="\${Juliet's full JID}"><ping xmlns="urn:xmpp:ping"/></iq>

Juliet receives: nothing
`,
      transport,
    );
    expect(result.verdict).toBe('pass');
    expect(result.variables["Juliet's full JID"]).toBe('juliet@localhost/balcony');
    const kinds = frames.map((f) => /^<([a-z:]+)/.exec(f)?.[1]);
    // Per session: open, auth (PLAIN), open again, bind; then the script's one stanza; then close.
    expect(kinds.filter((k) => k === 'auth')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'iq')).toHaveLength(3); // two binds + Juliet's ping
    expect(kinds.filter((k) => k === 'presence' || k === 'message')).toHaveLength(0);
    expect(
      frames.filter((f) => f.startsWith('<iq') && !f.includes('urn:ietf:params:xml:ns:xmpp-bind')),
    ).toEqual([
      `<iq type="get" id="ping1" to="${result.variables["Romeo's full JID"]}" xmlns="jabber:client"><ping xmlns="urn:xmpp:ping"/></iq>`,
    ]);
    expect(new Set(kinds)).toEqual(new Set(['open', 'auth', 'iq', 'close']));
  }, 30_000);

  it('over TCP (xmpp://host:port) too, with the resource as declared', async () => {
    const result = await run(
      `Juliet connects

Juliet sends:
	<presence/>

Juliet receives:
	<presence from="\${Juliet's full JID}"/>
`,
      createNodeTransport(prosody.tcpUrl),
    );
    expect(result.verdict).toBe('pass');
    expect(result.variables["Juliet's full JID"]).toBe('juliet@localhost/balcony');
  }, 30_000);

  it('authentication failure (secure.localhost checks passwords) is an error naming the condition', async () => {
    const result = await run(`Intruder connects\n`, createNodeTransport(prosody.wsUrl));
    expect(result.verdict).toBe('error');
    expect(result.failure?.message).toBe(
      'Intruder could not connect: authentication failed for romeo@secure.localhost: not-authorized',
    );
    expect(result.failure?.line).toBe(27);
  }, 30_000);

  it('connection refused is an error naming the URL', async () => {
    const result = await run(`Romeo connects\n`, createNodeTransport('ws://127.0.0.1:1/xmpp-websocket'));
    expect(result.verdict).toBe('error');
    expect(result.failure?.message).toMatch(
      /^Romeo could not connect: cannot connect to ws:\/\/127\.0\.0\.1:1\/xmpp-websocket: .*ECONNREFUSED/,
    );
  }, 30_000);

  it('a stream error from the server (resource conflict) fails the waiting step with the condition', async () => {
    const t0 = Date.now();
    const result = await run(
      `Juliet connects

Juliet again connects

Juliet receives:
	<message/>
`,
      createNodeTransport(prosody.wsUrl),
    );
    expect(result.verdict).toBe('fail');
    expect(result.failure?.message).toBe(
      "the server closed Juliet's connection before a stanza arrived: stream error <conflict/> (Replaced by new connection)",
    );
    expect(Date.now() - t0).toBeLessThan(4000); // not the 5 s receive timeout
  }, 30_000);

  it('receives: times out with a clear message when nothing comes', async () => {
    const result = await run(
      `Romeo connects\n\nRomeo receives:\n\t<message/>\n`,
      createNodeTransport(prosody.wsUrl),
      300,
    );
    expect(result.verdict).toBe('fail');
    expect(result.failure?.message).toBe('nothing arrived for Romeo within 300 ms');
  }, 30_000);

  it('the server vanishing mid-run fails the run at once; nothing hangs', async () => {
    const transport = createNodeTransport(prosody.wsUrl);
    const { script } = parse(
      HEADER + `Romeo connects\n\nRomeo receives:\n\t<message/>\n\nRomeo sends:\n\t<presence/>\n`,
    );
    const runner = createRunner({ script, transport, timeouts: { receiveMs: 20_000 } });
    const done = runner.start();
    await new Promise<void>((resolve) =>
      runner.on((e) => {
        if (e.type === 'step-started' && e.step === 1) resolve();
      }),
    );
    const t0 = Date.now();
    prosody.kill();
    const result = await done;
    await transport.dispose?.();
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(result.verdict).toBe('fail');
    expect(result.failure?.message).toMatch(/^the server closed Romeo's connection before a stanza arrived/);
    prosody.restart();
  }, 30_000);
});
