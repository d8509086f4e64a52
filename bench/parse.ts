// Parser benchmark: parse a generated 10,000-step script with parse() and compare with the floor,
// parsing the same XML blocks with bare saxes (one parser per block, no handlers). Targets: < 50 ms and
// <= 1.5x the floor. Not a timed test: `npm run bench` (bench/index.ts) or `npx tsx bench/parse.ts`.
import { SaxesParser } from 'saxes';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function time(fn: () => void, runs: number): number {
  fn(); // warm-up (JIT)
  fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

export async function benchParse(runs = 9): Promise<BenchResult[]> {
  const { text, blocks } = generateScript();
  let steps = 0;
  let errors = 0;
  const parseMs = time(() => {
    const r = parse(text);
    steps = r.script.steps.length;
    errors = r.diagnostics.filter((d) => d.severity === 'error').length;
  }, runs);
  if (steps !== 10_000 || errors !== 0)
    throw new Error(`bench script parsed wrongly: ${steps} steps, ${errors} errors`);
  const floorMs = time(() => {
    for (const b of blocks)
      new SaxesParser({ xmlns: false, position: true, fragment: true }).write(b).close();
  }, runs);
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
