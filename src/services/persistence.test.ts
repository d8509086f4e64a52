import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store';
import {
  PREVIOUS_SCRIPT_KEY,
  SCRIPT_KEY,
  SETTINGS_KEY,
  backupSavedScript,
  readSavedScript,
  restoreSettings,
  startPersistence,
} from './persistence';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

function fakeTarget() {
  const listeners = new Map<string, Set<() => void>>();
  return {
    addEventListener: (t: string, l: () => void) => {
      if (!listeners.has(t)) listeners.set(t, new Set());
      listeners.get(t)!.add(l);
    },
    removeEventListener: (t: string, l: () => void) => listeners.get(t)?.delete(l),
    fire: (t: string) => listeners.get(t)?.forEach((l) => l()),
    visibilityState: 'visible' as DocumentVisibilityState,
  };
}

describe('persistence', () => {
  it('debounces typing but flushes on beforeunload, so a reload keeps the last edit', () => {
    vi.useFakeTimers();
    try {
      const storage = memoryStorage();
      const store = createAppStore();
      const win = fakeTarget();
      const doc = fakeTarget();
      startPersistence(store, { storage, win: win as never, doc: doc as never, delayMs: 1000 });
      store.getState().setText('first');
      store.getState().setText('first edit');
      expect(readSavedScript(storage)).toBeNull();
      win.fire('beforeunload');
      expect(readSavedScript(storage)?.text).toBe('first edit');
      store.getState().setText('second');
      vi.advanceTimersByTime(1000);
      expect(readSavedScript(storage)?.text).toBe('second');
      store.getState().setText('hidden');
      doc.visibilityState = 'hidden';
      doc.fire('visibilitychange');
      expect(readSavedScript(storage)?.text).toBe('hidden');
    } finally {
      vi.useRealTimers();
    }
  });

  it('saves a loaded script at once and remembers settings', () => {
    const storage = memoryStorage();
    const store = createAppStore();
    startPersistence(store, { storage, win: fakeTarget() as never, doc: fakeTarget() as never });
    store.getState().loadScript({ text: 'loaded', fileName: 'a.scs', source: 'file' });
    expect(readSavedScript(storage)).toMatchObject({ text: 'loaded', fileName: 'a.scs' });
    store.getState().setTarget({ kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' });
    store.getState().setTheme('dark');
    const fresh = createAppStore();
    restoreSettings(fresh, storage);
    expect(fresh.getState().target).toEqual({ kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' });
    expect(fresh.getState().theme).toBe('dark');
  });

  it('ignores malformed saved data field by field', () => {
    const storage = memoryStorage();
    storage.setItem(
      SETTINGS_KEY,
      JSON.stringify({ target: { kind: 'ftp' }, theme: 'dark', recentUrls: [1, 'ws://x'] }),
    );
    storage.setItem(SCRIPT_KEY, '{not json');
    const store = createAppStore();
    restoreSettings(store, storage);
    expect(store.getState().target).toEqual({ kind: 'mock' });
    expect(store.getState().theme).toBe('dark');
    expect(store.getState().recentUrls).toEqual(['ws://x']);
    expect(readSavedScript(storage)).toBeNull();
  });

  it('keeps the autosave aside before a link replaces it', () => {
    const storage = memoryStorage();
    storage.setItem(SCRIPT_KEY, JSON.stringify({ text: 'mine', fileName: 'm.scs', savedAt: 1 }));
    backupSavedScript(storage);
    expect(JSON.parse(storage.getItem(PREVIOUS_SCRIPT_KEY) as string).text).toBe('mine');
  });

  it('survives a storage that throws', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const store = createAppStore();
    const p = startPersistence(store, { storage, win: fakeTarget() as never, doc: fakeTarget() as never });
    store.getState().setText('x');
    expect(() => p.flush()).not.toThrow();
  });
});
