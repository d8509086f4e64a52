import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store';
import { DEFAULT_SCRIPT } from './defaultScript';
import { SCRIPT_KEY } from './persistence';
import { startDocuments } from './documents';
import { createScriptLoader, MAX_URL_SCRIPT_BYTES } from './scriptLoader';
import { encodeShare } from './share';
import { memoryStorage } from './testing';

const files: Record<string, string> = {
  '/examples/index.json': JSON.stringify([
    { name: 'muc-password', file: 'muc-password.scs', title: 'Password room', description: 'd' },
    { name: 'broken' },
  ]),
  '/examples/muc-password.scs': '# Password room\n',
  'http://h/remote/x.scs': '# remote\n',
  'http://h/spa-fallback.scs': '<!doctype html>\n<html></html>',
};

const fakeFetch = (async (input: RequestInfo | URL) => {
  const url = String(input);
  const body = files[url];
  if (body === undefined) return new Response('no', { status: 404 });
  return new Response(body, { status: 200 });
}) as typeof fetch;

function setup(storage = memoryStorage()) {
  const store = createAppStore();
  const documents = startDocuments(store, { storage, kv: null });
  let restored = false;
  const loader = createScriptLoader({
    store,
    storage,
    fetch: fakeFetch,
    baseUrl: '/',
    restored: () => restored,
  });
  const preload = () => (restored = documents.preload(false));
  return { store, loader, storage, preload };
}

const saved = (text: string) => ({
  [SCRIPT_KEY]: JSON.stringify({ text, fileName: 'mine.scs', savedAt: 1 }),
});

describe('script loading', () => {
  it('a share link opens in a tab of its own next to the saved script, and the URL is cleaned', async () => {
    const { store, loader, preload } = setup(memoryStorage({ init: saved('my edit') }));
    preload();
    store.getState().setText('my edit, changed');
    const r = await loader.initial(`http://h/?name=s.scs&autorun=1#s=${encodeShare('shared text')}`);
    expect(store.getState().text).toBe('shared text');
    expect(store.getState().fileName).toBe('s.scs');
    expect(store.getState().docs.map((d) => d.text)).toEqual(['my edit, changed', 'shared text']);
    expect(r.request.autorun).toBe(true);
    expect(r.cleanedHref).toBe('http://h/');
  });

  it('the autosave is restored when there is no link', async () => {
    const { store, loader, preload } = setup(memoryStorage({ init: saved('my edit') }));
    preload();
    expect(store.getState().text).toBe('my edit');
    await loader.initial('http://h/');
    expect(store.getState()).toMatchObject({ text: 'my edit', fileName: 'mine.scs', source: 'autosave' });
  });

  it('opens a gallery example by name', async () => {
    const { store, loader } = setup();
    await loader.initial('http://h/?example=muc-password');
    expect(store.getState()).toMatchObject({
      text: '# Password room\n',
      fileName: 'muc-password.scs',
      source: 'example',
    });
    expect(await loader.gallery()).toHaveLength(1);
  });

  it('an unknown example is an error in words, and the autosave stays', async () => {
    const { store, loader, preload } = setup(memoryStorage({ init: saved('my edit') }));
    preload();
    const r = await loader.initial('http://h/?example=nope&autorun=1');
    expect(store.getState().notice?.text).toMatch(/No example named "nope"\. Examples: muc-password/);
    expect(store.getState().text).toBe('my edit');
    expect(r.request.autorun).toBe(false);
  });

  it('loads ?script= URLs and reports HTTP errors', async () => {
    const { store, loader } = setup();
    expect(await loader.loadUrl('http://h/remote/x.scs')).toEqual({ ok: true });
    expect(store.getState().fileName).toBe('x.scs');
    const bad = await loader.loadUrl('http://h/missing.scs');
    expect(bad.ok).toBe(false);
    expect(store.getState().notice?.text).toMatch(/HTTP 404/);
    expect((await loader.loadUrl('http://h/spa-fallback.scs')).ok).toBe(false);
    expect(store.getState().notice?.text).toMatch(/answered with an HTML page/);
    expect(store.getState().fileName).toBe('x.scs');
  });

  it('falls back to the first example, then to the built-in script', async () => {
    const a = setup();
    await a.loader.initial('http://h/');
    expect(a.store.getState().fileName).toBe('muc-password.scs');
    const store = createAppStore();
    const loader = createScriptLoader({
      store,
      storage: memoryStorage(),
      fetch: (async () => new Response('x', { status: 500 })) as typeof fetch,
    });
    await loader.initial('http://h/');
    expect(store.getState().text).toBe(DEFAULT_SCRIPT);
  });

  it('never overwrites text typed while the default script loads', async () => {
    const { store, loader } = setup();
    const p = loader.initial('http://h/');
    store.getState().setText('typed');
    await p;
    expect(store.getState().text).toBe('typed');
  });

  it('refuses binary files and normalizes line ends', async () => {
    const { store, loader } = setup();
    const bin = new File(['a\u0000b'], 'x.bin');
    expect((await loader.loadFile(bin)).ok).toBe(false);
    await loader.loadFile(new File(['a\r\nb\r\n'], 'w.scs'), 'drop');
    expect(store.getState()).toMatchObject({ text: 'a\nb\n', fileName: 'w.scs', source: 'drop' });
  });

  it('a ?script= download over the size limit or the timeout is refused in words, with a loading tab meanwhile', async () => {
    const store = createAppStore();
    const big = (async () => new Response('x'.repeat(MAX_URL_SCRIPT_BYTES + 10))) as typeof fetch;
    const loader = createScriptLoader({ store, fetch: big });
    store.getState().openDocument({ text: 'mine\n', fileName: 'm.scs', source: 'file' });
    const p = loader.loadUrl('http://h/big.scs');
    expect(store.getState().loadingScript).toBe('big.scs');
    expect(await p).toMatchObject({
      ok: false,
      message: expect.stringMatching(/larger than 2 MB: not opened/),
    });
    expect(store.getState().loadingScript).toBeNull();
    expect(store.getState().text).toBe('mine\n');

    const never = ((_u: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_r, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      )) as typeof fetch;
    const slow = createScriptLoader({ store, fetch: never, fetchTimeoutMs: 30 });
    expect(await slow.loadUrl('http://h/slow.scs')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Gave up fetching the script .* after 0 s/),
    });
    expect(store.getState().docs).toHaveLength(1);
  });

  it('text typed while a slow ?script= loads is kept: the script opens in a tab of its own', async () => {
    const { store, loader } = setup();
    let release: (r: Response) => void = () => {};
    const slowLoader = createScriptLoader({
      store,
      fetch: (() => new Promise<Response>((r) => (release = r))) as typeof fetch,
    });
    await loader.loadExample('muc-password');
    const p = slowLoader.loadUrl('http://h/late.scs');
    store.getState().setText('typed while it loads\n');
    release(new Response('# late\n'));
    await p;
    expect(
      store
        .getState()
        .docs.map((d) => (d.id === store.getState().activeDocId ? store.getState().text : d.text)),
    ).toEqual(['typed while it loads\n', '# late\n']);
  });
});
