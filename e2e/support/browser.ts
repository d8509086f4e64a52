// One place for how Playwright launches Chromium here: Debian's /usr/bin/chromium (never a downloaded
// browser) with the switches that keep it quiet and off the internet. Shared by both Playwright configs.
import type { LaunchOptions } from '@playwright/test';

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

/** The preview server of the playground's own e2e suite. */
export const E2E_PORT = Number(process.env.SCS_E2E_PORT) || 4399;
/** The preview server of `npm run e2e:scripts` (its own port, so both can run at once). */
export const E2E_SCRIPTS_PORT = Number(process.env.SCS_E2E_SCRIPTS_PORT) || 4398;
