import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store';
import { readSettings, restoreSettings, startPersistence } from './persistence';
import { followSystemTheme } from './systemTheme';
import { memoryStorage } from './testing';

function fakeMedia(dark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    matches: dark,
    addEventListener: (_: string, f: () => void) => listeners.add(f),
    removeEventListener: (_: string, f: () => void) => listeners.delete(f),
  };
  return {
    win: { matchMedia: () => query } as unknown as Pick<Window, 'matchMedia'>,
    set(d: boolean) {
      query.matches = d;
      listeners.forEach((f) => f());
    },
    listeners,
  };
}

describe('followSystemTheme', () => {
  it('follows the system preference, live, until the user picks a theme', () => {
    const store = createAppStore();
    const media = fakeMedia(true);
    const stop = followSystemTheme(store, media.win);
    expect(store.getState().theme).toBe('dark');
    media.set(false);
    expect(store.getState().theme).toBe('light');
    store.getState().toggleTheme(); // the user picks dark
    media.set(false);
    media.set(true);
    media.set(false);
    expect(store.getState().theme).toBe('dark');
    stop();
    expect(media.listeners.size).toBe(0);
  });

  it('saves only a picked theme, so a returning user who never picked still follows the system', () => {
    const storage = memoryStorage();
    const first = createAppStore();
    startPersistence(first, { storage });
    followSystemTheme(first, fakeMedia(true).win);
    first.getState().setTarget({ kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' });
    expect(readSettings(storage).theme).toBeUndefined();

    const second = createAppStore();
    restoreSettings(second, storage);
    followSystemTheme(second, fakeMedia(false).win);
    expect(second.getState().theme).toBe('light');
    second.getState().toggleTheme();
    expect(readSettings(storage).theme).toBeUndefined(); // second store is not persisted here

    const third = createAppStore();
    startPersistence(third, { storage });
    third.getState().setTheme('dark');
    const fourth = createAppStore();
    restoreSettings(fourth, storage);
    followSystemTheme(fourth, fakeMedia(false).win);
    expect(fourth.getState().theme).toBe('dark');
  });

  it('does nothing without matchMedia', () => {
    const store = createAppStore();
    expect(() => followSystemTheme(store, undefined)()).not.toThrow();
    expect(store.getState().theme).toBe('light');
  });
});
