// Verdicts of scripts through the project's runner on the mock and on Prosody (mock-muc helper tool).
//   npx tsx tests/tools/muc-verdicts.ts [--no-prosody] <file.scs>...
// Prosody: its own temporary dir and free ports, restarted clean per script, stopped at exit.
import { readFileSync } from 'node:fs';
import { cleanToolProsody } from '../support/prosody';
import path from 'node:path';
import { parse } from '../../src/scansion/index';
import { createRunner } from '../../src/runner/index';
import type { Transport } from '../../src/runner/transport';
import { createInProcessTransport } from '../../src/mock/index';
import { createNodeTransport } from '../../src/runner/transports/node';

async function run(file: string, transport: Transport) {
  const { script } = parse(readFileSync(file, 'utf8'));
  const runner = createRunner({ script, transport, timeouts: { nothingMs: 500, receiveMs: 3000 } });
  try {
    return await runner.start();
  } finally {
    await transport.dispose?.();
  }
}

const args = process.argv.slice(2);
const noProsody = args[0] === '--no-prosody';
for (const file of noProsody ? args.slice(1) : args) {
  const t0 = performance.now();
  const m = await run(file, createInProcessTransport());
  const tm = performance.now() - t0;
  let p = '';
  if (!noProsody) {
    const url = await cleanToolProsody('muc-verdicts');
    const t1 = performance.now();
    const r = await run(file, createNodeTransport(url));
    p = `prosody=${r.verdict}@${r.failure?.line ?? '-'} (${(performance.now() - t1).toFixed(0)}ms)`;
  }
  console.log(
    `${path.basename(file)} mock=${m.verdict}@${m.failure?.line ?? '-'} (${tm.toFixed(0)}ms) ${p} ${m.failure ? '| ' + m.failure.message.slice(0, 160) : ''}`,
  );
}
process.exit(0);
