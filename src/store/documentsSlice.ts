// Documents slice: the open scripts (tabs). The active document's text, name and source are mirrored in
// the script slice (`text`, `fileName`, `source`), which everything else reads; the other documents keep
// their text here. Switching or opening bumps `loadNonce` so the parser and the editor follow at once.
import type { StateCreator } from 'zustand';
import { DEFAULT_FILE_NAME, idleRun } from './scriptSlice';
import type { DocEntry, DocumentsSlice } from './documentTypes';
import type { AppState } from './types';

let seq = 0;
/** A fresh document id (unique across tabs of the browser: time, random, counter). */
export function newDocId(): string {
  seq += 1;
  return `d${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}${seq.toString(36)}`;
}

export function emptyDoc(): DocEntry {
  return { id: newDocId(), fileName: DEFAULT_FILE_NAME, source: 'default', text: '', original: '' };
}

/** The documents with the active one's entry brought up to date with the editor's text. */
export function currentDocs(s: Pick<AppState, 'docs' | 'activeDocId' | 'text' | 'fileName' | 'source'>) {
  return s.docs.map((d) =>
    d.id === s.activeDocId ? { ...d, text: s.text, fileName: s.fileName, source: s.source } : d,
  );
}

/** A document counts as modified when its text differs from the text it was opened with. */
export function isModified(d: DocEntry, activeText?: string): boolean {
  return (activeText ?? d.text) !== d.original;
}

function activate(s: AppState, docs: DocEntry[], id: string): Partial<AppState> {
  const d = docs.find((x) => x.id === id) ?? docs[0];
  return {
    docs,
    activeDocId: d.id,
    text: d.text,
    fileName: d.fileName,
    source: d.source,
    loadNonce: s.loadNonce + 1,
    conflict: s.conflict && s.conflict.docId === d.id ? s.conflict : null,
  };
}

export const createDocumentsSlice: StateCreator<AppState, [], [], DocumentsSlice> = (set, get) => {
  const first = emptyDoc();
  return {
    docs: [first],
    activeDocId: first.id,
    automation: false,
    conflict: null,
    runDocId: null,
    runText: null,
    changedSteps: [],
    loadingScript: null,
    setLoading: (loadingScript) => set({ loadingScript }),
    openDocument: ({ text, fileName, source }) => {
      const s = get();
      const entry: DocEntry = {
        id: newDocId(),
        fileName: fileName || DEFAULT_FILE_NAME,
        source,
        text,
        original: text,
      };
      const docs = currentDocs(s);
      const active = docs.find((d) => d.id === s.activeDocId);
      const untouched = !active || s.automation || !isModified(active) || active.text.trim() === '';
      const next = untouched ? docs.map((d) => (d.id === s.activeDocId ? entry : d)) : [...docs, entry];
      if (!next.includes(entry)) next.push(entry);
      // Replacing a tab in place replaces the document the last run belonged to: its results go.
      const run =
        untouched && s.runDocId === s.activeDocId ? { ...idleRun(), runDocId: null, runText: null } : {};
      set({ ...activate(s, next, entry.id), ...run });
      return entry.id;
    },
    switchDocument: (id) => {
      const s = get();
      if (id === s.activeDocId || !s.docs.some((d) => d.id === id)) return;
      set(activate(s, currentDocs(s), id));
    },
    closeDocument: (id) => {
      const s = get();
      const docs = currentDocs(s);
      const at = docs.findIndex((d) => d.id === id);
      if (at < 0) return;
      const rest = docs.filter((d) => d.id !== id);
      const run = s.runDocId === id ? { ...idleRun(), runDocId: null, runText: null } : {};
      if (rest.length === 0) {
        const fresh = emptyDoc();
        set({ ...activate(s, [fresh], fresh.id), ...run });
        return;
      }
      if (id !== s.activeDocId) {
        set({ docs: rest, ...run, conflict: s.conflict?.docId === id ? null : s.conflict });
        return;
      }
      set({ ...activate(s, rest, rest[Math.min(at, rest.length - 1)].id), ...run });
    },
    markUnmodified: (id) =>
      set((s) => ({
        docs: currentDocs(s).map((d) => (d.id === id ? { ...d, original: d.text } : d)),
      })),
    restoreDocuments: (docs, activeId) => {
      if (docs.length === 0) return;
      set((s) => activate(s, docs, activeId));
    },
    mergeDocuments: (incoming) =>
      set((s) => {
        const byId = new Map(incoming.map((d) => [d.id, d]));
        const docs = s.docs.map((d) => {
          const o = byId.get(d.id);
          byId.delete(d.id);
          // The active document's text is never replaced here (the caller merges it or reports it).
          if (!o || d.id === s.activeDocId) return d;
          return { ...d, text: o.text, fileName: o.fileName, original: o.original };
        });
        return { docs: [...docs, ...byId.values()] };
      }),
    setConflict: (conflict) => set({ conflict }),
    setAutomation: (automation) => set({ automation }),
    setChangedSteps: (changedSteps) =>
      set((s) =>
        s.changedSteps.length === changedSteps.length && s.changedSteps.every((x, i) => x === changedSteps[i])
          ? s
          : { changedSteps },
      ),
  };
};
