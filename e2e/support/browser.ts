// One place for how Playwright launches Chromium here: Debian's /usr/bin/chromium (never a downloaded
// browser) with the switches that keep it quiet and off the internet. Shared by both Playwright configs.
import type { LaunchOptions } from '@playwright/test';
import { e2eDir, e2ePort } from './ports';

export const CHROMIUM_PATH = process.env.SCS_CHROMIUM || '/usr/bin/chromium';

export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: [
    '--no-sandbox', // we run as root in CI containers
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

/** The preview server of the playground's own e2e suite: SCS_E2E_PORT, else a free port. */
export const e2ePreviewPort = (): number => e2ePort('SCS_E2E_PORT');
/** The preview server of `npm run e2e:scripts` (its own port, so both can run at once). */
export const e2eScriptsPort = (): number => e2ePort('SCS_E2E_SCRIPTS_PORT');
/** The private copy of dist/ a preview server serves (see snapshot-dist.mjs): a fresh temp dir. */
export const servedDistDir = (envName: string): string => `${e2eDir(envName, 'e2e-dist')}/dist`;
