// `npm run bench`: every speed and size target, each printed as a value and, where it has one, a ratio
// against a baseline measured in the same run (never a timed test).
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  note?: string;
}

type BenchFn = () => Promise<BenchRow[]>;

const here = path.dirname(new URL(import.meta.url).pathname);
const suites: { file: string; fn: string }[] = [
  { file: 'parse.ts', fn: 'benchParse' },
  { file: 'runner.ts', fn: 'benchRunner' },
  { file: 'mock.ts', fn: 'benchMock' },
  { file: 'matcher.ts', fn: 'benchMatcher' },
  { file: 'suites.ts', fn: 'benchSuites' },
  { file: 'page.ts', fn: 'benchPage' },
];

function fmt(n: number | undefined, digits = 2): string {
  return n === undefined ? '' : Number.isInteger(n) ? String(n) : n.toFixed(digits);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: BenchRow[] = [];
  for (const s of suites) {
    if (only.length && !only.some((o) => s.file.startsWith(o))) continue;
    const file = path.join(here, s.file);
    if (!fs.existsSync(file)) {
      console.log(`# ${s.file}: not present, skipped`);
      continue;
    }
    const mod = (await import(pathToFileURL(file).href)) as Record<string, BenchFn>;
    console.log(`# ${s.file}`);
    try {
      const got = await mod[s.fn]();
      for (const r of got) {
        rows.push(r);
        console.log(
          `${r.name.padEnd(58)} ${fmt(r.value).padStart(10)} ${r.unit.padEnd(6)}` +
            (r.baseline !== undefined ? ` baseline ${fmt(r.baseline)} ${r.unit}` : '') +
            (r.ratio !== undefined ? `  ratio ${fmt(r.ratio)}x` : '') +
            (r.target ? `  (target ${r.target})` : '') +
            (r.note ? `  ${r.note}` : ''),
        );
      }
    } catch (e) {
      console.log(`${s.file}: failed: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
  const out = path.join(here, '..', '.tmp', 'bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(rows, null, 2));
  console.log(`\n${rows.length} measurements written to .tmp/bench.json`);
}

void main();
