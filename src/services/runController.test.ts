import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse as parseXml } from 'ltx';
import { createInProcessTransport } from '../mock';
import { createRunner, type RunEvent, type RunResult } from '../runner';
import { createAppStore, type AppStore } from '../store';
import { DEFAULT_SCRIPT } from './defaultScript';
import { startParsing } from './parsing';
import { createRunController } from './runController';
import type { TransportFactory } from './transports';
import { fakeRunPool } from '../worker/testing';

const FAILING = DEFAULT_SCRIPT.replace(
  '<iq type="result" id="ping-1" from="localhost"/>',
  '<iq type="error" id="ping-1" from="localhost"/>',
);

// Every control test runs twice: the runner on the page over the in-process mock, and the runner in a
// (fake) run worker beside the mock, reached through its page-side twin.
const runPool = fakeRunPool().pool;
const TRANSPORTS: Array<[string, TransportFactory]> = [
  ['runner on the page', async () => createInProcessTransport()],
  ['runner in the run worker', async () => runPool.acquire()],
];
let makeTransport: TransportFactory = TRANSPORTS[0][1];

function setup(text: string, extra: Partial<Parameters<typeof createRunController>[0]> = {}) {
  const store = createAppStore();
  store.getState().loadScript({ text, fileName: 'ping.scs', source: 'api' });
  const parsing = startParsing(store, { delayMs: 0 });
  const controller = createRunController({
    store,
    flushParse: parsing.flush,
    makeTransport,
    schedule: (fn) => queueMicrotask(fn),
    ...extra,
  });
  return { store, controller, parsing };
}

const statuses = (store: AppStore) => store.getState().steps.map((s) => s.status);

describe.each(TRANSPORTS)('run controller (%s)', (_name, factory) => {
  beforeEach(() => {
    makeTransport = factory;
  });
  it('runs a script on the mock and records steps, stanzas and the JSON report', async () => {
    const { store, controller } = setup(DEFAULT_SCRIPT);
    const report = (await controller.run()) as { scripts: { file: string; status: string }[] } | null;
    const s = store.getState();
    expect(s.status).toBe('pass');
    expect(statuses(store)).toEqual(['passed', 'passed', 'passed', 'passed']);
    expect(s.stanzas.some((x) => x.direction === 'out' && x.xml.includes('urn:xmpp:ping'))).toBe(true);
    expect(report?.scripts[0]).toMatchObject({ file: 'ping.scs', status: 'pass' });
    expect(s.jsonReport).toBe(report);
    expect(s.variables["Romeo's full JID"]).toMatch(/^romeo@localhost\//);
  });

  it('selects the first failure and keeps its mismatches', async () => {
    const { store, controller } = setup(FAILING);
    await controller.run();
    const s = store.getState();
    expect(s.status).toBe('fail');
    expect(s.selectedStep).toBe(2);
    expect(s.failures[0].mismatches.map((m) => m.path)).toContain('/iq@type');
    expect(statuses(store)).toEqual(['passed', 'passed', 'failed', 'skipped']);
  });

  it('steps one step at a time and stops as "stopped"', async () => {
    const { store, controller } = setup(DEFAULT_SCRIPT);
    await controller.step();
    expect(store.getState().status).toBe('paused');
    expect(store.getState().nextStep).toBe(1);
    expect(statuses(store)[0]).toBe('passed');
    await controller.step();
    expect(store.getState().nextStep).toBe(2);
    await controller.stop();
    const s = store.getState();
    expect(s.status).toBe('idle');
    expect(s.stopped).toBe(true);
    expect(statuses(store).slice(0, 2)).toEqual(['passed', 'passed']);
  });

  it('runs to a line, then continues to the end', async () => {
    const { store, controller } = setup(DEFAULT_SCRIPT);
    const receiveLine = store.getState().parsed.script.steps[2].headerRange.line;
    await controller.runToLine(receiveLine);
    // The pause arrives asynchronously: wait for it.
    for (let i = 0; i < 50 && store.getState().status !== 'paused'; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(store.getState().status).toBe('paused');
    expect(store.getState().nextStep).toBe(2);
    await controller.run();
    expect(store.getState().status).toBe('pass');
  });

  it('RUN-CONTROL-4: "To cursor" from a paused run stops at the line', async () => {
    const { store, controller } = setup(DEFAULT_SCRIPT);
    const steps = store.getState().parsed.script.steps;
    await controller.step();
    expect(store.getState().nextStep).toBe(1);
    await controller.runToLine(steps[3].headerRange.line);
    for (let i = 0; i < 100 && store.getState().nextStep !== 3; i++)
      await new Promise((r) => setTimeout(r, 5));
    const s = store.getState();
    expect(s.status).toBe('paused');
    expect(s.nextStep).toBe(3);
    expect(statuses(store)).toEqual(['passed', 'passed', 'passed', 'pending']);
    await controller.run();
    expect(store.getState().status).toBe('pass');
  });

  it('RUN-ADHOC-1/2: sends an ad-hoc stanza while paused; its answer is shown and never read by the script', async () => {
    const { store, controller } = setup(DEFAULT_SCRIPT);
    await expect(controller.sendAdHoc('Romeo', parseXml('<presence/>'))).rejects.toThrow(/no run is active/);
    await controller.step();
    expect(store.getState().status).toBe('paused');
    await controller.sendAdHoc(
      'Romeo',
      parseXml('<iq type="get" id="live-1" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>'),
    );
    await controller.run();
    const s = store.getState();
    expect(s.status).toBe('pass');
    const adhoc = s.stanzas.filter((x) => x.fate === 'adhoc');
    expect(adhoc.map((x) => x.direction)).toEqual(['out', 'in']);
    expect(adhoc[1].xml).toContain('id="live-1"');
    expect(adhoc.every((x) => x.step === null)).toBe(true);
  });

  it('does not run a script with syntax errors and says why', async () => {
    const { store, controller } = setup(
      '[Client] Romeo\n\tjid: romeo@localhost\n-----\nRomeo sends:\n\t<iq><unclosed></iq>\n',
    );
    expect(await controller.run()).toBeNull();
    expect(store.getState().status).toBe('idle');
    expect(store.getState().notice?.text).toMatch(/^Cannot run: line \d+/);
  });

  it('reports a transport that cannot be opened as an error', async () => {
    const { store, controller } = setup(DEFAULT_SCRIPT, {
      makeTransport: async () => {
        throw new Error('boom');
      },
    });
    expect(await controller.run()).toBeNull();
    expect(store.getState().status).toBe('error');
    expect(store.getState().runError).toMatch(/boom/);
  });

  it('reset clears the results', async () => {
    const { store, controller } = setup(DEFAULT_SCRIPT);
    await controller.run();
    await controller.reset();
    const s = store.getState();
    expect(s.status).toBe('idle');
    expect(s.runId).toBeNull();
    expect(s.stanzas).toEqual([]);
  });
});

// A runner made here (on the page) whose late events the controller must drop.
describe('run controller (runner on the page)', () => {
  beforeEach(() => {
    makeTransport = TRANSPORTS[0][1];
  });
  it('drops events of an earlier run', async () => {
    let firstEmit: ((e: RunEvent) => void) | null = null;
    let firstRunId = '';
    let calls = 0;
    const { store, controller } = setup(DEFAULT_SCRIPT, {
      createRunner: (opts) => {
        const r = createRunner(opts);
        calls += 1;
        if (calls === 1) {
          firstRunId = opts.runId as string;
          const on = r.on.bind(r);
          r.on = (l) => {
            firstEmit = l;
            return on(l);
          };
        }
        return r;
      },
    });
    await controller.step();
    await controller.stop();
    await controller.run();
    expect(store.getState().status).toBe('pass');
    expect(store.getState().runId).not.toBe(firstRunId);
    const before = store.getState().stanzas.length;
    (firstEmit as unknown as (e: RunEvent) => void)({
      type: 'stanza',
      runId: firstRunId,
      at: 0,
      client: 'Romeo',
      direction: 'in',
      xml: '<late/>',
    });
    (firstEmit as unknown as (e: RunEvent) => void)({
      type: 'run-finished',
      runId: firstRunId,
      at: 0,
      result: { verdict: 'fail', durationMs: 0, stepsPassed: 0, stepsTotal: 4, variables: {} } as RunResult,
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(store.getState().stanzas.length).toBe(before);
    expect(store.getState().status).toBe('pass');
  });
});

const corpusFile = (name: string) =>
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/prosody-0.12', name);
const MUC_PASSWORD = corpusFile('muc_password.scs');
const haveCorpus = existsSync(MUC_PASSWORD);
if (!haveCorpus) {
  if (process.env.CI) throw new Error(`the corpus is missing (${MUC_PASSWORD}): CI needs ../shared/corpus`);
  console.warn(`runController attribution: skipped, ${MUC_PASSWORD} is absent`);
}

describe.skipIf(!haveCorpus).each(TRANSPORTS)(
  'run controller: attribution (corpus muc_password.scs on the mock, %s)',
  (_name, factory) => {
    beforeEach(() => {
      makeTransport = factory;
    });
    it('RUN-ATTR-1/2: the unexpected status-104 message is dropped with its reason; every other stanza names its step', async () => {
      const { store, controller } = setup(readFileSync(MUC_PASSWORD, 'utf8'));
      await controller.run();
      const s = store.getState();
      expect(s.status).toBe('pass');
      const steps = s.parsed.script.steps;
      const dropped = s.stanzas.filter((x) => x.fate === 'dropped');
      expect(dropped).toHaveLength(1);
      expect(dropped[0].client).toBe('Romeo');
      expect(dropped[0].xml).toContain('<status code="104"/>');
      expect(dropped[0].step).toBeNull();
      expect(dropped[0].reason).toMatch(
        /arrived together with the stanza Romeo last received.*Juliet connects/,
      );
      // The script's own 104 (after config2, where a receives directly follows) is matched, not dropped.
      const matched104 = s.stanzas.filter((x) => x.fate === 'matched' && x.xml.includes('code="104"'));
      expect(matched104).toHaveLength(1);
      for (const x of s.stanzas) {
        if (x === dropped[0]) continue;
        expect(x.seq).toBeTypeOf('number');
        expect(x.step).toBeTypeOf('number');
        const step = steps[x.step as number];
        expect(step.client).toBe(x.client);
        expect(x.fate).toBe(x.direction === 'in' ? 'matched' : 'sent');
        expect(step.action).toBe(x.direction === 'in' ? 'receives' : 'sends');
      }
    });
  },
);

describe('run controller: a new run shows at once', () => {
  it('replaces the last verdict before a slow transport has loaded', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let slow = false;
    const { store, controller } = setup(DEFAULT_SCRIPT, {
      makeTransport: async () => {
        if (slow) await gate;
        return createInProcessTransport();
      },
    });
    await controller.run();
    expect(store.getState().status).toBe('pass');
    const firstRun = store.getState().runId;
    slow = true;
    const second = controller.run();
    // The transport is still loading: the page already shows the new run, not the last verdict.
    await Promise.resolve();
    await Promise.resolve();
    expect(store.getState().runId).not.toBe(firstRun);
    expect(store.getState().status).toBe('running');
    release();
    await second;
    expect(store.getState().status).toBe('pass');
  });
});
