// The run worker's handler, driven directly: it runs scripts with the runner over the in-process mock,
// posts the runner's events in batches (urgent ones at once, events before answers), and acts on the
// page's intents within a step because it gives its event loop a turn between slices of work.
import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../mock';
import { createRunner, type RunEvent } from '../runner';
import { parse } from '../scansion';
import { PING, PING_FAILING, manyPings } from './fixtures';
import { createRunWorkerHandler, type RunWorkerHandlerOptions } from './handler';
import { parseRunWorkerMessage, type RunWorkerMessage } from './protocol';

function driven(options: RunWorkerHandlerOptions = {}) {
  const out: RunWorkerMessage[] = [];
  const waiters: Array<() => void> = [];
  const h = createRunWorkerHandler((m) => {
    // What crosses to the page must pass the page's validation.
    const checked = parseRunWorkerMessage(structuredClone(m));
    if (!checked.ok) throw new Error(`invalid message from the handler: ${checked.error}`);
    out.push(checked.message);
    for (const w of waiters.splice(0)) w();
  }, options);
  const events = () => out.flatMap((m) => (m.type === 'events' ? m.events : []));
  const until = async (pred: () => boolean) => {
    for (let i = 0; i < 2000 && !pred(); i++) await new Promise<void>((r) => waiters.push(r));
    if (!pred()) throw new Error('never happened');
  };
  const finished = () => events().find((e) => e.type === 'run-finished');
  return { h, out, events, until, finished };
}

const open = (runId: string, source: string) =>
  ({ type: 'open', runId, source, timeouts: {}, inspect: true }) as const;

/** The events' shape without times and run-specific JIDs. */
const shape = (events: RunEvent[]) =>
  events.map(
    (e) => `${e.type}${'step' in e ? `:${e.step}` : ''}${e.type === 'stanza' ? `:${e.direction}` : ''}`,
  );

describe('run worker handler', () => {
  it('runs a script on a fresh mock and posts the same events as a runner on the page would emit', async () => {
    const { h, out, events, until, finished } = driven();
    h.handle(open('r1', PING));
    h.handle({ type: 'intent', runId: 'r1', intent: { type: 'run' } });
    await until(() => finished() !== undefined);
    const result = (finished() as Extract<RunEvent, { type: 'run-finished' }>).result;
    expect(result).toMatchObject({ verdict: 'pass', stepsPassed: 4, stepsTotal: 4 });
    expect(events().every((e) => e.runId === 'r1')).toBe(true);
    // The same script run by a runner here, over the in-process mock: the same events, in the same order.
    const local: RunEvent[] = [];
    const runner = createRunner({ script: parse(PING).script, transport: createInProcessTransport() });
    runner.on((e) => local.push(e));
    await runner.start();
    expect(shape(events())).toEqual(shape(local));
    // Fewer messages than events, and the last batch says the run is over.
    const batches = out.filter((m) => m.type === 'events');
    expect(batches.length).toBeLessThan(events().length);
    expect(batches.at(-1)).toMatchObject({ status: 'finished' });
    expect(h.openRuns).toBe(0);
  });

  it('a second run gets a fresh server (the first run left a joined room behind it)', async () => {
    const { h, until, finished, out } = driven();
    h.handle(open('a', PING));
    h.handle({ type: 'intent', runId: 'a', intent: { type: 'run' } });
    await until(() => finished() !== undefined);
    out.length = 0;
    h.handle(open('b', PING));
    h.handle({ type: 'intent', runId: 'b', intent: { type: 'run' } });
    await until(() => finished() !== undefined);
    expect(finished()).toMatchObject({ runId: 'b', result: { verdict: 'pass' } });
  });

  it('reports a failing step with its mismatches at once', async () => {
    const { h, out, until, finished } = driven({ flushMs: 10_000 });
    h.handle(open('f', PING_FAILING));
    h.handle({ type: 'intent', runId: 'f', intent: { type: 'run' } });
    await until(() => finished() !== undefined);
    // step-failed is urgent: its batch ends with it, even with a long flush interval.
    const failedBatch = out.find(
      (m) => m.type === 'events' && m.events.some((e) => e.type === 'step-failed'),
    );
    expect(failedBatch?.type === 'events' && failedBatch.events.at(-1)?.type).toBe('step-failed');
    const f = failedBatch?.type === 'events' ? failedBatch.events.at(-1) : undefined;
    expect(f).toMatchObject({ type: 'step-failed', step: 2 });
    expect(f?.type === 'step-failed' && f.mismatches.map((m) => m.path)).toContain('/iq@type');
  });

  it('RUN-CONTROL: step answers after the paused event; run-to pauses at the line; stop ends the run', async () => {
    const { h, out, events, until, finished } = driven({ flushMs: 10_000 });
    const steps = parse(PING).script.steps;
    h.handle(open('s', PING));
    h.handle({ type: 'intent', runId: 's', intent: { type: 'step' }, id: 1 });
    await until(() => out.some((m) => m.type === 'done' && m.id === 1));
    const doneAt = out.findIndex((m) => m.type === 'done');
    const pausedAt = out.findIndex((m) => m.type === 'events' && m.events.some((e) => e.type === 'paused'));
    expect(pausedAt).toBeGreaterThanOrEqual(0);
    expect(pausedAt).toBeLessThan(doneAt);
    expect(out[pausedAt]).toMatchObject({ status: 'paused' });
    expect(
      events()
        .filter((e) => e.type === 'step-passed')
        .map((e) => 'step' in e && e.step),
    ).toEqual([0]);

    h.handle({ type: 'intent', runId: 's', intent: { type: 'run-to', line: steps[3].headerRange.line } });
    await until(() => events().filter((e) => e.type === 'paused').length === 2);
    expect(
      events()
        .filter((e) => e.type === 'paused')
        .at(-1),
    ).toMatchObject({ nextStep: 3 });

    h.handle({ type: 'intent', runId: 's', intent: { type: 'stop' }, id: 2 });
    await until(() => out.some((m) => m.type === 'done' && m.id === 2));
    expect(finished()).toMatchObject({ result: { verdict: 'error', stepsPassed: 3 } });
    expect(out.findIndex((m) => m.type === 'done' && m.id === 2)).toBeGreaterThan(
      out.findIndex((m) => m.type === 'events' && m.events.some((e) => e.type === 'run-finished')),
    );
    // An intent for a finished run is answered at once.
    h.handle({ type: 'intent', runId: 's', intent: { type: 'step' }, id: 3 });
    await until(() => out.some((m) => m.type === 'done' && m.id === 3));
  });

  it('stop and pause act within a step while a long run goes (the worker takes turns)', async () => {
    const { h, events, until, finished } = driven({ sliceMs: 0 });
    const total = parse(manyPings(200)).script.steps.length;
    h.handle(open('long', manyPings(200)));
    h.handle({ type: 'intent', runId: 'long', intent: { type: 'run' } });
    await until(() => events().filter((e) => e.type === 'step-passed').length >= 5);
    h.handle({ type: 'intent', runId: 'long', intent: { type: 'pause' } });
    await until(() => events().some((e) => e.type === 'paused'));
    const paused = events().find((e) => e.type === 'paused') as Extract<RunEvent, { type: 'paused' }>;
    expect(paused.nextStep).toBeLessThan(20);
    h.handle({ type: 'intent', runId: 'long', intent: { type: 'run' } });
    await until(() => events().filter((e) => e.type === 'step-passed').length >= paused.nextStep + 5);
    h.handle({ type: 'intent', runId: 'long', intent: { type: 'stop' } });
    await until(() => finished() !== undefined);
    const r = (finished() as Extract<RunEvent, { type: 'run-finished' }>).result;
    expect(r.verdict).toBe('error');
    expect(r.stepsPassed).toBeLessThan(paused.nextStep + 20);
    expect(r.stepsPassed).toBeLessThan(total);
  });

  it('RUN-ADHOC: sends an ad-hoc stanza on a paused run; refuses one for an unknown client', async () => {
    const { h, out, events, until } = driven();
    h.handle(open('a', PING));
    h.handle({ type: 'intent', runId: 'a', intent: { type: 'step' }, id: 1 });
    await until(() => out.some((m) => m.type === 'done' && m.id === 1));
    const ping = '<iq type="get" id="live-1" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>';
    h.handle({ type: 'adhoc', runId: 'a', id: 2, client: 'Romeo', xml: ping });
    await until(() => out.some((m) => m.type === 'done' && m.id === 2));
    expect(out.find((m) => m.type === 'done' && m.id === 2)).toEqual({ type: 'done', id: 2 });
    expect(
      events()
        .filter((e) => e.type === 'stanza' && e.adHoc)
        .map((e) => 'direction' in e && e.direction),
    ).toContain('out');
    h.handle({ type: 'adhoc', runId: 'a', id: 3, client: 'Nobody', xml: ping });
    h.handle({ type: 'adhoc', runId: 'a', id: 4, client: 'Romeo', xml: '<iq' });
    await until(() => out.some((m) => m.type === 'done' && m.id === 4));
    expect(out.find((m) => m.type === 'done' && m.id === 3)).toMatchObject({
      error: 'no client named "Nobody" is declared',
    });
    expect(out.find((m) => m.type === 'done' && m.id === 4)).toMatchObject({
      error: expect.stringMatching(/^the stanza is not XML/),
    });
  });

  it('says why a script cannot run, and refuses invalid messages with a sentence', () => {
    const { h, out } = driven();
    h.handle(open('bad', '[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo sends:\n\t<iq><x></iq>\n'));
    expect(out[0]).toMatchObject({
      type: 'failed',
      runId: 'bad',
      message: expect.stringMatching(/^Cannot run: line 5: /),
    });
    h.handle(open('empty', '# nothing\n'));
    expect(out[1]).toMatchObject({ type: 'failed', message: expect.stringMatching(/no steps|Cannot run/) });
    h.handle({ type: 'intent', runId: 'x', intent: { type: 'fly' } });
    expect(out[2]).toEqual({
      type: 'error',
      message: 'invalid message to the run worker: intent: unknown intent "fly"',
    });
    h.handle({ type: 'ping', id: 7 });
    expect(out[3]).toEqual({ type: 'pong', id: 7 });
  });
});
