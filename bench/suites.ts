// `npm run bench -- suites`: suites in the page against `scs run --mock` on the same scripts, measured in
// the same run (each figure beside its baseline):
//   1. `npm run e2e:scripts` on the Prosody 0.12 corpus (../shared/corpus/prosody-0.12) with 2 workers,
//      target ≤ 15 × `scs run --mock` on the same scripts, with the same verdicts;
//   2. a generated 200-script MUC suite run from the page's suite view on the mock, target ≤ 10 ×.
// Baseline: the wall time of the `scs run --mock` command on the same files, start-up included, as a user
// times it; the note beside each row also gives the ratio to the suite time that command reports
// (summary.durationMs, its runs alone). Needs the built page (dist/) and Chromium; says what is missing instead of measuring.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/support/browser';
import type { Phases } from '../e2e/headless/phases';
import type { BenchRow } from './index';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const corpus = path.resolve(root, '..', 'shared', 'corpus', 'prosody-0.12');

type Verdicts = Record<string, string>;

function scsRunMock(files: string[]): { ms: number; wallMs: number; verdicts: Verdicts } {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'run', '--mock', '--reporter', 'json', ...files],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const wallMs = performance.now() - t0;
  const report = JSON.parse(r.stdout) as {
    summary: { durationMs: number };
    scripts: Array<{ file: string; status: string }>;
  };
  const verdicts: Verdicts = {};
  for (const s of report.scripts) verdicts[path.basename(s.file)] = s.status;
  return { ms: report.summary.durationMs, wallMs, verdicts };
}

function diffVerdicts(a: Verdicts, b: Verdicts): string[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names.filter((n) => a[n] !== b[n]).map((n) => `${n}: ${a[n] ?? 'missing'} vs ${b[n] ?? 'missing'}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function e2eScriptsRow(): Promise<BenchRow> {
  const files = fs
    .readdirSync(corpus)
    .filter((f) => f.endsWith('.scs'))
    .map((f) => path.join(corpus, f));
  const base = scsRunMock(files);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'scs-bench-e2e-'));
  const t0 = performance.now();
  await new Promise<void>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(root, 'scripts/e2e-scripts.js'), corpus, '--workers=2', '--no-build', '--out', out],
      { cwd: root, stdio: 'ignore' },
    );
    child.on('exit', () => resolve());
  });
  const ms = performance.now() - t0;
  // Each script's verdict, from the trace e2e:scripts wrote for it.
  const page: Verdicts = {};
  const traces = path.join(out, 'traces');
  for (const f of fs.existsSync(traces) ? fs.readdirSync(traces) : []) {
    const t = JSON.parse(fs.readFileSync(path.join(traces, f), 'utf8')) as {
      script: { name: string };
      result?: { verdict: string };
    };
    page[t.script.name] = t.result?.verdict ?? 'unfinished';
  }
  const split = phaseSplit(path.join(out, 'phases.json'), ms);
  fs.rmSync(out, { recursive: true, force: true });
  const diff = diffVerdicts(base.verdicts, page);
  return {
    name: `e2e:scripts, ${files.length} corpus 0.12 scripts, 2 workers`,
    value: Math.round(ms),
    unit: 'ms',
    baseline: Math.round(base.wallMs),
    ratio: ms / base.wallMs,
    target: '≤ 15',
    note:
      `baseline: the scs run --mock command, start-up included (its runs alone: ${Math.round(base.ms)} ms, ` +
      `${(ms / base.ms).toFixed(1)}x); ${split}; ` +
      (diff.length === 0 ? 'same verdicts' : `verdicts differ: ${diff.slice(0, 3).join('; ')}`),
  };
}

/** Where the e2e:scripts run's time went, from the phases.json it wrote (e2e/headless/phases.ts). */
function phaseSplit(file: string, totalMs: number): string {
  if (!fs.existsSync(file)) return 'no phases.json';
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Phases;
  const s = (ms: number | undefined) => (ms === undefined ? '?' : `${(ms / 1000).toFixed(1)} s`);
  const { at, scripts } = p;
  const gap = (a?: number, b?: number) => (a === undefined || b === undefined ? undefined : b - a);
  return (
    `start-up ${s(at.firstTest)} (set-up at ${s(at.setup)}, pages loaded at ${s(at.pages)}), ` +
    `scripts ${s(gap(at.firstTest, at.lastTest))} (in the pages: runs ${s(scripts.run)}, ` +
    `screenshots ${s(scripts.screenshot)}), reports ${s(gap(at.lastTest, totalMs))}`
  );
}

/** A passing MUC script (every `failEvery`-th expects the wrong body, so the suite has failures too). */
export function generatedScript(i: number, failEvery = 10): string {
  const body = i % failEvery === 0 ? `hullo ${i}` : `hello ${i}`;
  return `# generated ${i}
## generated
${i % 2 ? '## odd' : '## even'}

[Client] Romeo
\tjid: romeo@localhost
\tpassword: password

-----

Romeo connects

Romeo sends:
\t<presence to="room${i}@conference.localhost/Romeo">
\t\t<x xmlns="http://jabber.org/protocol/muc"/>
\t</presence>

Romeo receives:
\t<presence from="room${i}@conference.localhost/Romeo">
\t\t<x xmlns="http://jabber.org/protocol/muc#user">
\t\t\t<status code="201"/>
\t\t\t<item affiliation="owner" role="moderator" jid="\${Romeo's full JID}"/>
\t\t\t<status code="110"/>
\t\t</x>
\t</presence>

Romeo receives:
\t<message from="room${i}@conference.localhost" type="groupchat"><subject/></message>

Romeo sends:
\t<message to="room${i}@conference.localhost" type="groupchat"><body>hello ${i}</body></message>

Romeo receives:
\t<message from="room${i}@conference.localhost/Romeo" type="groupchat"><body>${body}</body></message>

Romeo disconnects
`;
}

async function suiteViewRow(n = 200): Promise<BenchRow> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scs-bench-suite-'));
  const files: string[] = [];
  for (let i = 1; i <= n; i++) {
    const f = path.join(dir, `gen-${String(i).padStart(3, '0')}.scs`);
    fs.writeFileSync(f, generatedScript(i));
    files.push(f);
  }
  const base = scsRunMock(files);
  const port = await freePort();
  const server = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'preview',
      '--port',
      String(port),
      '--strictPort',
      '--host',
      '127.0.0.1',
    ],
    { cwd: root, stdio: 'ignore' },
  );
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    for (let i = 0; ; i++) {
      try {
        await page.goto(`http://127.0.0.1:${port}/`);
        break;
      } catch (e) {
        if (i > 100) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    await page.getByTestId('view-suite').click();
    await page.getByTestId('suite-files').setInputFiles(files);
    await page
      .getByTestId('suite-item')
      .nth(n - 1)
      .waitFor();
    // A string, not a function: tsx would wrap named helpers in `__name`, which the page lacks.
    const ms = (await page.evaluate(`(async () => {
      const count = ${n};
      const items = () => [...document.querySelectorAll('[data-testid="suite-item"]')];
      const done = () => items().length === count && items().every((e) => /^(pass|fail|error)$/.test(e.dataset.status || ''));
      const t0 = performance.now();
      document.querySelector('[data-testid="suite-run-all"]').click();
      await new Promise((resolve) => {
        const tick = () => (done() ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      });
      return performance.now() - t0;
    })()`)) as number;
    const page2: Verdicts = {};
    for (const e of await page.getByTestId('suite-item').all()) {
      page2[path.basename((await e.getAttribute('data-id')) ?? '')] =
        (await e.getAttribute('data-status')) ?? '';
    }
    const diff = diffVerdicts(base.verdicts, page2);
    return {
      name: `suite view, ${n} generated MUC scripts, mock`,
      value: Math.round(ms),
      unit: 'ms',
      baseline: Math.round(base.wallMs),
      ratio: ms / base.wallMs,
      target: '≤ 10',
      note:
        `baseline: the scs run --mock command, start-up included (its runs alone: ${Math.round(base.ms)} ms, ` +
        `${(ms / base.ms).toFixed(1)}x; the page's figure leaves out its load); ` +
        (diff.length === 0 ? 'same verdicts' : `verdicts differ: ${diff.slice(0, 3).join('; ')}`),
    };
  } finally {
    await browser.close();
    server.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSuites(): Promise<BenchRow[]> {
  if (!fs.existsSync(path.join(root, 'dist', 'index.html')))
    throw new Error('no dist/: run `npm run build` first');
  const rows: BenchRow[] = [];
  rows.push(await suiteViewRow());
  if (fs.existsSync(corpus)) rows.push(await e2eScriptsRow());
  else if (process.env.CI) throw new Error(`the corpus is missing at ${corpus}`);
  else console.log(`# suites: no corpus at ${corpus}, e2e:scripts row skipped`);
  return rows;
}
