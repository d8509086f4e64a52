// Captures the recorder's fixtures from a real Prosody: each MUC flow of src/services/liveFlows.ts driven
// through a live session (a clean server per flow), its transcript written to
// src/scansion/fixtures/record/<flow>.json; then one flow on a Prosody with mod_scansion_record, its
// recording written to src/scansion/fixtures/record/mod_scansion_record.scs.
//
//   SCS_PROSODY_DIR=/tmp/scs-live-capture SCS_PROSODY_PORT=6820 SCS_PROSODY_C2S_PORT=6821 \
//     npx tsx tests/tools/live-capture.ts
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createNodeTransport } from '../../src/runner/transports/node';
import { createLiveSession } from '../../src/services/liveSession';
import { LIVE_FLOWS } from '../../src/services/liveFlows';
import { repoRoot, testProsody } from '../conformance-prosody';

const dir = process.env.SCS_PROSODY_DIR ?? '/tmp/scs-live-capture';
const port = Number(process.env.SCS_PROSODY_PORT ?? 6820);
const c2sPort = Number(process.env.SCS_PROSODY_C2S_PORT ?? 6821);
const out = path.join(repoRoot, 'src/scansion/fixtures/record');
mkdirSync(out, { recursive: true });

const prosody = testProsody({ dir, port, c2sPort });
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
const recDir = `${dir}-rec`;
process.env.SCS_PROSODY_RECORD = '1';
rmSync(path.join(recDir, 'data/scansion'), { recursive: true, force: true });
const rec = testProsody({ dir: recDir, port, c2sPort });
rec.restart();
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
