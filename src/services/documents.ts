// Documents service: saves the open documents (tabs) on every change (debounced, flushed when the page
// goes), restores them on the next visit, keeps a version history per document, and merges edits made
// in other browser tabs of the same profile — or, when both tabs changed the same document, keeps both
// versions in the history and reports the conflict (the banner offers both). A page opened by
// automation keeps one document and writes nothing.
import { currentDocs, type AppStore, type DocEntry } from '../store';
import { createHistory, type HistoryService, type Version } from './history';
import type { AsyncKv } from './kv';
import { readSavedScript } from './persistence';
import {
  megabytes,
  readLocalWorkspace,
  toEntries,
  toSaved,
  validWorkspace,
  WORKSPACE_KEY,
  WORKSPACE_KV_KEY,
  writeLocalStub,
  writeLocalWorkspace,
  type SavedDoc,
  type SavedWorkspace,
} from './workspace';

export interface DocumentsOptions {
  storage?: Storage;
  /** IndexedDB (idb-keyval) in the page; null when unavailable. */
  kv: AsyncKv | null;
  win?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  doc?: Pick<Document, 'addEventListener' | 'removeEventListener' | 'visibilityState'>;
  delayMs?: number;
  now?: () => number;
}

export interface DocumentsService {
  /**
   * Before the first render: restores the saved documents (true when it did). `automation` (autorun,
   * or a driver's hook) keeps one document and turns saving off.
   */
  preload(automation: boolean): boolean;
  /** After the first render: a workspace too large for localStorage comes back from IndexedDB. */
  restoreLate(): Promise<void>;
  /** Closes a tab (a version of it stays in the history). */
  close(id: string): void;
  resolveConflict(choice: 'mine' | 'theirs'): void;
  history(docId: string): Promise<Version[]>;
  /** Puts an earlier version back as one undoable edit (the current text is kept as a version first). */
  restoreVersion(docId: string, text: string): Promise<void>;
  flush(): void;
  dispose(): void;
}

export function startDocuments(store: AppStore, opts: DocumentsOptions): DocumentsService {
  const { storage, kv } = opts;
  const delay = opts.delayMs ?? 250;
  const now = opts.now ?? Date.now;
  const history: HistoryService | null = kv ? createHistory(kv, now) : null;
  const pageId = Math.random().toString(36).slice(2, 8);
  /** Per document: the revision and text this page last read from or wrote to the saved workspace. */
  const known = new Map<string, { rev: string; text: string }>();
  const closed = new Set<string>();
  const seen = new Set<string>();
  let conflictRev = '';
  let revs = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingIndexedDb = false;
  let told = false;

  const off = () => store.getState().automation;
  const learn = (w: SavedWorkspace) => {
    for (const d of w.docs) known.set(d.id, { rev: d.rev, text: d.text });
  };

  const entryOf = (d: SavedDoc): DocEntry => toEntries({ v: 1, savedAt: 0, active: d.id, docs: [d] })[0];

  /** Takes in what other tabs saved: merged when only they changed a document, reported when both did. */
  const reconcile = (w: SavedWorkspace) => {
    for (const sd of w.docs) {
      if (closed.has(sd.id)) continue;
      const k = known.get(sd.id);
      if (k && k.rev === sd.rev) continue;
      const s = store.getState();
      const mine = currentDocs(s).find((d) => d.id === sd.id);
      if (!mine || mine.text === sd.text) {
        if (!mine) s.mergeDocuments([entryOf(sd)]);
        known.set(sd.id, { rev: sd.rev, text: sd.text });
        continue;
      }
      if (k && mine.text === k.text) {
        // Only the other tab edited it: take its text (for the active document, as an undoable edit).
        if (sd.id === s.activeDocId) s.setText(sd.text);
        else s.mergeDocuments([entryOf(sd)]);
        known.set(sd.id, { rev: sd.rev, text: sd.text });
        continue;
      }
      // Both tabs edited it: keep both in the history and ask.
      conflictRev = sd.rev;
      void history?.record(sd.id, mine.text, 'this tab');
      void history?.record(sd.id, sd.text, 'other tab');
      s.setConflict({ docId: sd.id, fileName: sd.fileName, theirs: sd.text });
    }
  };

  const tell = (message: string) => {
    if (told) return;
    told = true;
    store.getState().notify('error', message);
  };

  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (off()) return;
    const local = readLocalWorkspace(storage);
    if (local.kind === 'workspace') reconcile(local.workspace);
    const s = store.getState();
    const docs: SavedDoc[] = [];
    for (const d of currentDocs(s)) {
      if (s.conflict?.docId === d.id && local.kind === 'workspace') {
        // Until the user chooses, the saved copy stays the other tab's.
        const theirs = local.workspace.docs.find((x) => x.id === d.id);
        if (theirs) docs.push(theirs);
        continue;
      }
      const k = known.get(d.id);
      const rev = k && k.text === d.text ? k.rev : `${pageId}.${now().toString(36)}.${++revs}`;
      known.set(d.id, { rev, text: d.text });
      docs.push(toSaved(d, rev));
    }
    const w: SavedWorkspace = { v: 1, savedAt: now(), active: s.activeDocId, docs };
    if (writeLocalWorkspace(storage, w)) {
      told = false;
      return;
    }
    const size = megabytes(docs.reduce((n, d) => n + d.text.length + (d.original?.length ?? 0), 0));
    if (!kv) {
      tell(
        `Could not save the scripts (${size}): the browser's storage is full or disabled. Download them to keep them.`,
      );
      return;
    }
    kv.set(WORKSPACE_KV_KEY, w).then(
      () => {
        writeLocalStub(storage, w.savedAt);
        told = false;
      },
      (err: unknown) =>
        tell(
          `Could not save the scripts (${size}) in the browser (${err instanceof Error ? err.message : String(err)}). Download them to keep them.`,
        ),
    );
  };

  const schedule = (now0: boolean) => {
    if (off()) return;
    if (now0) {
      save();
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      save();
      const s = store.getState();
      void history?.recordEdit(s.activeDocId, s.text);
    }, delay);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    // A run starts: its document and exact text are the evidence later edits are compared with.
    if (s.runId !== prev.runId && s.runId !== null) {
      store.setState({ runDocId: s.activeDocId, runText: s.text, changedSteps: [] });
    }
    if (s.docs !== prev.docs) {
      for (const d of s.docs) {
        if (seen.has(d.id)) continue;
        seen.add(d.id);
        if (!off()) void history?.record(d.id, d.id === s.activeDocId ? s.text : d.text, 'opened');
      }
    }
    if (
      s.text !== prev.text ||
      s.fileName !== prev.fileName ||
      s.docs !== prev.docs ||
      s.activeDocId !== prev.activeDocId
    ) {
      schedule(s.loadNonce !== prev.loadNonce);
    }
  });

  const onStorage = (e: Event) => {
    const se = e as StorageEvent;
    if (off() || se.key !== WORKSPACE_KEY || !se.newValue) return;
    try {
      const w = validWorkspace(JSON.parse(se.newValue));
      if (w) reconcile(w);
    } catch {
      // Not ours to judge: the next save rewrites it.
    }
  };
  const onHide = () => save();
  const onVisibility = () => {
    if (!opts.doc || opts.doc.visibilityState === 'hidden') save();
  };
  opts.win?.addEventListener('storage', onStorage);
  opts.win?.addEventListener('beforeunload', onHide);
  opts.win?.addEventListener('pagehide', onHide);
  opts.doc?.addEventListener('visibilitychange', onVisibility);

  return {
    preload(automation) {
      if (automation) {
        store.getState().setAutomation(true);
        return false;
      }
      const local = readLocalWorkspace(storage);
      if (local.kind === 'workspace') {
        learn(local.workspace);
        for (const d of local.workspace.docs) seen.add(d.id);
        store.getState().restoreDocuments(toEntries(local.workspace), local.workspace.active);
        return true;
      }
      if (local.kind === 'indexeddb') {
        pendingIndexedDb = true;
        return false;
      }
      // The single autosave slot of earlier versions of the page.
      const legacy = readSavedScript(storage);
      if (legacy) {
        store.getState().openDocument({ text: legacy.text, fileName: legacy.fileName, source: 'autosave' });
        return true;
      }
      return false;
    },
    async restoreLate() {
      if (!pendingIndexedDb || !kv) return;
      pendingIndexedDb = false;
      let w: SavedWorkspace | null = null;
      try {
        w = validWorkspace(await kv.get(WORKSPACE_KV_KEY));
      } catch (err) {
        tell(`Could not read the saved scripts: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (!w) return;
      learn(w);
      for (const d of w.docs) seen.add(d.id);
      const s = store.getState();
      const untouched = s.docs.length === 1 && s.text === '';
      if (untouched) s.restoreDocuments(toEntries(w), w.active);
      else s.mergeDocuments(toEntries(w));
    },
    close(id) {
      const d = currentDocs(store.getState()).find((x) => x.id === id);
      if (d && !off()) void history?.record(id, d.text, 'closed');
      closed.add(id);
      store.getState().closeDocument(id);
    },
    resolveConflict(choice) {
      const s = store.getState();
      const c = s.conflict;
      if (!c) return;
      if (choice === 'theirs') {
        if (c.docId === s.activeDocId) s.setText(c.theirs);
        else {
          const d = s.docs.find((x) => x.id === c.docId);
          if (d) s.mergeDocuments([{ ...d, text: c.theirs }]);
        }
      }
      known.set(c.docId, { rev: conflictRev, text: c.theirs });
      s.setConflict(null);
      save();
    },
    history: (docId) => (history ? history.list(docId) : Promise.resolve([])),
    async restoreVersion(docId, text) {
      const s = store.getState();
      const d = currentDocs(s).find((x) => x.id === docId);
      if (!d) return;
      await history?.record(docId, d.text, 'before restore');
      const now1 = store.getState();
      if (docId === now1.activeDocId) now1.setText(text);
      else now1.mergeDocuments([{ ...d, text }]);
    },
    flush: save,
    dispose() {
      save();
      unsubscribe();
      opts.win?.removeEventListener('storage', onStorage);
      opts.win?.removeEventListener('beforeunload', onHide);
      opts.win?.removeEventListener('pagehide', onHide);
      opts.doc?.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
