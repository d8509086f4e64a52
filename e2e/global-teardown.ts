// Stops the Prosody that global setup started (by its pid file in its own dir; quiet if none runs).
import { prosodyInstalled, stopProsody } from './support/prosody';

export default async function globalTeardown(): Promise<void> {
  if (!prosodyInstalled()) return;
  try {
    stopProsody();
  } catch (err) {
    console.log(`[e2e] stopping prosody: ${(err as Error).message}`);
  }
}
