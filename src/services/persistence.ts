// Persistence of the settings (target, theme, recent URLs), and the reader of the single autosave slot
// of earlier versions of the page (documents.ts migrates it; the open documents are saved there).
import type { AppStore, Target, Theme } from '../store';

export const SCRIPT_KEY = 'scansion-playground:script';
export const SETTINGS_KEY = 'scansion-playground:settings';

export interface SavedScript {
  text: string;
  fileName: string;
  savedAt: number;
}

export interface SavedSettings {
  target: Target;
  /** Absent while the theme follows the system preference. */
  theme?: Theme;
  recentUrls: string[];
}

/** Storage access that never throws (private mode, quota, disabled storage). */
/** The page's localStorage, or undefined where reading it throws (storage disabled, sandboxed frames). */
export function pageStorage(win: { localStorage?: Storage }): Storage | undefined {
  try {
    return win.localStorage;
  } catch {
    return undefined;
  }
}

export function safeStorage(storage: Storage | undefined) {
  return {
    get(key: string): string | null {
      try {
        return storage?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key: string, value: string): boolean {
      try {
        storage?.setItem(key, value);
        return true;
      } catch {
        return false;
      }
    },
  };
}

function isTarget(v: unknown): v is Target {
  if (!v || typeof v !== 'object') return false;
  const t = v as { kind?: unknown; url?: unknown };
  return t.kind === 'mock' || (t.kind === 'ws' && typeof t.url === 'string');
}

/** Reads and validates saved settings (anything malformed is ignored field by field). */
export function readSettings(storage: Storage | undefined): Partial<SavedSettings> {
  const raw = safeStorage(storage).get(SETTINGS_KEY);
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    const out: Partial<SavedSettings> = {};
    if (isTarget(v.target)) out.target = v.target;
    if (v.theme === 'light' || v.theme === 'dark') out.theme = v.theme;
    if (Array.isArray(v.recentUrls))
      out.recentUrls = v.recentUrls.filter((u): u is string => typeof u === 'string');
    return out;
  } catch {
    return {};
  }
}

export function readSavedScript(storage: Storage | undefined): SavedScript | null {
  const raw = safeStorage(storage).get(SCRIPT_KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<SavedScript>;
    if (typeof v.text !== 'string') return null;
    return {
      text: v.text,
      fileName: typeof v.fileName === 'string' ? v.fileName : 'untitled.scs',
      savedAt: typeof v.savedAt === 'number' ? v.savedAt : 0,
    };
  } catch {
    return null;
  }
}

export interface PersistenceOptions {
  storage?: Storage;
}

export interface Persistence {
  flush(): void;
  dispose(): void;
}

/** Applies saved settings to the store (call before rendering). */
export function restoreSettings(store: AppStore, storage: Storage | undefined): void {
  const saved = readSettings(storage);
  const st = store.getState();
  if (saved.target) st.setTarget(saved.target);
  if (saved.theme) st.setTheme(saved.theme);
  if (saved.recentUrls) store.setState({ recentUrls: saved.recentUrls });
}

export function startPersistence(store: AppStore, opts: PersistenceOptions = {}): Persistence {
  const storage = opts.storage ?? (typeof localStorage !== 'undefined' ? localStorage : undefined);
  const ss = safeStorage(storage);

  const writeSettings = () => {
    const { theme, themePicked, recentUrls, targetOrigin } = store.getState();
    // A target a link or a driver chose is for this page only: the saved one stays the user's.
    const target =
      targetOrigin === 'user' ? store.getState().target : (readSettings(storage).target ?? { kind: 'mock' });
    const saved: SavedSettings = { target, theme: themePicked ? theme : undefined, recentUrls };
    ss.set(SETTINGS_KEY, JSON.stringify(saved));
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.automation) return;
    if (
      s.target !== prev.target ||
      s.theme !== prev.theme ||
      s.themePicked !== prev.themePicked ||
      s.recentUrls !== prev.recentUrls
    )
      writeSettings();
  });

  return {
    flush: () => undefined,
    dispose() {
      unsubscribe();
    },
  };
}
