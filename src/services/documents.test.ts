// Documents: tabs, the saved workspace, the version history, two browser tabs on one profile, large
// scripts, and pages opened by automation.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, type AppStore } from '../store';
import { startDocuments, type DocumentsService } from './documents';
import { memoryKv, type AsyncKv } from './kv';
import { WORKSPACE_KEY, WORKSPACE_KV_KEY } from './workspace';
import { memoryStorage } from './testing';

/** A window stand-in whose storage events can be fired (what another tab's write does). */
function fakeWin() {
  const listeners = new Map<string, Set<(e: Event) => void>>();
  return {
    addEventListener: (t: string, l: (e: Event) => void) => {
      if (!listeners.has(t)) listeners.set(t, new Set());
      listeners.get(t)!.add(l);
    },
    removeEventListener: (t: string, l: (e: Event) => void) => listeners.get(t)?.delete(l),
    fire: (t: string, e: object = {}) => listeners.get(t)?.forEach((l) => l(e as Event)),
  };
}

const running: DocumentsService[] = [];
afterEach(() => {
  running.splice(0).forEach((d) => d.dispose());
  vi.useRealTimers();
});

function page(storage: Storage, kv: AsyncKv | null = memoryKv()) {
  const store = createAppStore();
  const win = fakeWin();
  const documents = startDocuments(store, { storage, kv, win: win as never, delayMs: 10 });
  running.push(documents);
  return { store, documents, win };
}

const open = (store: AppStore, text: string, fileName = 'a.scs') =>
  store.getState().openDocument({ text, fileName, source: 'file' });

describe('documents', () => {
  it('opens a script in the untouched tab, and in a new tab once the current one is modified', () => {
    const { store } = page(memoryStorage());
    const first = open(store, 'one\n', 'one.scs');
    expect(store.getState().docs).toHaveLength(1);
    store.getState().setText('one, edited\n');
    const second = open(store, 'two\n', 'two.scs');
    const s = store.getState();
    expect(s.docs.map((d) => d.id)).toEqual([first, second]);
    expect(s.activeDocId).toBe(second);
    expect(s.docs[0].text).toBe('one, edited\n');
    store.getState().switchDocument(first);
    expect(store.getState()).toMatchObject({ text: 'one, edited\n', fileName: 'one.scs' });
  });

  it('restores every open document after a reload', () => {
    const storage = memoryStorage();
    const a = page(storage);
    open(a.store, 'one\n', 'one.scs');
    a.store.getState().setText('one, edited\n');
    open(a.store, 'two\n', 'two.scs');
    a.documents.flush();
    const b = page(storage);
    expect(b.documents.preload(false)).toBe(true);
    expect(b.store.getState().docs.map((d) => [d.fileName, d.text])).toEqual([
      ['one.scs', 'one, edited\n'],
      ['two.scs', 'two\n'],
    ]);
    expect(b.store.getState().text).toBe('two\n');
  });

  it('keeps versions and restores an earlier one', async () => {
    const { store, documents } = page(memoryStorage());
    const id = open(store, 'v1\n');
    await new Promise((r) => setTimeout(r, 5));
    store.getState().setText('v2\n');
    documents.flush();
    await documents.restoreVersion(id, 'v1\n');
    expect(store.getState().text).toBe('v1\n');
    const versions = (await documents.history(id)).map((v) => [v.text, v.reason]);
    expect(versions).toContainEqual(['v1\n', 'opened']);
    expect(versions[0]).toEqual(['v2\n', 'before restore']);
  });

  it("merges another tab's edit of a document this tab did not touch", () => {
    const storage = memoryStorage();
    const a = page(storage);
    open(a.store, 'shared\n', 's.scs');
    a.documents.flush();
    const b = page(storage);
    b.documents.preload(false);
    a.store.getState().setText('shared, edited in A\n');
    a.documents.flush();
    b.win.fire('storage', { key: WORKSPACE_KEY, newValue: storage.getItem(WORKSPACE_KEY) });
    expect(b.store.getState().text).toBe('shared, edited in A\n');
    expect(b.store.getState().conflict).toBeNull();
  });

  it('reports edits of one document from two tabs, keeps both versions, and lets the user choose', async () => {
    const storage = memoryStorage();
    const kv = memoryKv();
    const a = page(storage, kv);
    const id = open(a.store, 'base\n', 's.scs');
    a.documents.flush();
    const b = page(storage, kv);
    b.documents.preload(false);
    a.store.getState().setText('from A\n');
    b.store.getState().setText('from B\n');
    a.documents.flush();
    b.documents.flush(); // B's save finds A's newer revision: no silent overwrite
    expect(b.store.getState().conflict).toMatchObject({ docId: id, theirs: 'from A\n' });
    expect(JSON.parse(storage.getItem(WORKSPACE_KEY)!).docs[0].text).toBe('from A\n');
    const texts = (await b.documents.history(id)).map((v) => v.text);
    expect(texts).toEqual(expect.arrayContaining(['from A\n', 'from B\n']));
    b.documents.resolveConflict('mine');
    expect(b.store.getState().conflict).toBeNull();
    expect(JSON.parse(storage.getItem(WORKSPACE_KEY)!).docs[0].text).toBe('from B\n');
  });

  it('saves a 20 MB script in IndexedDB when localStorage is full, and restores it', async () => {
    const storage = memoryStorage({ quotaChars: 5_000_000 });
    const kv = memoryKv();
    const a = page(storage, kv);
    const big = `# big\n${'x'.repeat(20_000_000)}\n`;
    open(a.store, big, 'big.scs');
    a.documents.flush();
    await vi.waitFor(() => expect(kv.data.has(WORKSPACE_KV_KEY)).toBe(true));
    await vi.waitFor(() => expect(storage.getItem(WORKSPACE_KEY)).toMatch(/inIndexedDb/));
    expect(a.store.getState().notice).toBeNull();
    const b = page(storage, kv);
    expect(b.documents.preload(false)).toBe(false);
    await b.documents.restoreLate();
    expect(b.store.getState().text.length).toBe(big.length);
  });

  it('tells the user when a script can be saved nowhere', () => {
    const { store, documents } = page(memoryStorage({ quotaChars: 1000 }), null);
    open(store, 'y'.repeat(5000), 'big.scs');
    documents.flush();
    expect(store.getState().notice?.text).toMatch(/Could not save the scripts \(5 KB\).*Download/);
  });

  it('a page opened by automation keeps one document and writes nothing', async () => {
    const storage = memoryStorage();
    const kv = memoryKv();
    const { store, documents } = page(storage, kv);
    documents.preload(true);
    store.getState().setText('mine\n');
    open(store, 'linked\n');
    open(store, 'again\n');
    documents.flush();
    expect(store.getState().docs).toHaveLength(1);
    expect(storage.length).toBe(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(kv.data.size).toBe(0);
  });
});
