// Parser benchmark: parse a generated 10,000-step script with parse() and compare with the floor,
// parsing the same XML blocks with bare saxes (one parser per block, no handlers). Targets: < 50 ms and
// <= 1.5x the floor. Not a timed test: `npm run bench` (bench/index.ts) or `npx tsx bench/parse.ts`.
import { SaxesParser } from 'saxes';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { parse } from '../src/scansion/index';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

const STANZAS = [
  `<presence to="room@conference.localhost/Romeo">\n\t\t<x xmlns="http://jabber.org/protocol/muc"/>\n\t</presence>`,
  `<presence from="room@conference.localhost/Romeo">\n\t\t<x xmlns="http://jabber.org/protocol/muc#user">\n\t\t\t<item jid="\${Romeo's full JID}" affiliation="owner" role="moderator"/>\n\t\t\t<status code="110"/>\n\t\t</x>\n\t</presence>`,
  `<message type="groupchat" to="room@conference.localhost" id="m1">\n\t\t<body>Hello &amp; welcome</body>\n\t</message>`,
  `<iq type="get" id="q1" to="localhost">\n\t\t<query xmlns="http://jabber.org/protocol/disco#info" scansion:strict="false"/>\n\t</iq>`,
  `<iq type="result" id="{scansion:any}" from="\${Juliet's JID}"/>`,
];

/** A script with `steps` steps (two clients connect first), and the XML blocks it contains. */
export function generateScript(steps = 10_000): { text: string; blocks: string[] } {
  const out: string[] = [
    '# Generated benchmark script',
    '[Client] Romeo',
    '\tjid: romeo@localhost',
    '\tpassword: password',
    '',
    '[Client] Juliet',
    '\tjid: juliet@localhost',
    '\tpassword: password',
    '',
    '-----',
    '',
    'Romeo connects',
    'Juliet connects',
  ];
  const blocks: string[] = [];
  for (let i = 2; i < steps; i++) {
    if (i % 50 === 0) out.push(`# Section ${i / 50}`);
    const who = i % 3 === 0 ? 'Juliet' : 'Romeo';
    const xml = STANZAS[i % STANZAS.length];
    out.push(`${who} ${i % 2 === 0 ? 'sends' : 'receives'}:`, '\t' + xml, '');
    blocks.push('\t' + xml);
  }
  return { text: out.join('\n') + '\n', blocks };
}

type Role = 'floor' | 'parse';

/** One measurement job, run inside a worker: its own V8 isolate, so neither side's JIT state or
 * garbage disturbs the other (in one isolate the two saxes parsers, one with handlers and one
 * without, made saxes' code polymorphic and slowed the floor 5x). */
function makeJob(role: Role): () => void {
  const { text, blocks } = generateScript();
  if (role === 'parse') {
    const check = parse(text);
    const errors = check.diagnostics.filter((d) => d.severity === 'error').length;
    if (check.script.steps.length !== 10_000 || errors !== 0)
      throw new Error(`bench script parsed wrongly: ${check.script.steps.length} steps, ${errors} errors`);
    return () => void parse(text);
  }
  // The floor: the same XML blocks through one reused saxes parser (the cheapest way to use it, and
  // what parse() does), positions on, no handlers: no elements built, no positions kept.
  const p = new SaxesParser({ xmlns: false, position: true, fragment: true });
  return () => {
    for (const b of blocks) p.write(b).close();
  };
}

if (!isMainThread && workerData?.benchParseRole) {
  const job = makeJob(workerData.benchParseRole as Role);
  parentPort!.on('message', () => {
    const t0 = performance.now();
    job();
    parentPort!.postMessage(performance.now() - t0);
  });
}

function spawn(role: Role): { run: () => Promise<number>; stop: () => Promise<number> } {
  // Workers do not inherit tsx's loader: a tiny ESM entry registers tsx's hooks, then imports this
  // file (resolved from here, not from cwd).
  const api = import.meta.resolve('tsx/esm/api');
  const entry = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(import.meta.url)});`;
  const w = new Worker(new URL('data:text/javascript,' + encodeURIComponent(entry)), {
    workerData: { benchParseRole: role },
  });
  return {
    run: () =>
      new Promise<number>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
        w.postMessage('run');
      }),
    stop: () => w.terminate(),
  };
}

/**
 * Time the floor and parse() in two workers, interleaved (floor, parse, floor, parse, ...) after a
 * warm-up, keeping each one's fastest run: on a shared machine the minimum is the least disturbed
 * measurement, and interleaving exposes both to the same conditions.
 */
export async function benchParse(runs = 15): Promise<BenchResult[]> {
  const floor = spawn('floor');
  const mine = spawn('parse');
  let floorMs = Infinity;
  let parseMs = Infinity;
  try {
    for (let i = 0; i < runs + 3; i++) {
      const f = await floor.run();
      const m = await mine.run();
      if (i >= 3) {
        floorMs = Math.min(floorMs, f);
        parseMs = Math.min(parseMs, m);
      }
    }
  } finally {
    await floor.stop();
    await mine.stop();
  }
  return [
    { name: 'parse 10,000-step script', value: round(parseMs), unit: 'ms' },
    { name: 'bare saxes over the same XML blocks (floor)', value: round(floorMs), unit: 'ms' },
    {
      name: 'parse() / floor',
      value: round(parseMs / floorMs),
      unit: 'x',
      baseline: round(floorMs),
      ratio: round(parseMs / floorMs),
    },
  ];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

if (
  !process.env.NO_BENCH_MAIN &&
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  const results = await benchParse();
  for (const r of results) console.log(`${r.name}: ${r.value} ${r.unit}`);
  const [p, , ratio] = results;
  console.log(
    `targets: < 50 ms (${p.value < 50 ? 'met' : 'MISSED'}), <= 1.5x (${ratio.value <= 1.5 ? 'met' : 'MISSED'})`,
  );
}
