import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../runner';
import { createInProcessTransport } from '../mock';
import { parse } from '../scansion';
import { createAppStore } from '../store';
import { createLiveService, type LiveRunHooks } from './liveService';

const JOIN = `<presence to='hall@conference.localhost/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>`;

function setup(run?: LiveRunHooks) {
  const store = createAppStore();
  store.getState().loadScript({ text: '# mine\n', fileName: 'mine.scs', source: 'api' });
  const live = createLiveService({
    store,
    makeTransport: async () => createInProcessTransport(),
    schedule: (fn) => fn(),
    run,
  });
  return { store, live };
}

function fakeRun() {
  const listeners = new Set<(e: RunEvent) => void>();
  const sent: Array<[string, string]> = [];
  const hooks: LiveRunHooks = {
    async sendAdHoc(client, xml) {
      sent.push([client, xml]);
    },
    onEvent(l) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
  return { hooks, sent, emit: (e: RunEvent) => listeners.forEach((l) => l(e)) };
}

describe('live service', () => {
  it('records the session as a script that opens in the editor, with the old text kept', async () => {
    const { store, live } = setup();
    expect(await live.connect({ name: 'Romeo', jid: 'romeo@localhost', password: 'pw' })).toBe(true);
    expect(store.getState().liveClients).toMatchObject([{ name: 'Romeo', state: 'online' }]);
    expect(store.getState().liveTarget).toBe('mock');
    expect(await live.send('Romeo', JOIN)).toBe(true);
    await new Promise((r) => setTimeout(r, 10));
    await live.end(); // an ended session can still be recorded
    expect(store.getState().liveClients).toMatchObject([{ name: 'Romeo', state: 'closed' }]);
    expect(live.record('Join')).toBe(true);
    const st = store.getState();
    expect(st.fileName).toBe('recorded.scs');
    const { script, diagnostics } = parse(st.text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(script.steps.map((s) => s.action)).toEqual(['connects', 'sends', 'receives', 'receives']);
    expect(st.liveReplaced).toEqual({ text: '# mine\n', fileName: 'mine.scs' });
    live.restoreReplaced();
    expect(store.getState().text).toBe('# mine\n');
    await live.dispose();
  });

  it('reports bad XML with its position and sends nothing', async () => {
    const { store, live } = setup();
    await live.connect({ name: 'Romeo', jid: 'romeo@localhost', password: 'pw' });
    expect(await live.send('Romeo', '<presence>\n<x></presence>')).toBe(false);
    expect(store.getState().liveError).toMatch(/^2:\d+: /);
    expect(store.getState().liveLog.filter((e) => e.kind === 'out')).toEqual([]);
    expect(live.record()).toBe(true);
    expect(parse(store.getState().text).script.steps.map((s) => s.action)).toEqual(['connects']);
    await live.dispose();
  });

  it('refuses to record with no session, and a connection error lands in the store', async () => {
    const { store, live } = setup();
    expect(live.record()).toBe(false);
    expect(store.getState().liveError).toMatch(/Nothing to record/);
    expect(await live.connect({ name: 'X', jid: 'x@secure.localhost', password: 'pw' })).toBe(false);
    expect(store.getState().liveClients).toMatchObject([{ name: 'X', state: 'error' }]);
    expect(store.getState().text).toBe('# mine\n');
    await live.dispose();
  });

  it('sends ad hoc only into a paused run and shows the run traffic that follows, marked', async () => {
    const run = fakeRun();
    const { store, live } = setup(run.hooks);
    expect(await live.sendToRun('Romeo', '<iq type="get" id="a1" to="localhost"/>')).toBe(false);
    expect(store.getState().liveError).toMatch(/Pause the run first/);
    store.setState({ status: 'paused', runId: 'r1' });
    expect(await live.sendToRun('Romeo', '<iq type="get" id="a1" to="localhost"/>')).toBe(true);
    expect(run.sent).toEqual([['Romeo', '<iq type="get" id="a1" to="localhost"/>']]);
    const base = { runId: 'r1', at: 1, client: 'Romeo' } as const;
    run.emit({ ...base, type: 'stanza', direction: 'out', xml: '<iq id="a1"/>', adHoc: true });
    run.emit({ ...base, type: 'stanza', direction: 'in', xml: '<iq id="a1" type="result"/>', adHoc: true });
    run.emit({ ...base, type: 'stanza', direction: 'in', xml: '<message/>' });
    run.emit({ ...base, type: 'inspection', step: 3, snapshot: { rooms: [] } });
    const log = store.getState().liveLog;
    expect(log.map((e) => [e.kind, !!e.adHoc, !!e.toScript])).toEqual([
      ['out', true, false],
      ['in', true, false],
      ['in', false, true],
    ]);
    expect(store.getState().inspections).toEqual({ 3: { rooms: [] } });
    await live.dispose();
  });

  it('imports a mod_scansion_record recording as a regrouped script; a broken one is located', () => {
    const { store, live } = setup();
    const rec = readFileSync(
      path.join(import.meta.dirname, '../scansion/fixtures/record/mod_scansion_record.scs'),
      'utf8',
    );
    expect(live.importRecording(rec, 'kick.scs')).toBe(true);
    expect(store.getState().fileName).toBe('kick.replay.scs');
    expect(parse(store.getState().text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(live.importRecording('[Client] A\n\tjid: a@x\n-----\nA sends:\n\t<iq\n', 'bad.scs')).toBe(false);
    expect(store.getState().liveError).toMatch(/^bad\.scs:\d+:\d+: /);
    expect(store.getState().fileName).toBe('kick.replay.scs');
  });
});
