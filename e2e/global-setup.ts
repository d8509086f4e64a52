// Starts the e2e suite's own Prosody (own dir and ports, see support/prosody.ts) for the real-server
// specs. Without prosody installed the suite still runs: those specs skip with a message.
import { PROSODY_ENV, PROSODY_WS_URL, prosodyInstalled, startProsody, launcherDir } from './support/prosody';

export default async function globalSetup(): Promise<void> {
  if (!prosodyInstalled()) {
    process.env.SCS_E2E_PROSODY = 'missing';
    console.log('[e2e] prosody is not installed: real-server specs will be skipped');
    return;
  }
  try {
    const out = startProsody().trim();
    process.env.SCS_E2E_PROSODY = 'up';
    console.log(`[e2e] ${out} (launcher ${launcherDir()}, dir ${PROSODY_ENV.SCS_PROSODY_DIR})`);
  } catch (err) {
    process.env.SCS_E2E_PROSODY = 'failed';
    console.log(`[e2e] could not start prosody for ${PROSODY_WS_URL}: ${(err as Error).message}`);
  }
}
