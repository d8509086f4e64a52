// The e2e suite's Prosody: one per Playwright worker (the `prosody` worker fixture in ./test.ts), started
// when a test of that worker first asks for it, on its own temporary directory and OS-given ports, and
// stopped when the worker ends. Tests of one worker run one at a time, so a spec may restart it (a clean
// server) or stop it mid-run without disturbing a spec in another worker. The harness is the one of the
// Node test suites (tests/support/prosody.ts).
import { prosodyInstalled } from '../../tests/support/prosody';

export { prosodyInstalled, startTestProsody, type TestProsody } from '../../tests/support/prosody';

export const PROSODY_MISSING =
  'prosody is not installed (Debian: apt-get install -y prosody): real-server spec skipped';

/**
 * Whether a real-server spec is skipped: on a developer's machine without Prosody. With CI set it runs,
 * and the fixture's start fails it loudly, so a broken CI machine cannot pass by skipping.
 */
export const skipWithoutProsody = (): boolean => !prosodyInstalled() && !process.env.CI;

/** Is this Prosody answering on its WebSocket port? */
export async function prosodyUp(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/xmpp-websocket`);
    return res.status < 500;
  } catch {
    return false;
  }
}
