// The asynchronous key-value store behind the workspace fallback and the version history: IndexedDB
// through idb-keyval in the page, an in-memory map in Node tests (and when IndexedDB is unavailable).
import { createStore, del, get, set } from 'idb-keyval';

export interface AsyncKv {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

export const KV_DB = 'scansion-playground';

/** IndexedDB when the platform has it, else null (the caller decides what to tell the user). */
export function indexedDbKv(): AsyncKv | null {
  if (typeof indexedDB === 'undefined') return null;
  const store = createStore(KV_DB, 'kv');
  return {
    get: <T>(key: string) => get<T>(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
  };
}

export function memoryKv(): AsyncKv & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async <T>(key: string) => data.get(key) as T | undefined,
    set: async (key, value) => void data.set(key, structuredClone(value)),
    del: async (key) => void data.delete(key),
  };
}
