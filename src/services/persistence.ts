// Persistence: the script text autosaves to localStorage on every change (debounced, and flushed on
// beforeunload / pagehide / visibilitychange so a reload never loses an edit); settings are remembered.
import type { AppStore, Target, Theme } from '../store';

export const SCRIPT_KEY = 'scansion-playground:script';
export const PREVIOUS_SCRIPT_KEY = 'scansion-playground:script.previous';
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

/** Keeps the autosaved script aside before a link replaces it (so it can still be recovered). */
export function backupSavedScript(storage: Storage | undefined): void {
  const s = safeStorage(storage);
  const cur = s.get(SCRIPT_KEY);
  if (cur) s.set(PREVIOUS_SCRIPT_KEY, cur);
}

export interface PersistenceOptions {
  storage?: Storage;
  /** Where to listen for beforeunload/pagehide; document for visibilitychange. */
  win?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  doc?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
  delayMs?: number;
  now?: () => number;
}

export interface Persistence {
  /** Write the pending text now. */
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
  const win = opts.win ?? (typeof window !== 'undefined' ? window : undefined);
  const doc = opts.doc ?? (typeof document !== 'undefined' ? document : undefined);
  const delay = opts.delayMs ?? 250;
  const now = opts.now ?? Date.now;
  const ss = safeStorage(storage);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;

  const writeScript = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty) return;
    dirty = false;
    const { text, fileName } = store.getState();
    const saved: SavedScript = { text, fileName, savedAt: now() };
    ss.set(SCRIPT_KEY, JSON.stringify(saved));
  };

  const writeSettings = () => {
    const { target, theme, themePicked, recentUrls } = store.getState();
    const saved: SavedSettings = { target, theme: themePicked ? theme : undefined, recentUrls };
    ss.set(SETTINGS_KEY, JSON.stringify(saved));
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.text !== prev.text || s.fileName !== prev.fileName) {
      dirty = true;
      // A loaded script is saved at once; typing is debounced.
      if (s.loadNonce !== prev.loadNonce) writeScript();
      else {
        if (timer) clearTimeout(timer);
        timer = setTimeout(writeScript, delay);
      }
    }
    if (
      s.target !== prev.target ||
      s.theme !== prev.theme ||
      s.themePicked !== prev.themePicked ||
      s.recentUrls !== prev.recentUrls
    )
      writeSettings();
  });

  const onHide = () => writeScript();
  const onVisibility = () => {
    if (!doc || doc.visibilityState === 'hidden') writeScript();
  };
  win?.addEventListener('beforeunload', onHide);
  win?.addEventListener('pagehide', onHide);
  doc?.addEventListener('visibilitychange', onVisibility);

  return {
    flush: writeScript,
    dispose() {
      writeScript();
      unsubscribe();
      win?.removeEventListener('beforeunload', onHide);
      win?.removeEventListener('pagehide', onHide);
      doc?.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
