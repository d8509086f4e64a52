// The saved workspace (the open documents) and how it is read and written: localStorage while it fits
// (read synchronously, so the first paint shows the user's text), IndexedDB when it does not (a 20 MB
// script), with a stub in localStorage saying where it went.
import type { DocEntry, ScriptSource } from '../store';

export const WORKSPACE_KEY = 'scansion-playground:workspace';
export const WORKSPACE_KV_KEY = 'workspace';

export interface SavedDoc {
  id: string;
  fileName: string;
  source: ScriptSource;
  text: string;
  /** null when equal to text (saves space). */
  original: string | null;
  /** Changes with every save of this document from any tab (who saved it last, and when). */
  rev: string;
}

export interface SavedWorkspace {
  v: 1;
  savedAt: number;
  active: string;
  docs: SavedDoc[];
}

/** What localStorage holds when the workspace went to IndexedDB. */
interface Stub {
  v: 1;
  savedAt: number;
  inIndexedDb: true;
}

const SOURCES: ScriptSource[] = ['default', 'autosave', 'file', 'drop', 'url', 'share', 'example', 'api'];

function validDoc(x: unknown): SavedDoc | null {
  if (!x || typeof x !== 'object') return null;
  const d = x as Record<string, unknown>;
  if (typeof d.id !== 'string' || typeof d.text !== 'string') return null;
  return {
    id: d.id,
    text: d.text,
    fileName: typeof d.fileName === 'string' && d.fileName ? d.fileName : 'untitled.scs',
    source: SOURCES.includes(d.source as ScriptSource) ? (d.source as ScriptSource) : 'autosave',
    original: typeof d.original === 'string' ? d.original : null,
    rev: typeof d.rev === 'string' ? d.rev : '',
  };
}

/** Validates a parsed workspace (anything malformed is dropped document by document). */
export function validWorkspace(v: unknown): SavedWorkspace | null {
  if (!v || typeof v !== 'object') return null;
  const w = v as Record<string, unknown>;
  if (!Array.isArray(w.docs)) return null;
  const docs = w.docs.map(validDoc).filter((d): d is SavedDoc => d !== null);
  if (docs.length === 0) return null;
  const active = typeof w.active === 'string' && docs.some((d) => d.id === w.active) ? w.active : docs[0].id;
  return { v: 1, savedAt: typeof w.savedAt === 'number' ? w.savedAt : 0, active, docs };
}

export type LocalRead =
  | { kind: 'none' }
  | { kind: 'workspace'; workspace: SavedWorkspace }
  | { kind: 'indexeddb'; savedAt: number };

export function readLocalWorkspace(storage: Storage | undefined): LocalRead {
  let raw: string | null;
  try {
    raw = storage?.getItem(WORKSPACE_KEY) ?? null;
  } catch {
    return { kind: 'none' };
  }
  if (!raw) return { kind: 'none' };
  try {
    const v = JSON.parse(raw) as Partial<Stub>;
    if (v && v.inIndexedDb === true) return { kind: 'indexeddb', savedAt: Number(v.savedAt) || 0 };
    const workspace = validWorkspace(v);
    return workspace ? { kind: 'workspace', workspace } : { kind: 'none' };
  } catch {
    return { kind: 'none' };
  }
}

/** Writes to localStorage; false when it does not fit (quota) or storage is unavailable. */
export function writeLocalWorkspace(storage: Storage | undefined, w: SavedWorkspace): boolean {
  if (!storage) return false;
  try {
    storage.setItem(WORKSPACE_KEY, JSON.stringify(w));
    return true;
  } catch {
    return false;
  }
}

export function writeLocalStub(storage: Storage | undefined, savedAt: number): void {
  try {
    storage?.setItem(WORKSPACE_KEY, JSON.stringify({ v: 1, savedAt, inIndexedDb: true } satisfies Stub));
  } catch {
    // Even the stub does not fit: the next start finds the IndexedDB copy by itself.
  }
}

export function toEntries(w: SavedWorkspace): DocEntry[] {
  return w.docs.map((d) => ({
    id: d.id,
    fileName: d.fileName,
    source: d.source,
    text: d.text,
    original: d.original ?? d.text,
  }));
}

export function toSaved(d: DocEntry, rev: string): SavedDoc {
  return {
    id: d.id,
    fileName: d.fileName,
    source: d.source,
    text: d.text,
    original: d.original === d.text ? null : d.original,
    rev,
  };
}

/** Size of a text in MB, for messages. */
export function megabytes(chars: number): string {
  if (chars < 100_000) return `${Math.max(1, Math.round(chars / 1000))} KB`;
  return `${(chars / 1_000_000).toFixed(1)} MB`;
}
