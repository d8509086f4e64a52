// Live-session hooks: ad-hoc stanzas between steps and the inspection after each step.
import { describe, expect, it } from 'vitest';
import { Element } from 'ltx';
import { parse } from '../scansion';
import { createRunner } from './runner';
import { createTestServer } from './testing';
import type { RunEvent } from './events';

const SCRIPT = `[Client] Romeo
	jid: romeo@localhost
	password: password

-----

Romeo connects

Romeo sends:
	<presence/>

Romeo receives: nothing
`;

function script(text = SCRIPT) {
  const r = parse(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.script;
}

/** Answers every iq get with a result; with `notify`, also sends a message after each iq. */
function server(notify = false) {
  return createTestServer({
    settled: true,
    onStanza(from, stanza, srv) {
      if (stanza.name !== 'iq') return;
      srv.deliver(from.jid, new Element('iq', { type: 'result', id: stanza.attrs.id, to: from.jid }));
      if (notify) srv.deliver(from.jid, new Element('message', { id: 'push' }));
    },
  });
}

describe('runner: ad-hoc stanzas (live console)', () => {
  it('RUN-ADHOC-1/2: sent while paused; the answer is shown ad hoc and never reaches the script', async () => {
    const srv = server();
    const runner = createRunner({ script: script(), transport: srv.transport });
    const events: RunEvent[] = [];
    runner.on((e) => events.push(e));
    await runner.step(); // Romeo connects, paused before the send
    expect(runner.status).toBe('paused');
    await runner.sendAdHoc('Romeo', new Element('iq', { type: 'get', id: 'live-1', to: 'localhost' }));
    const result = await runner.start();
    // The iq result did not land in Romeo's inbox: "receives: nothing" passes.
    expect(result.verdict).toBe('pass');
    const adhoc = events.filter((e) => e.type === 'stanza' && e.adHoc);
    expect(adhoc.map((e) => e.type === 'stanza' && `${e.direction}:${e.xml}`)).toEqual([
      'out:<iq type="get" id="live-1" to="localhost"/>',
      'in:<iq type="result" id="live-1" to="romeo@localhost/test"/>',
    ]);
    expect(srv.sent.map((s) => s.stanza.attrs.id)).toEqual(['live-1', undefined]);
  });

  it('RUN-ADHOC-2: any other stanza goes to the inbox as usual', async () => {
    const runner = createRunner({ script: script(), transport: server(true).transport });
    await runner.step();
    await runner.sendAdHoc('Romeo', new Element('iq', { type: 'get', id: 'live-2' }));
    const result = await runner.start();
    expect(result.verdict).toBe('fail');
    expect(result.failure?.received).toContain('id="push"');
  });

  it('RUN-ADHOC-1: refused for an unknown or unconnected client and while a step runs', async () => {
    const runner = createRunner({ script: script(), transport: server().transport });
    await expect(runner.sendAdHoc('Romeo', new Element('presence'))).rejects.toThrow(/paused/);
    runner.pause();
    void runner.start();
    await new Promise((r) => setTimeout(r, 5));
    expect(runner.status).toBe('paused');
    await expect(runner.sendAdHoc('Juliet', new Element('presence'))).rejects.toThrow(/no client named/);
    await expect(runner.sendAdHoc('Romeo', new Element('presence'))).rejects.toThrow(/not connected/);
    await runner.stop();
  });
});

describe('runner: inspection', () => {
  it('RUN-EVENT-6: after each step the transport snapshot is emitted; inspect: false skips it', async () => {
    let calls = 0;
    const srv = server();
    const transport = { ...srv.transport, inspect: async () => ({ calls: ++calls }) };
    const runner = createRunner({ script: script(), transport });
    const events: RunEvent[] = [];
    runner.on((e) => events.push(e));
    expect((await runner.start()).verdict).toBe('pass');
    const inspections = events.filter((e) => e.type === 'inspection');
    expect(inspections.map((e) => e.type === 'inspection' && [e.step, e.snapshot])).toEqual([
      [0, { calls: 1 }],
      [1, { calls: 2 }],
      [2, { calls: 3 }],
    ]);
    // Each follows its step's verdict.
    const order = events.map((e) => e.type).filter((t) => t === 'step-passed' || t === 'inspection');
    expect(order).toEqual([
      'step-passed',
      'inspection',
      'step-passed',
      'inspection',
      'step-passed',
      'inspection',
    ]);

    const quiet = createRunner({ script: script(), transport, inspect: false });
    const quietEvents: RunEvent[] = [];
    quiet.on((e) => quietEvents.push(e));
    await quiet.start();
    expect(quietEvents.some((e) => e.type === 'inspection')).toBe(false);
    expect(calls).toBe(3);
  });
});
