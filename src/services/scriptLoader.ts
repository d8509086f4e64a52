// Script loading: files (open / drag and drop), URLs (?script=), share links (#s=), the gallery
// (?example=NAME) and downloads. Every failure becomes a sentence in the store's notice, never a throw.
import { normalizeLineEndings } from '../scansion/index';
import type { AppStore, ScriptSource } from '../store';
import { DEFAULT_FILE, DEFAULT_SCRIPT } from './defaultScript';
import { parseGalleryIndex, type GalleryEntry } from './gallery';
import { decodeShare } from './share';
import { cleanUrl, fileNameFromUrl, parseUrlRequest, type UrlRequest } from './urlParams';

/** Largest file the page opens (scripts are a few KB; this keeps a wrong file from freezing the tab). */
export const MAX_SCRIPT_BYTES = 2 * 1024 * 1024;
/** Largest `?script=` download (it is read as it arrives and abandoned past this). */
export const MAX_URL_SCRIPT_BYTES = 2 * 1024 * 1024;
/** A `?script=` download (or an example) that takes longer than this is abandoned. */
export const FETCH_TIMEOUT_MS = 15_000;

export interface ScriptLoaderDeps {
  store: AppStore;
  fetch?: typeof fetch;
  storage?: Storage;
  /** Base URL of the app (Vite's BASE_URL), for examples/. */
  baseUrl?: string;
  /** True when the saved documents were restored (then no default script is loaded). */
  restored?: () => boolean;
  fetchTimeoutMs?: number;
}

export type LoadOutcome = { ok: true } | { ok: false; message: string };

export interface ScriptLoader {
  loadText(text: string, fileName: string, source: ScriptSource): void;
  loadFile(file: File, source?: 'file' | 'drop'): Promise<LoadOutcome>;
  loadUrl(url: string): Promise<LoadOutcome>;
  loadShare(payload: string, fileName?: string): LoadOutcome;
  loadExample(name: string): Promise<LoadOutcome>;
  gallery(): Promise<GalleryEntry[]>;
  /**
   * First load of the page: a link (share, ?script=, ?example=) wins, then the autosave, then the first
   * gallery example, then the built-in script. Returns the parsed URL request (autorun, target).
   */
  initial(href: string): Promise<{ request: UrlRequest; cleanedHref: string | null }>;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createScriptLoader(deps: ScriptLoaderDeps): ScriptLoader {
  const { store } = deps;
  const doFetch = deps.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const baseUrl = deps.baseUrl ?? '/';
  let galleryCache: Promise<GalleryEntry[]> | null = null;

  const fail = (message: string): LoadOutcome => {
    store.getState().notify('error', message);
    return { ok: false, message };
  };

  // Every script opens as a document: in a new tab, or in the current one when that is untouched.
  const loadText = (text: string, fileName: string, source: ScriptSource) => {
    store.getState().openDocument({ text: normalizeLineEndings(text), fileName, source });
  };
  const timeoutMs = deps.fetchTimeoutMs ?? FETCH_TIMEOUT_MS;

  async function fetchText(url: string, what: string): Promise<string> {
    let res: Response;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    let body: string;
    try {
      try {
        res = await doFetch(url, { signal: abort.signal });
      } catch (err) {
        if (abort.signal.aborted) throw new Error(timeoutMessage(what, url, timeoutMs), { cause: err });
        throw new Error(`Could not fetch ${what} (${url}): ${messageOf(err)}`, { cause: err });
      }
      if (!res.ok) throw new Error(`Could not fetch ${what} (${url}): HTTP ${res.status}`);
      body = await readLimited(res, MAX_URL_SCRIPT_BYTES, abort.signal).catch((err: unknown) => {
        if (abort.signal.aborted) throw new Error(timeoutMessage(what, url, timeoutMs), { cause: err });
        if (err instanceof TooLarge) {
          throw new Error(
            `${what[0].toUpperCase()}${what.slice(1)} (${url}) is larger than ${MAX_URL_SCRIPT_BYTES / 1024 / 1024} MB: not opened.`,
            { cause: err },
          );
        }
        throw new Error(`Could not read ${what} (${url}): ${messageOf(err)}`, { cause: err });
      });
    } finally {
      clearTimeout(timer);
    }
    // Static servers with an SPA fallback answer a missing file with the page itself.
    if (/^\s*<!doctype html/i.test(body)) {
      throw new Error(`Could not fetch ${what} (${url}): not found (the server answered with an HTML page)`);
    }
    return body;
  }

  const loader: ScriptLoader = {
    loadText,

    async loadFile(file, source = 'file') {
      if (file.size > MAX_SCRIPT_BYTES) {
        return fail(`${file.name} is too large to be a script (${Math.round(file.size / 1024)} KB).`);
      }
      let text: string;
      try {
        text = await file.text();
      } catch (err) {
        return fail(`Could not read ${file.name}: ${messageOf(err)}`);
      }
      if (text.includes('\u0000')) return fail(`${file.name} is not a text file.`);
      loadText(text, file.name, source);
      store.getState().notify('info', `Opened ${file.name}`);
      return { ok: true };
    },

    async loadUrl(url) {
      let abs: string;
      try {
        abs = new URL(url, typeof location !== 'undefined' ? location.href : 'http://localhost/').toString();
      } catch {
        return fail(`Not a valid script URL: ${url}`);
      }
      const name = fileNameFromUrl(abs);
      store.getState().setLoading(name);
      try {
        const text = await fetchText(abs, 'the script');
        loadText(text, name, 'url');
        return { ok: true };
      } catch (err) {
        return fail(messageOf(err));
      } finally {
        store.getState().setLoading(null);
      }
    },

    loadShare(payload, fileName) {
      const d = decodeShare(payload);
      if (!d.ok) return fail(d.message);
      loadText(d.text, fileName || 'shared.scs', 'share');
      return { ok: true };
    },

    gallery() {
      if (!galleryCache) {
        galleryCache = fetchText(`${baseUrl}examples/index.json`, 'the examples list')
          .then((t) => {
            let data: unknown;
            try {
              data = JSON.parse(t);
            } catch {
              throw new Error('The examples list (examples/index.json) is not valid JSON.');
            }
            return parseGalleryIndex(data);
          })
          .catch((err) => {
            galleryCache = null;
            throw err;
          });
      }
      return galleryCache;
    },

    async loadExample(name) {
      let entries: GalleryEntry[];
      try {
        entries = await loader.gallery();
      } catch (err) {
        return fail(messageOf(err));
      }
      const entry = entries.find((e) => e.name === name);
      if (!entry) {
        return fail(
          `No example named "${name}". Examples: ${entries.map((e) => e.name).join(', ') || 'none'}.`,
        );
      }
      try {
        const text = await fetchText(`${baseUrl}examples/${entry.file}`, `example ${name}`);
        loadText(text, entry.file.split('/').pop() || `${name}.scs`, 'example');
        return { ok: true };
      } catch (err) {
        return fail(messageOf(err));
      }
    },

    async initial(href) {
      const nonceAtStart = store.getState().loadNonce;
      const request = parseUrlRequest(href);
      for (const p of request.problems) store.getState().notify('error', p);
      const hasLink = Boolean(request.share || request.scriptUrl || request.example);
      if (hasLink) {
        // The link's script opens as a document of its own (the user's open documents stay).
        let out: LoadOutcome;
        if (request.share) out = loader.loadShare(request.share, request.name);
        else if (request.scriptUrl) out = await loader.loadUrl(request.scriptUrl);
        else out = await loader.loadExample(request.example as string);
        if (out.ok) return { request, cleanedHref: cleanUrl(href) };
        request.autorun = false;
      }
      if (deps.restored?.()) return { request, cleanedHref: null };
      // Someone typed (or a script arrived) while the gallery loads: never overwrite it.
      const untouched = () => store.getState().text === '' && store.getState().loadNonce === nonceAtStart;
      try {
        const first = (await loader.gallery())[0];
        if (first) {
          const text = await fetchText(`${baseUrl}examples/${first.file}`, `example ${first.name}`);
          if (untouched()) loadText(text, first.file.split('/').pop() || `${first.name}.scs`, 'default');
          return { request, cleanedHref: null };
        }
      } catch {
        // fall through to the built-in script
      }
      if (untouched()) loadText(DEFAULT_SCRIPT, DEFAULT_FILE, 'default');
      return { request, cleanedHref: null };
    },
  };
  return loader;
}

function timeoutMessage(what: string, url: string, ms: number): string {
  return `Gave up fetching ${what} (${url}) after ${Math.round(ms / 1000)} s.`;
}

class TooLarge extends Error {}

/** The body as text, refused (and the download cancelled) as soon as it passes `max` bytes. */
async function readLimited(res: Response, max: number, signal: AbortSignal): Promise<string> {
  const declared = Number(res.headers?.get?.('content-length'));
  if (declared > max) throw new TooLarge();
  if (!res.body || typeof res.body.getReader !== 'function') {
    const t = await res.text();
    if (t.length > max) throw new TooLarge();
    return t;
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let out = '';
  for (;;) {
    if (signal.aborted) {
      void reader.cancel();
      throw new Error('aborted');
    }
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel();
      throw new TooLarge();
    }
    out += decoder.decode(value, { stream: true });
  }
  return out + decoder.decode();
}

/** Saves text as a file through a temporary link. */
export function downloadText(fileName: string, text: string, type = 'text/plain;charset=utf-8'): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves a script as a `.scs` file. */
export function downloadScript(text: string, fileName: string): void {
  downloadText(/\.scs$/i.test(fileName) ? fileName : `${fileName || 'script'}.scs`, text);
}
