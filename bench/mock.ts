// Mock benchmarks (issue #5), each a ratio against real Prosody measured in the same run:
// 1. the MUC acceptance scripts of Prosody's 0.12 corpus: wall time on the mock vs on Prosody (target: mock
//    at least 10x faster);
// 2. one room with N occupants: N joins, then one groupchat message fanned out to all; time and memory on the
//    mock (in-process) vs Prosody (N WebSocket clients from this process).
// Not a timed test: `npm run bench` or `npx tsx bench/mock.ts [occupants]`.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parse as parseXml, type Element } from 'ltx';
import { parse } from '../src/scansion/index';
import { createRunner } from '../src/runner/index';
import type { Session, Transport } from '../src/runner/transport';
import { createNodeTransport } from '../src/runner/transports/node';
import { createInProcessTransport } from '../src/mock/index';
import type { BenchRow } from './index';
import { benchProsodyUrl, prosodyInstalled, prosodyRssKiB, restartProsody, stopProsody } from './prosody';

const corpus = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../shared/corpus/prosody-0.12',
);
const MUC_SCRIPTS = [
  ...(fs.existsSync(corpus)
    ? fs.readdirSync(corpus).filter((f) => f.startsWith('muc_') && f.endsWith('.scs'))
    : []),
  'issue505.scs',
  'issue978.scs',
  'issue978-multi.scs',
  'issue1224.scs',
].sort();

async function runAll(
  makeTransport: () => Transport,
  before?: () => void,
): Promise<{ ms: number; passed: number }> {
  let ms = 0;
  let passed = 0;
  for (const f of MUC_SCRIPTS) {
    const { script } = parse(fs.readFileSync(path.join(corpus, f), 'utf8'));
    before?.();
    const transport = makeTransport();
    const t0 = performance.now();
    const result = await createRunner({ script, transport }).start();
    ms += performance.now() - t0;
    await transport.dispose?.();
    if (result.verdict === 'pass') passed++;
  }
  return { ms, passed };
}

const ROOM = 'bench@conference.localhost';
const stanza = (xml: string): Element => parseXml(xml) as Element;

/** Waits for the first stanza `pred` accepts on `session`. */
function waitFor(session: Session, pred: (el: Element) => boolean): Promise<Element> {
  return new Promise((resolve) => session.onStanza((el) => pred(el) && resolve(el)));
}

const isSubject = (el: Element) => el.is('message') && !!el.getChild('subject');

export async function fanout(
  transport: Transport,
  occupants: number,
  whileFull: () => void,
): Promise<{ joinMs: number; fanoutMs: number }> {
  const sessions: Session[] = [];
  const t0 = performance.now();
  // The owner creates the room and unlocks it (instant room), then everyone else joins, in batches.
  const owner = await transport.connect({ jid: 'owner@localhost', password: 'x', clientName: 'owner' });
  sessions.push(owner);
  const joined = waitFor(owner, isSubject);
  await owner.send(
    stanza(`<presence to="${ROOM}/owner"><x xmlns="http://jabber.org/protocol/muc"/></presence>`),
  );
  await joined;
  const unlocked = waitFor(owner, (el) => el.is('iq') && el.attrs.id === 'unlock');
  await owner.send(
    stanza(
      `<iq type="set" id="unlock" to="${ROOM}"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit"/></query></iq>`,
    ),
  );
  await unlocked;
  const batch = 50;
  for (let i = 1; i < occupants; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, occupants - i) }, async (_, k) => {
        const n = i + k;
        const s = await transport.connect({ jid: `user${n}@localhost`, password: 'x', clientName: `u${n}` });
        sessions.push(s);
        const done = waitFor(s, isSubject);
        await s.send(
          stanza(`<presence to="${ROOM}/user${n}"><x xmlns="http://jabber.org/protocol/muc"/></presence>`),
        );
        await done;
      }),
    );
  }
  const joinMs = performance.now() - t0;
  const got = sessions.map((s) =>
    waitFor(s, (el) => el.is('message') && el.attrs.type === 'groupchat' && !!el.getChild('body')),
  );
  const t1 = performance.now();
  await owner.send(stanza(`<message type="groupchat" to="${ROOM}"><body>hello everyone</body></message>`));
  await Promise.all(got);
  const fanoutMs = performance.now() - t1;
  whileFull();
  await Promise.all(sessions.map((s) => s.close()));
  return { joinMs, fanoutMs };
}

export function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

export async function benchMock(
  occupants = Number(process.env.BENCH_OCCUPANTS ?? 1000),
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const haveProsody = prosodyInstalled();
  if (!fs.existsSync(corpus)) {
    rows.push({
      name: 'mock: corpus MUC scripts',
      value: NaN,
      unit: 'ms',
      note: `corpus absent (${corpus}): skipped`,
    });
  } else {
    const mock = await runAll(() => createInProcessTransport());
    let real: { ms: number; passed: number } | undefined;
    if (haveProsody) real = await runAll(() => createNodeTransport(benchProsodyUrl), restartProsody);
    rows.push({
      name: `mock: ${MUC_SCRIPTS.length} corpus MUC scripts (${mock.passed} pass)`,
      value: mock.ms,
      unit: 'ms',
      baseline: real?.ms,
      ratio: real ? real.ms / mock.ms : undefined,
      target: 'ratio >= 10 (Prosody time / mock time)',
      note: real ? `Prosody: ${real.passed} pass, restart excluded` : 'prosody not installed: no baseline',
    });
  }

  const heap0 = heapMiB();
  let heap1 = NaN;
  const m = await fanout(createInProcessTransport(), occupants, () => (heap1 = heapMiB()));
  let p: { joinMs: number; fanoutMs: number } | undefined;
  let rss0 = NaN;
  let rss1 = NaN;
  let prosodyNote = haveProsody ? '' : 'prosody not installed: no baseline';
  if (haveProsody) {
    restartProsody();
    rss0 = prosodyRssKiB();
    // Hundreds of occupants keep Prosody (and this process's WebSocket clients) busy with fan-out for a
    // long time: a connect may wait far longer than a script's 10 s. A failure is reported, not thrown,
    // so the mock's own rows survive.
    const transport = createNodeTransport(benchProsodyUrl, {
      connectTimeoutMs: 180_000,
      // also @xmpp's own per-step timeout (stream open, SASL, bind): 2 s by default
      closeTimeoutMs: 60_000,
    });
    const t0 = performance.now();
    try {
      p = await fanout(transport, occupants, () => (rss1 = prosodyRssKiB()));
    } catch (err) {
      prosodyNote = `Prosody baseline failed after ${((performance.now() - t0) / 1000).toFixed(0)} s: ${err instanceof Error ? err.message : String(err)}`;
      await transport.dispose?.();
    } finally {
      stopProsody();
    }
  }
  rows.push({
    name: `mock: ${occupants} occupants join one room`,
    value: m.joinMs,
    unit: 'ms',
    baseline: p?.joinMs,
    ratio: p ? p.joinMs / m.joinMs : undefined,
    note: prosodyNote || 'ratio = Prosody / mock (Prosody time includes WebSocket clients in this process)',
  });
  rows.push({
    name: `mock: one groupchat message to ${occupants} occupants`,
    value: m.fanoutMs,
    unit: 'ms',
    baseline: p?.fanoutMs,
    ratio: p ? p.fanoutMs / m.fanoutMs : undefined,
  });
  rows.push({
    name: `mock: memory for a ${occupants}-occupant room (heap delta)`,
    value: heap1 - heap0,
    unit: 'MiB',
    baseline: p ? (rss1 - rss0) / 1024 : undefined,
    note: 'with every occupant online; baseline = Prosody RSS growth (MiB); mock side includes its client sessions',
  });
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  benchMock(n).then(
    (rows) => console.table(rows),
    (e) => (console.error(e), process.exit(1)),
  );
}
