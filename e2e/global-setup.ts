// Global setup: checks for Chromium and starts the background `scs run --mock` whose verdicts
// muc-verdicts.spec.ts compares with the page's. The real-server specs start their Prosody themselves
// (one per worker: the `prosody` fixture of support/test.ts).
import fs from 'node:fs';
import { CHROMIUM_PATH } from './support/browser';
import { startScsRunJson } from './support/cli';
import { MUC_012_SCRIPTS, corpusFile, hasCorpusFile } from './support/paths';

export default async function globalSetup(): Promise<() => void> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}: apt-get install -y chromium (or set SCS_CHROMIUM); never npx playwright install`,
    );
  }
  // muc-verdicts.spec.ts compares the page with `scs run --mock`: run the CLI once, in the background.
  const present = MUC_012_SCRIPTS.filter(hasCorpusFile);
  const stopCli = present.length ? startScsRunJson(['--mock'], present.map(corpusFile)) : () => {};
  // Returned: Playwright calls it as a teardown (the CLI normally finished long before).
  return stopCli;
}
