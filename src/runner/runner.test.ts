import { describe, expect, it } from 'vitest';
import { Element, parse as parseXml } from 'ltx';
import { parse } from '../scansion';
import { createRunner, DEFAULT_TIMEOUTS } from './runner';
import { createManualClock } from './clock';
import { createTestServer, type TestServerOptions } from './testing';
import type { RunEvent } from './events';

const HEADER = `# test
[Client] Romeo
	jid: romeo@localhost
	password: password

[Client] Juliet
	jid: juliet@localhost
	password: password
	resource: balcony

-----

`;

function script(body: string) {
  const r = parse(HEADER + body);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.script;
}

/** A server that answers every iq get with a result and routes messages by `to` (bare or full). */
function echoServer(extra: TestServerOptions = {}) {
  return createTestServer({
    ...extra,
    onStanza(from, stanza, server) {
      if (stanza.name === 'iq' && stanza.attrs.type === 'get') {
        server.deliver(
          from.jid,
          new Element('iq', { type: 'result', id: stanza.attrs.id, to: from.jid, from: 'localhost' }),
        );
      }
      if (stanza.name === 'message') {
        const to = stanza.attrs.to;
        for (const [jid, s] of server.sessions) {
          if (s.open && (jid === to || jid.split('/')[0] === to)) {
            const copy = parseXml(stanza.toString());
            copy.attrs.from = from.jid;
            server.deliver(jid, copy);
          }
        }
      }
    },
  });
}

function collect(runner: { on(l: (e: RunEvent) => void): () => void }) {
  const events: RunEvent[] = [];
  runner.on((e) => events.push(e));
  return events;
}

const PING = `Romeo connects

Romeo sends:
	<iq type="get" id="p1" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>

Romeo receives:
	<iq type="result" id="p1" from="localhost"/>

Romeo disconnects
`;

describe('runner: a passing script', () => {
  it('RUN-STEP-1..6, RUN-EVENT-1: connects, sends exactly what is written, receives, disconnects; events carry the runId', async () => {
    const server = echoServer();
    const runner = createRunner({ script: script(PING), transport: server.transport, runId: 'r1' });
    const events = collect(runner);
    const result = await runner.start();
    expect(result.verdict).toBe('pass');
    expect(result.stepsPassed).toBe(4);
    expect(result.variables["Romeo's full JID"]).toBe('romeo@localhost/test');
    expect(result.variables["Romeo's JID"]).toBe('romeo@localhost');
    // Nothing goes out that the script did not say.
    expect(server.sent.map((s) => s.stanza.toString())).toEqual([
      '<iq type="get" id="p1" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>',
    ]);
    expect(events.every((e) => e.runId === 'r1')).toBe(true);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('run-started');
    expect(types[types.length - 1]).toBe('run-finished');
    const stanzas = events.filter((e) => e.type === 'stanza');
    expect(stanzas.map((e) => e.type === 'stanza' && e.direction)).toEqual(['out', 'in']);
    expect(events.filter((e) => e.type === 'step-passed')).toHaveLength(4);
    expect(runner.status).toBe('finished');
    expect(server.log).toEqual(['connect romeo@localhost/test', 'close romeo@localhost/test requested']);
    const states = events.flatMap((e) => (e.type === 'connection' ? [`${e.client}:${e.state}`] : []));
    expect(states).toEqual(['Romeo:connecting', 'Romeo:online', 'Romeo:closing', 'Romeo:closed']);
    const vars = events.filter((e) => e.type === 'variables');
    expect(vars[vars.length - 1]).toMatchObject({
      variables: { "Romeo's JID": 'romeo@localhost', "Romeo's full JID": 'romeo@localhost/test' },
    });
  });

  it("expands ${X's full JID} in sent and expected XML and uses the resource", async () => {
    const server = echoServer();
    const s = script(`Romeo connects

Juliet connects

Romeo sends:
	<message to="\${Juliet's full JID}" type="chat"><body>hi</body></message>

Juliet receives:
	<message from="\${Romeo's full JID}" type="chat"><body>hi</body></message>
`);
    const result = await createRunner({ script: s, transport: server.transport }).start();
    expect(result.verdict).toBe('pass');
    expect(server.sent[0].stanza.attrs.to).toBe('juliet@localhost/balcony');
    // Everyone disconnected at the end although the script never said so.
    expect(server.log.filter((l) => l.startsWith('close'))).toHaveLength(2);
  });
});

describe('runner: failures', () => {
  it('RUN-STEP-3, RUN-VERDICT-3: a mismatch fails the step with line, expected and received; later steps are skipped; all disconnected', async () => {
    const server = echoServer();
    const s = script(PING.replace('type="result" id="p1"', 'type="error" id="p1"'));
    const runner = createRunner({ script: s, transport: server.transport });
    const events = collect(runner);
    const result = await runner.start();
    expect(result.verdict).toBe('fail');
    expect(result.failure?.step).toBe(2);
    expect(result.failure?.line).toBe(18);
    expect(result.failure?.stepText).toBe('Romeo receives:');
    expect(result.failure?.expected).toContain('type="error"');
    expect(result.failure?.received).toContain('type="result"');
    expect(result.failure?.mismatches.length).toBeGreaterThan(0);
    expect(
      events.filter((e) => e.type === 'step-skipped').map((e) => e.type === 'step-skipped' && e.step),
    ).toEqual([3]);
    expect(server.log).toContain('close romeo@localhost/test requested');
  });

  it('RUN-WAIT-2: receives: times out on the (fake) clock after receiveMs, not before', async () => {
    const clock = createManualClock();
    const server = createTestServer(); // answers nothing, has no settled()
    const runner = createRunner({ script: script(PING), transport: server.transport, clock });
    let finished = false;
    const done = runner.start().then((r) => ((finished = true), r));
    await vi_waitFor(() => clock.pending > 0);
    await clock.advance(4999);
    expect(finished).toBe(false);
    await clock.advance(1);
    const result = await done;
    expect(result.verdict).toBe('fail');
    expect(result.failure?.message).toBe('nothing arrived for Romeo within 5000 ms');
  });

  it('RUN-WAIT-2: receives: with settled() fails at once when nothing is queued (no clock needed)', async () => {
    const clock = createManualClock();
    const server = createTestServer({ settled: true });
    const result = await createRunner({ script: script(PING), transport: server.transport, clock }).start();
    expect(result.verdict).toBe('fail');
    expect(result.failure?.message).toMatch(/nothing arrived for Romeo/);
  });

  it('RUN-STEP-2: a sends with an unknown variable is an error located at its line', async () => {
    const server = echoServer();
    const s = script(`Romeo connects

Romeo sends:
	<message to="\${Juliet's full JID}"/>
`);
    const result = await createRunner({ script: s, transport: server.transport }).start();
    expect(result.verdict).toBe('error');
    expect(result.failure?.line).toBe(15);
    expect(result.failure?.message).toBe(
      "line 16: unknown variable ${Juliet's full JID} (Juliet has not connected yet)",
    );
    expect(server.sent).toHaveLength(0);
  });

  it('RUN-VERDICT-2: authentication failure and connection refused are errors with the reason', async () => {
    const auth = await createRunner({
      script: script(PING),
      transport: createTestServer({ rejectAuth: ['romeo@localhost'] }).transport,
    }).start();
    expect(auth.verdict).toBe('error');
    expect(auth.failure?.message).toBe(
      'Romeo could not connect: authentication failed for romeo@localhost: not-authorized',
    );
    const refused = await createRunner({
      script: script(PING),
      transport: createTestServer({ refuse: true }).transport,
    }).start();
    expect(refused.verdict).toBe('error');
    expect(refused.failure?.message).toMatch(/Romeo could not connect: cannot connect/);
  });

  it('RUN-VERDICT-1: the server closing the stream while a receives waits fails the step at once, without a hang', async () => {
    const clock = createManualClock();
    const server = createTestServer();
    const runner = createRunner({ script: script(PING), transport: server.transport, clock });
    const done = runner.start();
    await vi_waitFor(() => clock.pending > 0);
    server.drop('romeo@localhost/test', { kind: 'stream-error', condition: 'system-shutdown' });
    const result = await done;
    expect(result.verdict).toBe('fail');
    expect(result.failure?.message).toBe(
      "the server closed Romeo's connection before a stanza arrived: stream error <system-shutdown/>",
    );
  });

  it('a step for a client that never connected is an error', async () => {
    const result = await createRunner({
      script: script(`Romeo sends:\n\t<presence/>\n`),
      transport: echoServer().transport,
    }).start();
    expect(result.verdict).toBe('error');
    expect(result.failure?.message).toMatch(/Romeo is not connected/);
  });
});

describe('runner: receives: nothing', () => {
  const NOTHING = `Romeo connects

Romeo receives: nothing
`;
  it('RUN-WAIT-3: passes after the quiet period on a real-server transport', async () => {
    const clock = createManualClock();
    const server = createTestServer();
    const runner = createRunner({ script: script(NOTHING), transport: server.transport, clock });
    let finished = false;
    const done = runner.start().then((r) => ((finished = true), r));
    await vi_waitFor(() => clock.pending > 0);
    await clock.advance(499);
    expect(finished).toBe(false);
    await clock.advance(1);
    const result = await done;
    expect(result.verdict).toBe('pass');
    expect(result.nothingWaitMs).toBe(500);
  });

  it('RUN-STEP-4: fails as soon as a stanza arrives during the quiet period', async () => {
    const clock = createManualClock();
    const server = createTestServer();
    const runner = createRunner({ script: script(NOTHING), transport: server.transport, clock });
    const done = runner.start();
    await vi_waitFor(() => clock.pending > 0);
    server.deliver('romeo@localhost/test', new Element('message', { from: 'x@localhost' }));
    const result = await done;
    expect(result.verdict).toBe('fail');
    expect(result.failure?.received).toContain('<message from="x@localhost"');
  });

  it('RUN-WAIT-3: with settled() decides without the clock', async () => {
    const server = createTestServer({ settled: true });
    const result = await createRunner({
      script: script(NOTHING),
      transport: server.transport,
      clock: createManualClock(),
    }).start();
    expect(result.verdict).toBe('pass');
    expect(result.nothingWaitMs).toBe(0);
  });
});

describe('runner: bursts (scansion compatibility)', () => {
  /** Answers an iq set with its result and, in the same task, a MUC status-104 message (as Prosody). */
  const mucLike = () =>
    createTestServer({
      onStanza(from, stanza, server) {
        if (stanza.name !== 'iq') return;
        server.deliver(from.jid, new Element('iq', { type: 'result', id: stanza.attrs.id }));
        if (stanza.attrs.type === 'set') {
          server.deliver(
            from.jid,
            parseXml(
              "<message type='groupchat'><x xmlns='http://jabber.org/protocol/muc#user'><status code='104'/></x></message>",
            ),
          );
        }
      },
    });
  const CONFIG = `Romeo connects

Romeo sends:
	<iq type="set" id="c1"/>

Romeo receives:
	<iq type="result" id="c1"/>
`;
  it('RUN-BURST-3: drops the rest of a burst when the next step is not a receive of that client', async () => {
    const runner = createRunner({
      script: script(
        CONFIG +
          `\nJuliet connects\n\nRomeo sends:\n\t<iq type="get" id="p"/>\n\nRomeo receives:\n\t<iq type="result" id="p"/>\n`,
      ),
      transport: mucLike().transport,
    });
    const events = collect(runner);
    const result = await runner.start();
    expect(result.verdict).toBe('pass');
    const ignored = events.filter((e) => e.type === 'stanza-ignored');
    expect(ignored).toHaveLength(1);
    expect(ignored[0]).toMatchObject({ client: 'Romeo' });
    expect(ignored[0].type === 'stanza-ignored' && ignored[0].xml).toContain('status code="104"');
  });
  it('RUN-BURST-2: hands the rest of a burst to a directly following receive of the same client', async () => {
    const result = await createRunner({
      script: script(CONFIG + `\nRomeo receives:\n\t<message type="groupchat"/>\n`),
      transport: mucLike().transport,
    }).start();
    expect(result.verdict).toBe('pass');
  });
  it('RUN-BURST-2: a receives: nothing right after sees the rest of the burst and fails', async () => {
    const result = await createRunner({
      script: script(CONFIG + `\nRomeo receives: nothing\n`),
      transport: mucLike().transport,
    }).start();
    expect(result.verdict).toBe('fail');
    expect(result.failure?.received).toContain('groupchat');
  });
  it('RUN-ATTR-4: a failing step says what it compared and where the other stanzas went', async () => {
    const server = mucLike();
    const runner = createRunner({
      script: script(
        CONFIG +
          `\nJuliet connects\n\nJuliet sends:\n\t<iq type="set" id="j1"/>\n\nRomeo sends:\n\t<iq type="set" id="r2"/>\n\nRomeo receives:\n\t<iq type="result" id="other"/>\n`,
      ),
      transport: server.transport,
      timeouts: { orderingGapMs: 0 },
    });
    const events = collect(runner);
    const result = await runner.start();
    expect(result.verdict).toBe('fail');
    const seqOf = (pred: (xml: string, client: string) => boolean) =>
      events.flatMap((e) =>
        e.type === 'stanza' && e.direction === 'in' && pred(e.xml, e.client) ? [e.seq] : [],
      );
    const [r2Result] = seqOf((x, c) => c === 'Romeo' && x.includes('id="r2"'));
    expect(result.failure?.stanzaSeq).toBe(r2Result);
    const ctx = result.failure?.context;
    expect(ctx?.sameClientLater.map((x) => x.xml)).toEqual([expect.stringContaining('code="104"')]);
    expect(ctx?.otherClients.map((x) => `${x.client}:${x.xml.slice(0, 28)}`)).toEqual([
      'Juliet:<iq type="result" id="j1"/>',
      'Juliet:<message type="groupchat"><x',
    ]);
    expect(ctx?.dropped).toHaveLength(1);
    expect(ctx?.dropped[0]).toMatchObject({
      client: 'Romeo',
      reason: expect.stringContaining('Juliet connects'),
    });
    const ignored = events.find((e) => e.type === 'stanza-ignored');
    expect(ignored?.type === 'stanza-ignored' && ignored.seq).toBe(ctx?.dropped[0].seq);
    // At the end, every stanza nobody read is reported (Juliet's two and Romeo's leftover 104).
    const unread = events.flatMap((e) => (e.type === 'stanza-unread' ? [`${e.client}:${e.seq}`] : []));
    expect(unread).toEqual([
      ...ctx!.otherClients.map((x) => `Juliet:${x.seq}`),
      `Romeo:${ctx!.sameClientLater[0].seq}`,
    ]);
  });
  it('RUN-BURST-4: stanzas that arrive later (another task) stay queued: strict FIFO for them', async () => {
    const server = createTestServer({
      onStanza(from, stanza, srv) {
        srv.deliver(from.jid, new Element('iq', { type: 'result', id: stanza.attrs.id }));
        setTimeout(() => srv.deliver(from.jid, new Element('message', { id: 'later' })), 5);
      },
    });
    const runner = createRunner({
      script: script(CONFIG + `\nJuliet connects\n\nRomeo receives:\n\t<iq type="result"/>\n`),
      transport: server.transport,
      timeouts: { receiveMs: 1000 },
    });
    // The later message is not part of the burst: it is not dropped, the next receive of Romeo gets it.
    const result = await runner.start();
    expect(result.verdict).toBe('fail');
    expect(result.failure?.received).toContain('id="later"');
  });
});

describe('runner: disconnects and ordering', () => {
  it('RUN-STEP-5: disconnecting a client twice is a no-op (presence_preapproval.scs does it)', async () => {
    const result = await createRunner({
      script: script(`Romeo connects\n\nRomeo disconnects\n\nRomeo disconnects\n`),
      transport: echoServer().transport,
    }).start();
    expect(result.verdict).toBe('pass');
  });
  it("RUN-ORDER-1: waits orderingGapMs between one client's sends and another client's sends", async () => {
    const clock = createManualClock();
    const server = echoServer();
    const runner = createRunner({
      script: script(
        `Romeo connects\n\nJuliet connects\n\nRomeo sends:\n\t<presence/>\n\nJuliet sends:\n\t<presence/>\n`,
      ),
      transport: server.transport,
      clock,
    });
    const done = runner.start();
    await vi_waitFor(() => clock.pending > 0);
    expect(server.sent).toHaveLength(1);
    await clock.advance(DEFAULT_TIMEOUTS.orderingGapMs - 1);
    expect(server.sent).toHaveLength(1);
    await clock.advance(1);
    expect((await done).verdict).toBe('pass');
    expect(server.sent).toHaveLength(2);
  });
});

describe('runner: control', () => {
  it('RUN-CONTROL-3: step() runs exactly one step, then pauses; resume() finishes', async () => {
    const server = echoServer();
    const runner = createRunner({ script: script(PING), transport: server.transport });
    const events = collect(runner);
    await runner.step();
    expect(runner.status).toBe('paused');
    expect(events.filter((e) => e.type === 'step-passed')).toHaveLength(1);
    expect(events[events.length - 1]).toMatchObject({ type: 'paused', nextStep: 1 });
    await runner.step();
    expect(server.sent).toHaveLength(1);
    expect(events.filter((e) => e.type === 'step-passed')).toHaveLength(2);
    const done = runner.start();
    const result = await done;
    expect(result.verdict).toBe('pass');
    expect(events.some((e) => e.type === 'resumed')).toBe(true);
  });

  it('RUN-CONTROL-4: runTo(line) pauses before the step containing that line', async () => {
    const server = echoServer();
    const runner = createRunner({ script: script(PING), transport: server.transport });
    const events = collect(runner);
    runner.runTo(19); // inside the receives block (lines 18-19)
    await vi_waitFor(() => runner.status === 'paused');
    expect(events[events.length - 1]).toMatchObject({ type: 'paused', nextStep: 2 });
    runner.resume();
    await vi_waitFor(() => runner.status === 'finished');
  });

  it('RUN-CONTROL-2/5: pause() takes effect before the next step; stop() ends the run as an error and disconnects', async () => {
    const server = echoServer();
    const runner = createRunner({ script: script(PING), transport: server.transport });
    runner.pause();
    const done = runner.start();
    await vi_waitFor(() => runner.status === 'paused');
    expect(server.log).toEqual([]);
    runner.resume();
    await runner.step(); // step() while running: the next step boundary pauses
    await runner.stop();
    const result = await done;
    expect(result.verdict).toBe('error');
    expect(result.failure?.message).toMatch(/run stopped/);
    expect(runner.status).toBe('finished');
    expect(server.sessions.get('romeo@localhost/test')?.open ?? false).toBe(false);
  });

  it('RUN-CONTROL-5: stop() during a long receive wait ends at once', async () => {
    const clock = createManualClock();
    const runner = createRunner({ script: script(PING), transport: createTestServer().transport, clock });
    const done = runner.start();
    await vi_waitFor(() => clock.pending > 0);
    await runner.stop();
    const result = await done;
    expect(result.verdict).toBe('error');
    expect(result.failure?.message).toBe('run stopped during Romeo receives:');
  });
});

describe('runner: a stream closed while paused', () => {
  it('RUN-CONTROL-6: is reported at once; continuing ends the run with fail naming the client', async () => {
    const server = echoServer();
    const runner = createRunner({
      script: script(`Romeo connects\n\nJuliet connects\n\nJuliet sends:\n\t<presence/>\n`),
      transport: server.transport,
    });
    const events = collect(runner);
    await runner.step();
    await runner.step();
    expect(runner.status).toBe('paused');
    server.drop('romeo@localhost/test', { kind: 'stream-error', condition: 'system-shutdown' });
    // At once, while still paused.
    expect(runner.status).toBe('paused');
    expect(events[events.length - 1]).toMatchObject({
      type: 'connection',
      client: 'Romeo',
      state: 'closed',
      message: 'closed by the server: stream error <system-shutdown/>',
    });
    // Juliet's step would pass: the run still ends, at the step it was paused before.
    const result = await runner.start();
    expect(result.verdict).toBe('fail');
    expect(result.failure?.step).toBe(2);
    expect(result.failure?.message).toBe(
      "the server closed Romeo's stream while the run was paused: stream error <system-shutdown/>",
    );
    expect(server.sent).toHaveLength(0);
  });
});

/** Poll a condition through microtasks and short real waits (the test transport is promise-based). */
async function vi_waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 1));
  }
}
