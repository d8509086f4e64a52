// Settings slice: target, theme, recent URLs. The persistence service saves and restores it.
import type { StateCreator } from 'zustand';
import type { LinkSlice } from './documentTypes';
import type { AppState, SettingsSlice } from './types';

export const DEFAULT_WS_URL = 'ws://127.0.0.1:5280/xmpp-websocket';
const MAX_RECENT = 8;

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice & LinkSlice> = (set) => ({
  target: { kind: 'mock' },
  theme: 'light',
  themePicked: false,
  recentUrls: [],
  setTarget: (target) => set({ target, targetOrigin: 'user' }),
  targetOrigin: 'user',
  pendingTarget: null,
  setSessionTarget: (target, targetOrigin) => set({ target, targetOrigin, pendingTarget: null }),
  setPendingTarget: (pendingTarget) => set({ pendingTarget }),
  runTimeouts: null,
  setRunTimeouts: (runTimeouts) => set({ runTimeouts }),
  setTheme: (theme) => set({ theme, themePicked: true }),
  toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark', themePicked: true })),
  setSystemTheme: (theme) => set((s) => (s.themePicked || s.theme === theme ? s : { theme })),
  addRecentUrl: (url) =>
    set((s) => {
      const u = url.trim();
      if (!u) return s;
      return { recentUrls: [u, ...s.recentUrls.filter((x) => x !== u)].slice(0, MAX_RECENT) };
    }),
});
