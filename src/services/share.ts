// Share links: the script travels in the URL fragment, lz-string compressed (URI-safe alphabet).
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/** Longest script a share link carries (a URL of a few hundred KB is too long for many tools). */
export const MAX_SHARE_CHARS = 200_000;

export function encodeShare(text: string): string {
  return compressToEncodedURIComponent(text);
}

export type Decoded = { ok: true; text: string } | { ok: false; message: string };

export function decodeShare(payload: string): Decoded {
  if (!payload) return { ok: false, message: 'The share link carries no script.' };
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  if (text === null || (text === '' && payload.length > 0)) {
    return { ok: false, message: 'The share link is damaged: its script could not be decompressed.' };
  }
  return { ok: true, text };
}

/** A link that opens `text` (and its file name) ready to run. */
export function buildShareLink(base: string, text: string, fileName?: string): string {
  const url = new URL(base);
  url.search = '';
  if (fileName && fileName !== 'untitled.scs') url.searchParams.set('name', fileName);
  url.hash = `s=${encodeShare(text)}`;
  return url.toString();
}
