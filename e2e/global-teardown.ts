// Stops the Prosody that global setup started (by its pid file in its own dir; quiet if none runs), then
// removes the temporary directories this run made (the Prosody's and the served copy of dist/).
import fs from 'node:fs';
import { ownedDir } from './support/ports';
import { prosodyInstalled, stopProsody } from './support/prosody';

export default async function globalTeardown(): Promise<void> {
  if (prosodyInstalled()) {
    try {
      stopProsody();
    } catch (err) {
      console.log(`[e2e] stopping prosody: ${(err as Error).message}`);
    }
  }
  for (const env of ['SCS_E2E_PROSODY_DIR', 'SCS_E2E_SERVED_DIR']) {
    const dir = ownedDir(env);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
