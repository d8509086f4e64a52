// Captures the recorder's fixtures from a real Prosody: each MUC flow of src/services/liveFlows.ts driven
// through a live session (a clean server per flow), its transcript written to
// src/scansion/fixtures/record/<flow>.json; then one flow on a Prosody with mod_scansion_record, its
// recording written to src/scansion/fixtures/record/mod_scansion_record.scs.
//
//   npx tsx tests/tools/live-capture.ts
// Each Prosody gets its own temporary dir and OS-given ports and is stopped at the end.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeTransport } from '../../src/runner/transports/node';
import { createLiveSession } from '../../src/services/liveSession';
import { LIVE_FLOWS } from '../../src/services/liveFlows';
import { repoRoot, startTestProsody } from '../conformance-prosody';

const out = path.join(repoRoot, 'src/scansion/fixtures/record');
mkdirSync(out, { recursive: true });

const prosody = await startTestProsody('live-capture');
for (const flow of LIVE_FLOWS) {
  prosody.restart();
  const live = createLiveSession({ transport: createNodeTransport(prosody.wsUrl) });
  await flow.drive(live, `${flow.name}@conference.localhost`);
  await live.idle(500);
  const transcript = live.transcript(flow.title);
  await live.dispose();
  writeFileSync(path.join(out, `${flow.name}.json`), JSON.stringify(transcript, null, 2) + '\n');
  console.log(`${flow.name}: ${transcript.entries.length} entries`);
}
prosody.stop();

// A mod_scansion_record recording of the kick flow: the module writes it when the server stops.
process.env.SCS_PROSODY_RECORD = '1';
const rec = await startTestProsody('live-capture-rec', { keepDir: true });
const recDir = rec.dir;
const live = createLiveSession({ transport: createNodeTransport(rec.wsUrl) });
const kick = LIVE_FLOWS.find((f) => f.name === 'kick')!;
await kick.drive(live, 'recorded@conference.localhost');
await live.idle(500);
await live.dispose();
rec.stop();
const scansionDir = path.join(recDir, 'data/scansion');
// One recording per virtual host: the one of `localhost` is the largest.
const newest = readdirSync(scansionDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.scs'))
  .map((f) => path.join(scansionDir, f))
  .sort((a, b) => statSync(b).size - statSync(a).size)[0];
if (!newest) throw new Error(`no recording in ${scansionDir}`);
writeFileSync(path.join(out, 'mod_scansion_record.scs'), readFileSync(newest, 'utf8'));
console.log(`recording: ${newest}`);
rmSync(recDir, { recursive: true, force: true });
