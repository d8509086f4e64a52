// The page side of the run worker: RemoteRunner over a pooled worker (a fake Worker running the real
// handler behind structured clones and task hops). A worker is kept warm between runs; a crash, an
// invalid message or a silent worker ends the open runs as 'error' with a sentence, and the next run
// gets a fresh worker.
import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../mock';
import { createRunner, type RunEvent, type Runner } from '../runner';
import { parse } from '../scansion';
import { PING, manyPings } from './fixtures';
import type { RunHost } from './pool';
import { fakeRunPool } from './testing';

let n = 0;
function remote(host: RunHost, source: string): { runner: Runner; events: RunEvent[] } {
  const runner = host.createRunner({ runId: `t-${++n}`, script: parse(source).script, source });
  const events: RunEvent[] = [];
  runner.on((e) => events.push(e));
  return { runner, events };
}

const types = (events: RunEvent[]) => events.map((e) => e.type);

describe('run worker pool and RemoteRunner', () => {
  it('runs a script and gives the same events, status and result as a runner on the page', async () => {
    const { pool, workers } = fakeRunPool();
    const host = pool.acquire();
    const { runner, events } = remote(host, PING);
    expect(runner.status).toBe('idle');
    const started = runner.start();
    expect(runner.status).toBe('running');
    const result = await started;
    expect(result).toMatchObject({ verdict: 'pass', stepsPassed: 4, stepsTotal: 4 });
    expect(runner.status).toBe('finished');
    expect(await runner.result).toBe(result);
    const local: RunEvent[] = [];
    const lr = createRunner({ script: parse(PING).script, transport: createInProcessTransport() });
    lr.on((e) => local.push(e));
    await lr.start();
    expect(types(events)).toEqual(types(local));
    await host.dispose!();
    expect(workers).toHaveLength(1);
    pool.dispose();
  });

  it('keeps the worker warm: the next run reuses it; a warmed pool starts one before the first run', async () => {
    const { pool, workers } = fakeRunPool();
    pool.warm();
    expect(workers).toHaveLength(1);
    for (let i = 0; i < 3; i++) {
      const host = pool.acquire();
      expect((await remote(host, PING).runner.start()).verdict).toBe('pass');
      await host.reset();
      await host.dispose!();
    }
    expect(workers).toHaveLength(1);
    // Two at once (a suite's lanes) get two workers.
    const a = pool.acquire();
    const b = pool.acquire();
    const [ra, rb] = await Promise.all([remote(a, PING).runner.start(), remote(b, PING).runner.start()]);
    expect([ra.verdict, rb.verdict]).toEqual(['pass', 'pass']);
    expect(workers).toHaveLength(2);
    pool.dispose();
    expect(workers.every((w) => w.terminated)).toBe(true);
  });

  it('step resolves once paused; pause, runTo, resume and stop reach the worker', async () => {
    const { pool } = fakeRunPool();
    const source = manyPings(3);
    const steps = parse(source).script.steps;
    const { runner, events } = remote(pool.acquire(), source);
    await runner.step();
    expect(runner.status).toBe('paused');
    expect(events.filter((e) => e.type === 'paused')).toMatchObject([{ nextStep: 1 }]);
    runner.runTo(steps[4].headerRange.line);
    for (let i = 0; i < 100 && events.filter((e) => e.type === 'paused').length < 2; i++)
      await new Promise((r) => setTimeout(r, 2));
    expect(events.filter((e) => e.type === 'paused').at(-1)).toMatchObject({ nextStep: 4 });
    expect(runner.status).toBe('paused');
    runner.resume();
    expect(runner.status).toBe('running');
    expect((await runner.result).verdict).toBe('pass');
    // Stop of a paused run: the run ends as stopped.
    const second = remote(pool.acquire(), source);
    await second.runner.step();
    await second.runner.stop();
    expect(second.runner.status).toBe('finished');
    expect((await second.runner.result).failure?.message).toMatch(/run stopped before/);
    pool.dispose();
  });

  it('sendAdHoc goes through the worker and says why it was refused', async () => {
    const { pool } = fakeRunPool();
    const { runner, events } = remote(pool.acquire(), PING);
    await runner.step();
    const { parse: parseXml } = await import('ltx');
    await runner.sendAdHoc(
      'Romeo',
      parseXml('<iq type="get" id="live" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>'),
    );
    await expect(runner.sendAdHoc('Nobody', parseXml('<presence/>'))).rejects.toThrow(
      'no client named "Nobody" is declared',
    );
    await runner.stop();
    expect(events.filter((e) => e.type === 'stanza' && e.adHoc)).toHaveLength(2);
    await expect(runner.sendAdHoc('Romeo', parseXml('<presence/>'))).rejects.toThrow(/paused/);
    pool.dispose();
  });

  it('a worker crash ends the run as error at the step in progress, and the next run gets a fresh worker', async () => {
    const { pool, workers } = fakeRunPool();
    const host = pool.acquire();
    const { runner, events } = remote(host, PING);
    await runner.step();
    expect(runner.status).toBe('paused');
    workers[0].crashOn = 'step';
    await runner.step(); // crashes the worker
    const result = await runner.result;
    expect(result).toMatchObject({ verdict: 'error', stepsPassed: 1, stepsTotal: 4 });
    expect(result.failure).toMatchObject({
      step: 1,
      stepText: 'Romeo sends:',
      message: 'the mock worker crashed: Uncaught RangeError: boom',
    });
    expect(types(events).slice(-2)).toEqual(['step-failed', 'run-finished']);
    expect(runner.status).toBe('finished');
    expect(workers[0].terminated).toBe(true);
    expect(pool.size).toBe(0);
    // The same host (a suite lane keeps one) runs its next script on a fresh worker.
    expect((await remote(host, PING).runner.start()).verdict).toBe('pass');
    expect(workers).toHaveLength(2);
    await host.dispose!();
    expect((await remote(pool.acquire(), PING).runner.start()).verdict).toBe('pass');
    expect(workers).toHaveLength(2);
    pool.dispose();
  });

  it('an invalid message from the worker is a crash too, naming what was wrong', async () => {
    const { pool } = fakeRunPool({}, (w) => {
      w.corrupt = (m) => (m.type === 'events' ? { ...m, status: 'confused' } : m);
    });
    const result = await remote(pool.acquire(), PING).runner.start();
    expect(result.verdict).toBe('error');
    expect(result.failure?.message).toBe(
      'the mock worker sent an invalid message: events: unknown status "confused"',
    );
    pool.dispose();
  });

  it('a worker that stops answering while a run is open ends it after hangMs', async () => {
    const { pool, workers } = fakeRunPool({ hangMs: 60, pingMs: 10 });
    const { runner } = remote(pool.acquire(), PING);
    await runner.step();
    workers[0].silent = true;
    const result = await runner.result;
    expect(result.verdict).toBe('error');
    expect(result.failure?.message).toMatch(/^the mock worker did not answer for \d+ s$/);
    expect(workers[0].terminated).toBe(true);
    pool.dispose();
  });

  it('a stop the worker does not answer ends the run within stopMs, with a sentence', async () => {
    const { pool, workers } = fakeRunPool({ stopMs: 40 });
    const { runner } = remote(pool.acquire(), PING);
    await runner.step();
    workers[0].silent = true;
    const t0 = Date.now();
    await runner.stop();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect((await runner.result).failure?.message).toBe('the mock worker did not stop the run within 0.04 s');
    expect(runner.status).toBe('finished');
    pool.dispose();
  });

  it('a paused run on a healthy worker is not taken for a hang (the worker answers pings)', async () => {
    const { pool, workers } = fakeRunPool({ hangMs: 60, pingMs: 10 });
    const { runner } = remote(pool.acquire(), PING);
    await runner.step();
    await new Promise((r) => setTimeout(r, 200));
    expect(runner.status).toBe('paused');
    expect(workers[0].received.filter((m) => (m as { type: string }).type === 'ping').length).toBeGreaterThan(
      3,
    );
    expect((await runner.start()).verdict).toBe('pass');
    pool.dispose();
  });

  it('a script the worker cannot parse ends the run as error with its sentence', async () => {
    const { pool } = fakeRunPool();
    const host = pool.acquire();
    // The page parsed a runnable script, but sends other text (a bug): the worker says why.
    const runner = host.createRunner({ runId: 'bad', script: parse(PING).script, source: 'nonsense' });
    const result = await runner.start();
    expect(result).toMatchObject({ verdict: 'error' });
    expect(result.failure?.message).toMatch(/^Cannot run: /);
    pool.dispose();
  });

  it('connect() on a run host says what it is for', async () => {
    const { pool } = fakeRunPool();
    await expect(
      pool.acquire().connect({ jid: 'a@localhost', password: 'x', clientName: 'A' }),
    ).rejects.toThrow(/runs whole scripts/);
    pool.dispose();
  });
});
