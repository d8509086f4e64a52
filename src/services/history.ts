// Version history per document, in IndexedDB: a version is written when a document is opened, every
// little while as it is edited, before a version is restored, and for both sides of a conflict between
// browser tabs. Restoring is an ordinary (undoable) edit of the document.
import type { AsyncKv } from './kv';

export interface Version {
  at: number;
  text: string;
  /** Why it was kept: 'opened', 'edited', 'before restore', 'other tab', 'this tab', 'closed'. */
  reason: string;
}

/** Versions kept per document (the oldest go first). */
export const MAX_VERSIONS = 40;
/** Characters of history kept per document (the newest version is always kept). */
export const MAX_HISTORY_CHARS = 40_000_000;
/** An edited document gets a new version at most this often. */
export const EDIT_VERSION_INTERVAL_MS = 30_000;

export interface HistoryService {
  /** Keep `text` as a version of the document (skipped when it equals the newest one). */
  record(docId: string, text: string, reason: string): Promise<void>;
  /** Newest first. */
  list(docId: string): Promise<Version[]>;
  /** Records an 'edited' version when the last one is older than the interval. */
  recordEdit(docId: string, text: string): Promise<void>;
}

const key = (docId: string) => `history:${docId}`;

export function createHistory(kv: AsyncKv, now: () => number = Date.now): HistoryService {
  // Writes of one document are serialised, so two quick records never lose one another.
  const chains = new Map<string, Promise<void>>();
  const lastAt = new Map<string, number>();

  const update = (docId: string, fn: (versions: Version[]) => Version[] | null) => {
    const prev = chains.get(docId) ?? Promise.resolve();
    const next = prev
      .then(async () => {
        const versions = (await kv.get<Version[]>(key(docId))) ?? [];
        const out = fn(Array.isArray(versions) ? versions : []);
        if (out) await kv.set(key(docId), out);
      })
      .catch(() => undefined);
    chains.set(docId, next);
    return next;
  };

  const service: HistoryService = {
    record: (docId, text, reason) =>
      update(docId, (versions) => {
        const newest = versions[versions.length - 1];
        if (newest && newest.text === text) return null;
        const at = now();
        lastAt.set(docId, at);
        const out = [...versions, { at, text, reason }];
        while (out.length > MAX_VERSIONS) out.shift();
        let chars = out.reduce((n, v) => n + v.text.length, 0);
        while (out.length > 1 && chars > MAX_HISTORY_CHARS) chars -= out.shift()!.text.length;
        return out;
      }),
    async list(docId) {
      await chains.get(docId);
      try {
        const v = (await kv.get<Version[]>(key(docId))) ?? [];
        return Array.isArray(v) ? [...v].reverse() : [];
      } catch {
        return [];
      }
    },
    recordEdit(docId, text) {
      const last = lastAt.get(docId);
      if (last !== undefined && now() - last < EDIT_VERSION_INTERVAL_MS) return Promise.resolve();
      return service.record(docId, text, 'edited');
    },
  };
  return service;
}
