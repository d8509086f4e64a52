import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store';
import {
  SCRIPT_KEY,
  SETTINGS_KEY,
  pageStorage,
  readSavedScript,
  restoreSettings,
  startPersistence,
} from './persistence';
import { memoryStorage } from './testing';

describe('persistence', () => {
  it('remembers settings the user chose', () => {
    const storage = memoryStorage();
    const store = createAppStore();
    startPersistence(store, { storage });
    store.getState().setTarget({ kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' });
    store.getState().setTheme('dark');
    const fresh = createAppStore();
    restoreSettings(fresh, storage);
    expect(fresh.getState().target).toEqual({ kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' });
    expect(fresh.getState().theme).toBe('dark');
  });

  it("never saves a target a link or a driver chose (the user's stays)", () => {
    const storage = memoryStorage();
    const store = createAppStore();
    startPersistence(store, { storage });
    store.getState().setTarget({ kind: 'ws', url: 'ws://mine.example/ws' });
    store.getState().setSessionTarget({ kind: 'ws', url: 'ws://evil.example/ws' }, 'link');
    store.getState().setTheme('dark');
    expect(store.getState().target).toEqual({ kind: 'ws', url: 'ws://evil.example/ws' });
    const fresh = createAppStore();
    restoreSettings(fresh, storage);
    expect(fresh.getState().target).toEqual({ kind: 'ws', url: 'ws://mine.example/ws' });
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

  it('survives a storage that throws', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const store = createAppStore();
    startPersistence(store, { storage });
    expect(() => store.getState().setTheme('dark')).not.toThrow();
  });
});

describe('pageStorage', () => {
  it("is the page's localStorage, and undefined where reading it throws", () => {
    const storage = {} as Storage;
    expect(pageStorage({ localStorage: storage })).toBe(storage);
    const blocked = Object.defineProperty({}, 'localStorage', {
      get() {
        throw new Error('SecurityError');
      },
    });
    expect(pageStorage(blocked)).toBeUndefined();
  });
});
