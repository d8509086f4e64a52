// JIDs as the mock core needs them (RFC 7622, simplified): split, bare, and a validity check good enough
// to answer `jid-malformed` where Prosody does (e.g. `a@b@c`). Local part and domain are case-folded as
// nodeprep/nameprep would for ASCII; the resource is kept as written.

export interface Jid {
  local?: string;
  domain: string;
  resource?: string;
  /** bareOf / fullOf, precomputed by parseJid (routing asks for them on every delivery). */
  readonly bare?: string;
  readonly full?: string;
}

const cache = new Map<string, Jid | null>();
const CACHE_LIMIT = 10_000;

/**
 * Parse and normalise a JID; undefined when it is malformed. Results are cached (JIDs repeat a lot in
 * MUC fan-out) and frozen: callers must not change them.
 */
export function parseJid(text: string): Jid | undefined {
  const hit = cache.get(text);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  if (typeof text === 'string') cache.set(text, parsed ? Object.freeze(parsed) : null);
  return parsed;
}

function parseUncached(text: string): Jid | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  const slash = text.indexOf('/');
  const bare = slash === -1 ? text : text.slice(0, slash);
  const resource = slash === -1 ? undefined : text.slice(slash + 1);
  if (resource !== undefined && resource.length === 0) return undefined;
  const parts = bare.split('@');
  if (parts.length > 2) return undefined;
  const [local, written] = parts.length === 2 ? parts : [undefined, parts[0]];
  // CORE-JID-1: an empty root label (`localhost.`) is stripped, as Prosody's jid.prep does.
  const domain = written.length > 1 && written.endsWith('.') ? written.slice(0, -1) : written;
  if (local !== undefined && (local.length === 0 || /[\s"&'/:<>]/.test(local))) return undefined;
  if (!domain || /[\s@/]/.test(domain) || domain.startsWith('.') || domain.endsWith('.')) return undefined;
  // CORE-JID-2: each part is at most 1023 bytes (RFC 7622 §3.1).
  if (tooLong(local) || tooLong(domain) || tooLong(resource)) return undefined;
  const parts2 = { local: local?.toLowerCase(), domain: domain.toLowerCase(), resource };
  const bareJid = bareOf(parts2);
  // The normalised full JID is the text itself when nothing was case-folded: reuse that string (its hash
  // is already computed when it is a Map key).
  const full = resource === undefined ? bareJid : `${bareJid}/${resource}`;
  return { ...parts2, bare: bareJid, full: full === text ? text : full };
}

const MAX_PART_BYTES = 1023;
const utf8 = new TextEncoder();

function tooLong(part: string | undefined): boolean {
  if (part === undefined || part.length <= MAX_PART_BYTES / 3) return false;
  return utf8.encode(part).length > MAX_PART_BYTES;
}

export function bareOf(jid: Jid): string {
  if (jid.bare !== undefined) return jid.bare;
  return jid.local === undefined ? jid.domain : `${jid.local}@${jid.domain}`;
}

export function fullOf(jid: Jid): string {
  if (jid.full !== undefined) return jid.full;
  return jid.resource === undefined ? bareOf(jid) : `${bareOf(jid)}/${jid.resource}`;
}

/** Bare JID of a JID string as written (no validation); '' for ''. */
export function bareString(jid: string): string {
  const slash = jid.indexOf('/');
  return slash === -1 ? jid : jid.slice(0, slash);
}
