// The page's URL parameters (see UI-CONTRACT.md): ?example=NAME, ?script=URL, #s= or ?s= (share),
// &name=FILE, &target=mock|ws://…, &timeouts=RECEIVE,NOTHING,CONNECT (ms), &autorun=1.
import type { LinkTimeouts, Target } from '../store';

/** Longest timeout a link may ask for (ms): one hour. */
export const MAX_LINK_TIMEOUT_MS = 3_600_000;

export interface UrlRequest {
  share?: string;
  scriptUrl?: string;
  example?: string;
  name?: string;
  target?: Target;
  timeouts?: LinkTimeouts;
  autorun: boolean;
  /** Problems with the parameters themselves, in words. */
  problems: string[];
}

export function parseUrlRequest(href: string): UrlRequest {
  const url = new URL(href);
  const q = url.searchParams;
  const hash = new URLSearchParams(url.hash.startsWith('#') ? url.hash.slice(1) : url.hash);
  const out: UrlRequest = { autorun: false, problems: [] };
  const share = hash.get('s') ?? q.get('s');
  if (share) out.share = share;
  const script = q.get('script');
  if (script) out.scriptUrl = script;
  const example = q.get('example');
  if (example) out.example = example;
  const name = q.get('name');
  if (name) out.name = name;
  const target = q.get('target') ?? hash.get('target');
  if (target) {
    if (target === 'mock') out.target = { kind: 'mock' };
    else if (/^wss?:\/\//i.test(target)) out.target = { kind: 'ws', url: target };
    else out.problems.push(`target must be "mock" or a ws:// URL (got "${target}").`);
  }
  const timeouts = q.get('timeouts') ?? hash.get('timeouts');
  if (timeouts) {
    const parts = timeouts.split(',').map((x) => (x.trim() === '' ? undefined : Number(x)));
    const bad =
      parts.length > 3 ||
      parts.some((n) => n !== undefined && !(Number.isInteger(n) && n > 0 && n <= MAX_LINK_TIMEOUT_MS));
    if (bad) {
      out.problems.push(
        `timeouts must be up to three whole numbers of milliseconds (receive,nothing,connect), each at most ${MAX_LINK_TIMEOUT_MS} (got "${timeouts}").`,
      );
    } else {
      const [receiveMs, nothingMs, connectMs] = parts;
      out.timeouts = { receiveMs, nothingMs, connectMs };
    }
  }
  const autorun = q.get('autorun') ?? hash.get('autorun');
  out.autorun = autorun === '1' || autorun === 'true';
  return out;
}

/** The same URL without the one-shot parameters, so a reload restores the autosave, not the link. */
export function cleanUrl(href: string): string {
  const url = new URL(href);
  for (const k of ['s', 'script', 'example', 'name', 'autorun', 'target', 'timeouts'])
    url.searchParams.delete(k);
  const hash = new URLSearchParams(url.hash.startsWith('#') ? url.hash.slice(1) : url.hash);
  for (const k of ['s', 'autorun', 'target', 'timeouts']) hash.delete(k);
  const h = hash.toString();
  url.hash = h ? `#${h}` : '';
  return url.toString();
}

/** The last path segment of a URL, as a file name. */
export function fileNameFromUrl(u: string): string {
  try {
    const seg = new URL(u, 'http://x/').pathname.split('/').filter(Boolean).pop();
    return seg ? decodeURIComponent(seg) : 'script.scs';
  } catch {
    return 'script.scs';
  }
}
