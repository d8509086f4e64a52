// Share links: the script travels in the URL fragment, lz-string compressed (URI-safe alphabet).
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import type { LinkTimeouts, Target } from '../store';

/** Longest script a share link carries (a URL of a few hundred KB is too long for many tools). */
export const MAX_SHARE_CHARS = 200_000;
/** Longest compressed payload the page accepts from a link. */
export const MAX_SHARE_PAYLOAD_CHARS = 100_000;
/** Longest script a link may inflate to (a tiny link can inflate to many MB). */
export const MAX_SHARE_INFLATED_CHARS = 1_000_000;

export function encodeShare(text: string): string {
  return compressToEncodedURIComponent(text);
}

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

export function decodeShare(payload: string): Decoded {
  if (!payload) return { ok: false, message: 'The share link carries no script.' };
  if (payload.length > MAX_SHARE_PAYLOAD_CHARS) {
    return {
      ok: false,
      message: `The share link is too long (${payload.length.toLocaleString('en')} characters; at most ${MAX_SHARE_PAYLOAD_CHARS.toLocaleString('en')}): not opened.`,
    };
  }
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  if (text === null || (text === '' && payload.length > 0)) {
    return { ok: false, message: 'The share link is damaged: its script could not be decompressed.' };
  }
  if (text.length > MAX_SHARE_INFLATED_CHARS) {
    return {
      ok: false,
      message: `The share link's script is too large (${text.length.toLocaleString('en')} characters; at most ${MAX_SHARE_INFLATED_CHARS.toLocaleString('en')}): not opened.`,
    };
  }
  return { ok: true, text };
}

/**
 * A link that opens `text` (and its file name) ready to run, with the target and the runner's timeouts
 * it ran with (the page that opens it asks before using a non-mock target, and saves neither).
 */
export function buildShareLink(
  base: string,
  text: string,
  fileName?: string,
  extra: { target?: Target; timeouts?: LinkTimeouts } = {},
): string {
  const url = new URL(base);
  url.search = '';
  if (fileName && fileName !== 'untitled.scs') url.searchParams.set('name', fileName);
  const hash = new URLSearchParams();
  if (extra.target) hash.set('target', extra.target.kind === 'mock' ? 'mock' : extra.target.url);
  const t = extra.timeouts;
  if (t && (t.receiveMs || t.nothingMs || t.connectMs)) {
    hash.set('timeouts', [t.receiveMs, t.nothingMs, t.connectMs].map((n) => n ?? '').join(','));
  }
  // The script goes last and unescaped by URLSearchParams (lz-string's alphabet is already URI-safe).
  const head = hash.toString();
  url.hash = `${head ? `${head}&` : ''}s=${encodeShare(text)}`;
  return url.toString();
}
