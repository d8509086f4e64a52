// What to do about a run that could not reach its server: shown once, under the run status.
import { DEFAULT_WS_URL } from '../store/settingsSlice';

/** A hint for a refused connection's message, or null for any other message. */
export function connectHint(message: string | null | undefined): string | null {
  if (!message || !/could not connect: cannot connect to /.test(message)) return null;
  return `Is the server running? \`npm run prosody\` starts a local Prosody at ${DEFAULT_WS_URL}; or pick the mock server.`;
}
