// Global setup: starts the e2e suite's own Prosody (own dir and ports, see support/prosody.ts) for the
// real-server specs (without prosody installed they skip with a message), and the background
// `scs run --mock` whose verdicts muc-verdicts.spec.ts compares with the page's.
import fs from 'node:fs';
import { CHROMIUM_PATH } from './support/browser';
import { startScsRunJson } from './support/cli';
import { MUC_012_SCRIPTS, corpusFile, hasCorpusFile } from './support/paths';
import { PROSODY_ENV, PROSODY_WS_URL, prosodyInstalled, startProsody, launcherDir } from './support/prosody';

export default async function globalSetup(): Promise<() => void> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set SCS_CHROMIUM); never npx playwright install`,
    );
  }
  // muc-verdicts.spec.ts compares the page with `scs run --mock`: run the CLI once, in the background.
  const present = MUC_012_SCRIPTS.filter(hasCorpusFile);
  const stopCli = present.length ? startScsRunJson(['--mock'], present.map(corpusFile)) : () => {};
  startServer();
  // Returned: Playwright calls it as a teardown (the CLI normally finished long before).
  return stopCli;
}

function startServer(): void {
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
