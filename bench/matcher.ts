// Matcher benchmark: a stanza with N same-named children (non-strict parent, each child with its own
// attribute value), received in the same order and in reverse order, matched once for N = 1,000 and
// N = 3,000. Target: time and peak heap for 3,000 at most 4x those for 1,000 (a full pairing matrix is
// quadratic: 9x, and ran out of memory at 3,000). Not a timed test: `npm run bench` (bench/index.ts
// calls benchMatcher()) or `npx tsx bench/matcher.ts`.
//
// Method: each measurement runs in its own child process (its own heap, nothing left over from the
// previous one), with --expose-gc. Time is the CPU time of match() (less disturbed than wall time by
// other processes on a shared machine), the fastest of 3 runs. Peak heap is the largest used heap seen
// before any garbage collection during match() (v8.GCProfiler) or after it returned, whichever is
// larger, minus the used heap after a full collection just before it.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { match, parseXml } from '../src/scansion/index';
import type { BenchResult } from './parse';

type Order = 'in order' | 'reversed';
interface Sample {
  cpuMs: number;
  heapBytes: number;
  ok: boolean;
}

function stanzas(n: number, order: Order) {
  const items = (f: (i: number) => number) =>
    Array.from({ length: n }, (_, i) => `<item jid='user${f(i)}@localhost' role='participant'/>`).join('');
  const exp = `<iq type='result'><query xmlns='urn:example:list' scansion:strict='false'>${items((i) => i)}</query></iq>`;
  const rec = `<iq type='result'><query xmlns='urn:example:list'>${items((i) => (order === 'reversed' ? n - 1 - i : i))}</query></iq>`;
  return { exp: parseXml(exp).elements[0], rec: parseXml(rec).elements[0] };
}

function measureHere(n: number, order: Order): Sample {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  let best: Sample | undefined;
  for (let run = 0; run < 3; run++) {
    const { exp, rec } = stanzas(n, order);
    gc();
    const base = process.memoryUsage().heapUsed;
    const profiler = new v8.GCProfiler();
    profiler.start();
    const cpu0 = process.cpuUsage();
    const r = match(exp, rec);
    const cpu = process.cpuUsage(cpu0);
    const after = process.memoryUsage().heapUsed;
    const stats = profiler.stop();
    let peak = after;
    for (const s of stats?.statistics ?? []) peak = Math.max(peak, s.beforeGC.heapStatistics.usedHeapSize);
    const sample = { cpuMs: (cpu.user + cpu.system) / 1000, heapBytes: Math.max(0, peak - base), ok: r.ok };
    if (!best || sample.cpuMs < best.cpuMs)
      best = { ...sample, heapBytes: Math.min(sample.heapBytes, best?.heapBytes ?? Infinity) };
    else best.heapBytes = Math.min(best.heapBytes, sample.heapBytes);
  }
  return best!;
}

function measureInChild(n: number, order: Order): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--child', String(n), order], {
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) => resolve(m as Sample));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`matcher bench child exited with ${code}`));
    });
  });
}

export async function benchMatcher(): Promise<BenchResult[]> {
  const rows: BenchResult[] = [];
  for (const order of ['in order', 'reversed'] as Order[]) {
    const small = await measureInChild(1000, order);
    const large = await measureInChild(3000, order);
    if (!small.ok || !large.ok) throw new Error(`the ${order} stanzas did not match`);
    rows.push({
      name: `match 3,000 same-named children (${order}): CPU time`,
      value: large.cpuMs,
      unit: 'ms',
      baseline: small.cpuMs,
      ratio: large.cpuMs / small.cpuMs,
      target: '<= 4x the 1,000-child time',
    });
    rows.push({
      name: `match 3,000 same-named children (${order}): peak heap`,
      value: large.heapBytes / 1e6,
      unit: 'MB',
      baseline: small.heapBytes / 1e6,
      ratio: large.heapBytes / small.heapBytes,
      target: '<= 4x the 1,000-child peak',
    });
  }
  return rows;
}

const argv = process.argv;
if (argv[2] === '--child') {
  const sample = measureHere(Number(argv[3]), argv[4] as Order);
  process.send!(sample, () => process.exit(0));
} else if (import.meta.url === `file://${argv[1]}`) {
  for (const r of await benchMatcher())
    console.log(
      `${r.name}: ${r.value.toFixed(2)} ${r.unit}, baseline ${r.baseline?.toFixed(2)}, ratio ${r.ratio?.toFixed(2)}x (target ${r.target})`,
    );
}
