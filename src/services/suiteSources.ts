// Where suite scripts come from: picked files, a picked or dropped folder, a directory picker's handles,
// the gallery, a list of URLs. Each becomes a SuiteEntry (or a located error sentence); nothing throws.
import { parse } from '../scansion';
import type { SuiteEntry, SuiteOrigin } from '../store';
import { parseGalleryIndex } from './gallery';

/** Largest script a suite opens. */
export const MAX_SUITE_SCRIPT_BYTES = 2 * 1024 * 1024;

/** Something that can be read again later (watch mode): a FileSystemFileHandle or a stand-in. */
export interface FileSource {
  getFile(): Promise<File>;
}

export interface Loaded {
  entries: SuiteEntry[];
  /** Handles of picked files, by entry id, for watch mode. */
  handles: Map<string, FileSource>;
  errors: string[];
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const isScs = (name: string) => /\.scs$/i.test(name);

export function makeEntry(id: string, text: string, origin: SuiteOrigin, lastModified?: number): SuiteEntry {
  const clean = text.replace(/\r\n?/g, '\n');
  let tags: string[];
  try {
    tags = parse(clean)
      .script.metadata.tags.map((t) => t.trim())
      .filter(Boolean);
  } catch {
    tags = [];
  }
  return { id, name: id, text: clean, tags, origin, status: 'idle', runs: 0, lastModified };
}

async function readScript(file: File, id: string): Promise<string> {
  if (file.size > MAX_SUITE_SCRIPT_BYTES)
    throw new Error(`${id}: too large to be a script (${Math.round(file.size / 1024)} KB)`);
  const text = await file.text();
  if (text.includes('\u0000')) throw new Error(`${id}: not a text file`);
  return text;
}

/** Files from an <input type=file> (with or without webkitdirectory) or a drop; only *.scs are kept. */
export async function fromFiles(files: Iterable<File>, origin: SuiteOrigin): Promise<Loaded> {
  const out: Loaded = { entries: [], handles: new Map(), errors: [] };
  const list = [...files].filter((f) => isScs(f.name));
  list.sort((a, b) => pathOf(a).localeCompare(pathOf(b)));
  for (const f of list) {
    const id = pathOf(f);
    try {
      out.entries.push(makeEntry(id, await readScript(f, id), origin, f.lastModified));
    } catch (e) {
      out.errors.push(messageOf(e));
    }
  }
  return out;
}

const pathOf = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;

/** The minimal directory-handle shape (the File System Access API's, or a test's stand-in). */
export interface DirSource {
  name: string;
  kind: 'directory';
  values(): AsyncIterable<DirSource | (FileSource & { name: string; kind: 'file' })>;
}

/** Every *.scs under a picked directory, recursively; the handles are kept for watch mode. */
export async function fromDirectory(dir: DirSource, origin: SuiteOrigin = 'picker'): Promise<Loaded> {
  const out: Loaded = { entries: [], handles: new Map(), errors: [] };
  const found: Array<{ id: string; handle: FileSource }> = [];
  const walk = async (d: DirSource, prefix: string) => {
    for await (const child of d.values()) {
      if (child.name.startsWith('.') || child.name === 'node_modules') continue;
      const p = `${prefix}${child.name}`;
      if (child.kind === 'directory') await walk(child, `${p}/`);
      else if (isScs(child.name)) found.push({ id: p, handle: child });
    }
  };
  try {
    await walk(dir, `${dir.name}/`);
  } catch (e) {
    out.errors.push(`Could not read the folder ${dir.name}: ${messageOf(e)}`);
  }
  found.sort((a, b) => a.id.localeCompare(b.id));
  for (const { id, handle } of found) {
    try {
      const f = await handle.getFile();
      out.entries.push(makeEntry(id, await readScript(f, id), origin, f.lastModified));
      out.handles.set(id, handle);
    } catch (e) {
      out.errors.push(messageOf(e));
    }
  }
  return out;
}

/** A drop's items: folders are walked (webkitGetAsEntry), files taken as they are. */
export async function fromDataTransfer(dt: DataTransfer): Promise<Loaded> {
  const files: File[] = [];
  const pending: Promise<void>[] = [];
  const readEntry = (entry: FileSystemEntry, prefix: string): Promise<void> =>
    new Promise((resolve) => {
      if (entry.isFile) {
        (entry as FileSystemFileEntry).file(
          (f) => {
            files.push(withPath(f, `${prefix}${f.name}`));
            resolve();
          },
          () => resolve(),
        );
      } else if (entry.isDirectory) {
        const reader = (entry as FileSystemDirectoryEntry).createReader();
        const batch = () =>
          reader.readEntries(
            (children) => {
              if (children.length === 0) return resolve();
              void Promise.all(children.map((c) => readEntry(c, `${prefix}${entry.name}/`))).then(batch);
            },
            () => resolve(),
          );
        batch();
      } else resolve();
    });
  for (const item of Array.from(dt.items ?? [])) {
    const entry = item.webkitGetAsEntry?.();
    if (entry) pending.push(readEntry(entry, ''));
    else {
      const f = item.getAsFile();
      if (f) files.push(f);
    }
  }
  await Promise.all(pending);
  if (pending.length === 0) files.push(...Array.from(dt.files ?? []));
  return fromFiles(files, 'drop');
}

function withPath(f: File, p: string): File {
  try {
    Object.defineProperty(f, 'webkitRelativePath', { value: p });
  } catch {
    // keep the bare name
  }
  return f;
}

async function fetchText(doFetch: typeof fetch, url: string, timeoutMs: number): Promise<string> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await doFetch(url, { signal: ctl.signal });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length'));
    if (declared > MAX_SUITE_SCRIPT_BYTES) throw new Error('too large to be a script');
    const body = await res.text();
    if (/^\s*<!doctype html/i.test(body))
      throw new Error('not found (the server answered with an HTML page)');
    return body;
  } catch (e) {
    if (ctl.signal.aborted) throw new Error(`no answer in ${timeoutMs / 1000} s`, { cause: e });
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** Scripts at a list of URLs (one a line; blank lines and `#` comments ignored). */
export async function fromUrls(
  list: string,
  doFetch: typeof fetch,
  base: string,
  timeoutMs = 15_000,
): Promise<Loaded> {
  const out: Loaded = { entries: [], handles: new Map(), errors: [] };
  // Numbered before blank lines and comments are left out, so an error names the line the user sees.
  const urls = list
    .split(/\r?\n/)
    .map((l, i) => ({ u: l.trim(), line: i + 1 }))
    .filter(({ u }) => u && !u.startsWith('#'));
  for (const { u, line } of urls) {
    let abs: string;
    try {
      abs = new URL(u, base).toString();
    } catch {
      out.errors.push(`line ${line}: not a URL: ${u}`);
      continue;
    }
    try {
      out.entries.push(makeEntry(abs, await fetchText(doFetch, abs, timeoutMs), 'url'));
    } catch (e) {
      out.errors.push(`line ${line}: could not fetch ${abs}: ${messageOf(e)}`);
    }
  }
  return out;
}

/** Every example of the gallery (public/examples/). */
export async function fromGallery(doFetch: typeof fetch, baseUrl: string): Promise<Loaded> {
  const out: Loaded = { entries: [], handles: new Map(), errors: [] };
  let index;
  try {
    index = parseGalleryIndex(JSON.parse(await fetchText(doFetch, `${baseUrl}examples/index.json`, 15_000)));
  } catch (e) {
    out.errors.push(`Could not load the examples list: ${messageOf(e)}`);
    return out;
  }
  for (const g of index) {
    try {
      const text = await fetchText(doFetch, `${baseUrl}examples/${g.file}`, 15_000);
      out.entries.push(makeEntry(`examples/${g.file}`, text, 'gallery'));
    } catch (e) {
      out.errors.push(`example ${g.name}: ${messageOf(e)}`);
    }
  }
  return out;
}
