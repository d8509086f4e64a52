import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../mock';
import { buildTrace, parseTrace, type RunEvent } from '../runner';
import { createAppStore, type AppStore } from '../store';
import { DEFAULT_SCRIPT } from './defaultScript';
import { startParsing } from './parsing';
import { createRunController } from './runController';
import { createTraceService, traceFileName } from './traceService';

const FAILING = DEFAULT_SCRIPT.replace(
  '<iq type="result" id="ping-1" from="localhost"/>',
  '<iq type="error" id="ping-1" from="localhost"/>',
);

function page(text = FAILING) {
  const store = createAppStore();
  store.getState().loadScript({ text, fileName: 'ping.scs', source: 'api' });
  const parsing = startParsing(store, { delayMs: 0 });
  const saved: Array<{ name: string; text: string }> = [];
  const trace = createTraceService({
    store,
    flushParse: parsing.flush,
    download: (name, t) => saved.push({ name, text: t }),
  });
  const run = createRunController({
    store,
    flushParse: parsing.flush,
    makeTransport: async () => createInProcessTransport(),
    schedule: (fn) => queueMicrotask(fn),
    createRunner: trace.createRunner,
  });
  return { store, trace, run, saved, parsing };
}

/** What the run views read: steps, failures, console, connections, result, report. */
const views = (store: AppStore) => {
  const s = store.getState();
  return {
    status: s.status,
    steps: s.steps,
    failures: s.failures,
    selectedStep: s.selectedStep,
    stanzas: s.stanzas.map(({ client, direction, xml, step }) => ({ client, direction, xml, step })),
    connections: Object.keys(s.connections).sort(),
    result: s.result,
    report: s.jsonReport,
    text: s.text,
    fileName: s.fileName,
    steps2: s.runScript?.steps.length,
  };
};

describe('trace service', () => {
  it('saves a finished run and opening it in a fresh page rebuilds the same run views', async () => {
    const live = page();
    await live.run.run();
    expect(live.store.getState().status).toBe('fail');
    expect(live.trace.save()).toBe(true);
    expect(live.saved[0].name).toBe('ping.trace.json');
    const parsed = parseTrace(live.saved[0].text);
    expect(parsed.ok).toBe(true);

    const fresh = page('# something else\n');
    const out = fresh.trace.openText(live.saved[0].text, 'ping.trace.json');
    expect(out.ok).toBe(true);
    expect(views(fresh.store)).toEqual(views(live.store));
    expect(fresh.store.getState().runTarget).toBe('mock');
    // The failing step's diff is there: expected and received of the selected step.
    const f = fresh.store.getState().failures[0];
    expect(f.expected).toContain('type="error"');
    expect(f.received).toContain('type="result"');
  });

  it('refuses a bad file with parseTrace’s sentence and keeps the page as it was', () => {
    const p = page();
    const before = p.store.getState().text;
    const out = p.trace.openText('{"format":"scansion-trace","version":99}', 'old.json');
    expect(out).toEqual({
      ok: false,
      message: 'old.json: unsupported trace version 99 (this playground reads version 1)',
    });
    expect(p.store.getState().notice?.text).toContain('unsupported trace version 99');
    expect(p.store.getState().text).toBe(before);
    expect(p.trace.openText('not json', 'x.json').ok).toBe(false);
  });

  it('says there is nothing to save before a run', () => {
    const p = page();
    expect(p.trace.save()).toBe(false);
    expect(p.store.getState().notice?.text).toMatch(/no run to save/);
  });

  it('shows an unfinished trace as stopped, not as a run that goes on', () => {
    const events: RunEvent[] = [
      { type: 'run-started', runId: 'r1', at: 0, target: 'mock', steps: 4 },
      { type: 'step-started', runId: 'r1', at: 1, step: 0 },
    ];
    const t = buildTrace({
      script: { name: 'ping.scs', text: DEFAULT_SCRIPT },
      target: 'mock',
      events,
      tool: 't',
    });
    const p = page();
    expect(p.trace.openText(JSON.stringify(t), 't.json').ok).toBe(true);
    const s = p.store.getState();
    expect(s.status).toBe('idle');
    expect(s.stopped).toBe(true);
    expect(s.steps[0].status).toBe('skipped');
  });

  it('fetches ?trace=URL with a size limit and a timeout', async () => {
    const p = page();
    const big = createTraceService({
      store: p.store,
      fetch: async () => new Response('x', { headers: { 'content-length': String(60 * 1024 * 1024) } }),
    });
    expect(await big.openUrl('http://h/t.json')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/larger than 50 MB/),
    });
    const slow = createTraceService({
      store: p.store,
      timeoutMs: 20,
      fetch: (_u, init) =>
        new Promise((_res, rej) => init?.signal?.addEventListener('abort', () => rej(new Error('aborted')))),
    });
    expect(await slow.openUrl('http://h/t.json')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no answer in 0.02 s/),
    });
    const missing = createTraceService({
      store: p.store,
      fetch: async () => new Response('', { status: 404 }),
    });
    expect(await missing.openUrl('http://h/t.json')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/HTTP 404/),
    });
  });

  it('names trace files safely', () => {
    expect(traceFileName('a b/c.scs')).toBe('a_b_c.trace.json');
    expect(traceFileName('')).toBe('run.trace.json');
  });
});
