// The shape of a live session's transcript: what the recorder (record.ts) turns into a script. Pure data,
// JSON-able, so transcripts captured from a real server can be kept as test fixtures.

export interface TranscriptClient {
  /** Script name, e.g. "Romeo". */
  name: string;
  /** The JID as declared (bare, or full when the user asked for a resource). */
  jid: string;
  password: string;
}

export type TranscriptEntry =
  /** The client's session came online with this full JID. */
  | { kind: 'connect'; client: string; fullJid: string }
  | { kind: 'disconnect'; client: string }
  /** A stanza the user typed, as typed. */
  | { kind: 'send'; client: string; xml: string }
  /**
   * A stanza the server sent the client. `burst` numbers the user action (connect, send, disconnect)
   * after which it arrived: stanzas of one burst are what one action caused.
   */
  | { kind: 'receive'; client: string; xml: string; burst: number }
  /** The user marked that the client should receive nothing more at this point. */
  | { kind: 'quiet'; client: string }
  /** A note the user wants kept as a comment in the script. */
  | { kind: 'comment'; text: string };

export interface Transcript {
  title?: string;
  clients: TranscriptClient[];
  entries: TranscriptEntry[];
}

/** Checks a value read from outside (a fixture, a file) is a Transcript; returns a located message if not. */
export function validateTranscript(
  value: unknown,
): { ok: true; transcript: Transcript } | { ok: false; error: string } {
  if (!value || typeof value !== 'object') return { ok: false, error: 'a transcript must be an object' };
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.clients)) return { ok: false, error: 'transcript.clients must be an array' };
  if (!Array.isArray(v.entries)) return { ok: false, error: 'transcript.entries must be an array' };
  for (const [i, c] of v.clients.entries()) {
    const o = c as Record<string, unknown>;
    if (!o || typeof o.name !== 'string' || typeof o.jid !== 'string' || typeof o.password !== 'string')
      return { ok: false, error: `transcript.clients[${i}] needs string name, jid and password` };
  }
  const kinds = new Set(['connect', 'disconnect', 'send', 'receive', 'quiet', 'comment']);
  for (const [i, e] of v.entries.entries()) {
    const o = e as Record<string, unknown>;
    if (!o || typeof o.kind !== 'string' || !kinds.has(o.kind))
      return { ok: false, error: `transcript.entries[${i}]: unknown kind` };
    if (o.kind !== 'comment' && typeof o.client !== 'string')
      return { ok: false, error: `transcript.entries[${i}]: client must be a string` };
    if ((o.kind === 'send' || o.kind === 'receive') && typeof o.xml !== 'string')
      return { ok: false, error: `transcript.entries[${i}]: xml must be a string` };
  }
  return { ok: true, transcript: value as Transcript };
}
