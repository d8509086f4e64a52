// Every iq the fuzzer can send (each namespace of IQ_NS, get and set) to every addressee, on Prosody and
// on the mock side by side, after one prologue (client 0 makes room 0 and unlocks it, client 1 joins;
// room 1 does not exist); the differences after normalisation are printed, one line each:
//   npx tsx tests/tools/fuzz-mock/iq-matrix.ts [--admin] [--prologue open|locked|none] [--only NS]
//     [--passes N]
// `--admin`: client 0 is the service admin (admin@localhost). Prosody is its own (temporary dir,
// OS-given ports) and stops when the tool exits. A systematic sweep of one class of the fuzzer's flows.
import type { Element } from 'ltx';
import { createNodeTransport } from '../../../src/runner/transports/node';
import { createInProcessTransport } from '../../../src/mock/index';
import { startTestProsody } from '../../conformance-prosody';
import { openSide, type FlowSide } from './driver';
import { flowNames, IQ_NS, ODD, prologueOf, type Action, type Addr } from './flows';
import { label, render } from './render';
import { normaliseStanzas } from './normalise';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
};

const ADDRS: Addr[] = [
  { k: 'server' },
  { k: 'service' },
  { k: 'room', r: 0 },
  { k: 'room', r: 1 },
  { k: 'self', r: 0 },
  { k: 'occ', r: 0, n: 1 },
  { k: 'occ', r: 0, n: 3 },
  { k: 'user', c: 0, full: false },
  { k: 'user', c: 1, full: false },
  { k: 'user', c: 1, full: true },
  { k: 'user', c: 2, full: true },
  // `a@` (ODD[1]) is left out: @xmpp/client cannot parse the answer's `from` (CORE-ERR-3).
  ...ODD.map((_, v) => ({ k: 'odd' as const, v })).filter((a) => a.v !== 1),
];

async function main(): Promise<void> {
  const admin = process.argv.includes('--admin');
  const only = arg('only');
  const tag = `m${Date.now() % 1_000_000}x`;
  const names = flowNames(tag, 3, admin ? 'admin@localhost' : undefined);
  const prologue = prologueOf((arg('prologue') ?? 'open') as 'open', 3);
  const steps: Action[] = [...prologue];
  // `--passes 2`: the sweep again, after what the first pass stored (vCards, archives, private XML).
  for (let pass = 0; pass < Number(arg('passes') ?? 1); pass++)
    for (const c of [0, 1])
      for (const to of ADDRS)
        for (const [ns, [, xmlns]] of IQ_NS.entries())
          if (only === undefined || xmlns.includes(only))
            for (const type of ['get', 'set'] as const) steps.push({ t: 'iq', c, to, type, ns });
  const url = (await startTestProsody('mock-iq-matrix')).wsUrl;
  const clients = names.users.map((jid, i) => ({ jid, resource: names.resources[i] }));
  const sides: FlowSide[] = [
    await openSide(createNodeTransport(url), clients),
    await openSide(createInProcessTransport(), clients),
  ];
  const sent = new Set<string>();
  let differences = 0;
  for (const [k, a] of steps.entries()) {
    const id = `s${k}`;
    sent.add(id);
    const stanza: Element = render(a, names, id);
    const [p, m] = [await sides[0].step(a.c, stanza), await sides[1].step(a.c, stanza)];
    for (let c = 0; c < clients.length; c++) {
      const show = (r: typeof p) => {
        const got = r.find((x) => x.client === c);
        if (!got) return ['(not connected)'];
        const out = normaliseStanzas(got.stanzas, sent, tag);
        if (got.closed) out.push('(closed)');
        if (got.stalled) out.push('(stalled)');
        return out;
      };
      const [ps, ms] = [show(p), show(m)];
      if (ps.join('\n') !== ms.join('\n')) {
        differences++;
        console.log(
          `${label(a)} client ${c}\n  prosody ${ps.join('\n          ')}\n  mock    ${ms.join('\n          ')}`,
        );
      }
    }
  }
  console.log(`${steps.length} steps, ${differences} differences`);
  await Promise.all(sides.map((s) => s.close()));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
