// Hand-written steps side by side on Prosody and the mock, for writing a rule's evidence:
//   npx tsx tests/tools/fuzz-mock/probe.ts steps.json     ([[client, "<xml with TAG/>"], ...])
// TAG becomes a fresh prefix (unique rooms and users); three clients TAGu0..2@localhost/r. Prosody is
// its own (temporary dir, OS-given ports) and stops when the probe exits.
import { readFileSync } from 'node:fs';
import { parse } from 'ltx';
import { createNodeTransport } from '../../../src/runner/transports/node';
import { createInProcessTransport } from '../../../src/mock/index';
import { startTestProsody } from '../../conformance-prosody';
import { openSide } from './driver';

async function main(): Promise<void> {
  const tag = `p${Date.now() % 1_000_000}`;
  const steps = JSON.parse(readFileSync(process.argv[2], 'utf8').replaceAll('TAG', tag)) as Array<
    [number, string]
  >;
  // A Prosody of the probe's own (temporary dir, OS-given ports), stopped at exit.
  const url = (await startTestProsody('mock-probe')).wsUrl;
  for (const which of ['prosody', 'mock']) {
    const t = which === 'prosody' ? createNodeTransport(url) : createInProcessTransport();
    const side = await openSide(
      t,
      [0, 1, 2].map((i) => ({ jid: `${tag}u${i}@localhost`, resource: 'r' })),
    );
    console.log(`== ${which}`);
    for (const [c, xml] of steps) {
      const out = await side.step(c, parse(xml));
      console.log(`${c} sends ${xml}`);
      for (const r of out) {
        for (const s of r.stanzas) console.log(`   ${r.client} <- ${s.toString()}`);
        if (r.closed) console.log(`   ${r.client} closed: ${r.closed}`);
        if (r.stalled) console.log(`   ${r.client} stalled`);
      }
    }
    await side.close();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
