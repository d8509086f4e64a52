// Capture the stanzas each client receives while a corpus script runs on a real Prosody, with each
// client's bound full JID, into a JSON fixture (the generaliser's unit tests read it).
//
//   npx tsx tests/tools/capture-received.ts OUT.json NAME.scs...
// NAME is looked up in ../shared/corpus/prosody-0.12/. Prosody (its own temporary dir and free ports,
// stopped at exit) is restarted (clean) before each script.
import { readFileSync, writeFileSync } from 'node:fs';
import { cleanToolProsody } from '../support/prosody';
import path from 'node:path';
import { parse } from '../../src/scansion/index';
import { createRunner } from '../../src/runner/index';
import { createNodeTransport } from '../../src/runner/transports/node';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const corpus = path.resolve(repoRoot, '../shared/corpus/prosody-0.12');

interface Captured {
  script: string;
  verdict: string;
  clients: Array<{ name: string; fullJid: string }>;
  received: Array<{ client: string; xml: string }>;
}

async function capture(name: string): Promise<Captured> {
  const url = await cleanToolProsody('capture-received');
  const { script } = parse(readFileSync(path.join(corpus, name), 'utf8'));
  const runner = createRunner({
    script,
    transport: createNodeTransport(url),
  });
  const clients: Captured['clients'] = [];
  const received: Captured['received'] = [];
  runner.on((e) => {
    if (e.type === 'connection' && e.state === 'online' && e.jid)
      clients.push({ name: e.client, fullJid: e.jid });
    if (e.type === 'stanza' && e.direction === 'in' && !e.adHoc)
      received.push({ client: e.client, xml: e.xml });
  });
  const result = await runner.start();
  return { script: name, verdict: result.verdict, clients, received };
}

const [out, ...names] = process.argv.slice(2);
if (!out || names.length === 0) {
  console.error('usage: capture-received.ts OUT.json NAME.scs...');
  process.exit(2);
}
const all: Captured[] = [];
for (const n of names) {
  const c = await capture(n);
  console.error(`${n}: ${c.verdict}, ${c.clients.length} clients, ${c.received.length} stanzas`);
  all.push(c);
}
writeFileSync(out, JSON.stringify({ server: 'Prosody 0.12', scripts: all }, null, 1) + '\n');
