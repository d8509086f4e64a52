// Hostile-input fuzzing of the language core and the mock, through their public index modules:
//   npm run fuzz:hostile -- --parser 100000 --mock 10000 --seed 1
// Parser inputs: random text, script-shaped lines, deep nesting, attribute names that are JavaScript
// object members, odd line endings and control characters. Mock runs: generated valid scripts (MUC joins,
// messages, IQs, hostile attributes and text) run in process against a fresh mock each.
// Prints the counts of throws, hangs and internal errors; each must be 0 (exit 1 otherwise).
import { parse } from '../../src/scansion/index';
import { createRunner } from '../../src/runner/index';
import { createInProcessTransport, createMockServer, seededRandom } from '../../src/mock/index';

type Random = () => number;

export interface FuzzCounts {
  runs: number;
  throws: number;
  hangs: number;
  internalErrors: number;
  /** The first few problems, for people. */
  examples: string[];
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Random, n: number): number => Math.floor(r() * n);

const ATTR_NAMES = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'id',
  'type',
  'to',
  'xmlns',
];
const TEXTS = [
  'hi',
  '&amp;',
  '&lt;x&gt;',
  'ünïcödé',
  '𝄞',
  "${Romeo's JID}",
  '${nobody}',
  '{scansion:any}',
  ']]>',
];
const LINES = [
  '[Client] Romeo',
  "[Client] Juliet's phone",
  '[Client]',
  '[Room] Hall',
  '\tjid: romeo@localhost',
  '\tpassword: pw',
  '\tpassword:',
  '\tconnect_port: 99999',
  '-----',
  '---',
  '# comment',
  '## tag',
  '// note',
  '-- Romeo connects',
  'Romeo connects',
  'Romeo disconnects',
  'Romeo sends:',
  'Romeo receives:',
  'Romeo receives: nothing',
  "Juliet's phone sends <presence/>",
  'Tybalt connects',
  '\t<presence/>',
  "\t<message to='${Romeo's full JID}' type='chat'><body>hi</body></message>",
  "\t<iq id='{scansion:any}' __proto__='x' constructor='y'/>",
  '\t<presence scansion:strict="maybe">',
  '\t</presence>',
  '\t<![CDATA[ <x> ]]>',
  '\t<!-- c --><?pi x?>',
  '\t<a><b></a>',
  '\t<a x="1" x="2"/>',
  '\t&undefined;',
  '\t<!DOCTYPE x [<!ENTITY e "e">]><x>&e;</x>',
  '',
  '\t',
];
const EOLS = ['\n', '\n', '\n', '\r\n', '\r'];
const CHARS = '<>/="\' \t\n\r[]#-:{}$&;!?abcXYZ\u0000\u001b\u00a0\u202e\ud800\ufeff';

function randomText(r: Random): string {
  let s = '';
  const n = int(r, 200);
  for (let i = 0; i < n; i++) s += CHARS[int(r, CHARS.length)];
  return s;
}

function deep(r: Random): string {
  const d = 1 + int(r, 3000);
  const open = r() < 0.5 ? '<a>'.repeat(d) : `<a ${pick(r, ATTR_NAMES)}='v'>`.repeat(d);
  return 'Romeo sends:\n\t' + open + (r() < 0.8 ? '</a>'.repeat(d) : '');
}

function scriptShaped(r: Random): string {
  const n = int(r, 40);
  const eol = pick(r, EOLS);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    let line = pick(r, LINES);
    if (r() < 0.1) {
      const at = int(r, line.length + 1);
      line = line.slice(0, at) + randomText(r).slice(0, 5) + line.slice(at);
    }
    lines.push(line);
  }
  if (r() < 0.1) lines.push(deep(r));
  return lines.join(eol);
}

/** Parse `n` generated inputs; count throws, slow parses (over 2 s: hangs) and internal-error diagnostics. */
export function fuzzParser(n: number, seed: number): FuzzCounts {
  const r = seededRandom(seed);
  const c: FuzzCounts = { runs: 0, throws: 0, hangs: 0, internalErrors: 0, examples: [] };
  for (let i = 0; i < n; i++) {
    const text = r() < 0.2 ? randomText(r) : scriptShaped(r);
    const t0 = performance.now();
    try {
      const { diagnostics } = parse(text);
      const internal = diagnostics.find((d) => d.code === 'internal-error');
      if (internal) {
        c.internalErrors++;
        if (c.examples.length < 5)
          c.examples.push(`parser internal error: ${internal.message} in ${JSON.stringify(text)}`);
      }
    } catch (e) {
      c.throws++;
      if (c.examples.length < 5) c.examples.push(`parse threw ${String(e)} on ${JSON.stringify(text)}`);
    }
    if (performance.now() - t0 > 2000) {
      c.hangs++;
      if (c.examples.length < 5)
        c.examples.push(`parse took over 2 s on ${JSON.stringify(text.slice(0, 200))}`);
    }
    c.runs++;
  }
  return c;
}

const CLIENTS = ['Romeo', 'Juliet', "Nurse's phone"];
/** Texts valid in every generated script (the first client, Romeo, is always declared). */
const MOCK_TEXTS = TEXTS.filter((t) => t !== '${nobody}').map((t) => t.replace(']]>', ']]&gt;'));
const ROOMS = [
  'hall@conference.localhost',
  'crypt@conference.localhost',
  'conference.localhost',
  'nobody@localhost',
];

/** Attribute names that are JavaScript object members (each at most once) with hostile values. */
function attrs(r: Random): string {
  let s = '';
  for (const name of ATTR_NAMES.slice(0, 5)) if (r() < 0.3) s += ` ${name}="${pick(r, MOCK_TEXTS)}"`;
  return s;
}

function stanza(r: Random, client: string, receive: boolean): string {
  const room = pick(r, ROOMS);
  const nick = `${room}/${client.replace(/[^A-Za-z]/g, '')}`;
  const body = `<body>${pick(r, MOCK_TEXTS).replace('{scansion:any}', 'x')}</body>`;
  const depth = int(r, 40);
  const nested = '<x>'.repeat(depth) + '</x>'.repeat(depth);
  const id = receive ? "'{scansion:any}'" : `'i${int(r, 100)}'`;
  switch (int(r, 7)) {
    case 0:
      return `<presence to='${nick}'${attrs(r)}><x xmlns='http://jabber.org/protocol/muc'/></presence>`;
    case 1:
      return `<presence to='${nick}' type='unavailable'/>`;
    case 2:
      return `<message to='${room}' type='groupchat'${attrs(r)}>${body}${nested}</message>`;
    case 3:
      return `<message to='${nick}' type='chat'>${body}</message>`;
    case 4:
      return `<iq type='get' id=${id} to='${room}'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>`;
    case 5:
      return `<iq type='set' id=${id} to='${room}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>`;
    default:
      return `<iq type='get' id=${id}${attrs(r)}><ping xmlns='urn:xmpp:ping'/>${nested}</iq>`;
  }
}

/** A valid script: every client declared with jid and password, steps in a plausible order. */
export function mockScript(r: Random): string {
  const clients = CLIENTS.slice(0, 1 + int(r, CLIENTS.length));
  let s = '# fuzz\n';
  clients.forEach((c, i) => (s += `[Client] ${c}\n\tjid: user${i}@localhost\n\tpassword: pw\n`));
  s += '-----\n';
  const online = new Set<string>();
  const steps = 1 + int(r, 14);
  for (let i = 0; i < steps; i++) {
    const c = pick(r, clients);
    if (!online.has(c)) {
      s += `${c} connects\n`;
      online.add(c);
      continue;
    }
    const k = int(r, 10);
    if (k < 4) s += `${c} sends:\n\t${stanza(r, c, false)}\n`;
    else if (k < 7) s += `${c} receives:\n\t${stanza(r, c, true)}\n`;
    else if (k < 9) s += `${c} receives: nothing\n`;
    else {
      s += `${c} disconnects\n`;
      online.delete(c);
    }
  }
  return s;
}

/** Run `n` generated scripts against fresh in-process mocks; count throws, hangs and internal errors. */
export async function fuzzMock(n: number, seed: number, hangMs = 10_000): Promise<FuzzCounts> {
  const r = seededRandom(seed ^ 0x5eed);
  const c: FuzzCounts = { runs: 0, throws: 0, hangs: 0, internalErrors: 0, examples: [] };
  const note = (s: string) => void (c.examples.length < 5 && c.examples.push(s));
  for (let i = 0; i < n; i++) {
    const text = mockScript(r);
    const { script, diagnostics } = parse(text);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      c.internalErrors++;
      note(`generated script does not parse (${errors[0].message}):\n${text}`);
      continue;
    }
    const server = createMockServer({ random: seededRandom(seed + i) });
    const transport = createInProcessTransport(server);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const runner = createRunner({ script, transport, timeouts: { receiveMs: 200 } });
      const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), hangMs)));
      const result = await Promise.race([runner.start(), hang]);
      if (result === 'hang') {
        c.hangs++;
        note(`run did not finish in ${hangMs} ms:\n${text}`);
        await runner.stop();
      } else if (/internal error/.test(result.failure?.message ?? '')) {
        c.internalErrors++;
        note(`runner: ${result.failure?.message}\n${text}`);
      }
      const broken = server.diagnostics.find((d) => d.level === 'error' && d.code.endsWith('-exception'));
      if (broken) {
        c.internalErrors++;
        note(`mock: ${broken.code}: ${broken.message}\n${text}`);
      }
    } catch (e) {
      c.throws++;
      note(`run threw ${String(e)}:\n${text}`);
    } finally {
      clearTimeout(timer);
      await transport.dispose?.().catch(() => undefined);
    }
    c.runs++;
  }
  return c;
}

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--${name} needs a whole number (got '${args[i + 1]}')`);
  return v;
}

async function main(args: string[]): Promise<number> {
  const seed = flag(args, 'seed', 1);
  const line = (what: string, k: FuzzCounts, ms: number) =>
    console.log(
      `${what}: ${k.runs} runs in ${(ms / 1000).toFixed(1)} s: ${k.throws} throws, ${k.hangs} hangs, ${k.internalErrors} internal errors`,
    );
  let t = performance.now();
  const p = fuzzParser(flag(args, 'parser', 100_000), seed);
  line('parser', p, performance.now() - t);
  t = performance.now();
  const m = await fuzzMock(flag(args, 'mock', 10_000), seed);
  line('mock', m, performance.now() - t);
  for (const e of [...p.examples, ...m.examples]) console.log('\n' + e);
  const bad = p.throws + p.hangs + p.internalErrors + m.throws + m.hangs + m.internalErrors;
  return bad === 0 ? 0 : 1;
}

if (process.argv[1] && /fuzz-hostile\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(`fuzz-hostile: ${(e as Error)?.message ?? String(e)}`);
      process.exitCode = 2;
    },
  );
}
