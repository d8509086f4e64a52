// Links may open a script, but never redirect the user's runs: a non-mock target waits for a yes, and
// nothing a link asks for is saved. Share links carry the target and the runner's timeouts.
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store';
import { applyLinkTarget, parseTarget } from './links';
import { startPersistence, readSettings } from './persistence';
import { buildShareLink, decodeShare, encodeShare, MAX_SHARE_INFLATED_CHARS } from './share';
import { parseUrlRequest } from './urlParams';
import { memoryStorage } from './testing';

describe('links', () => {
  it('a non-mock target from a link waits for confirmation, autorun included, and is never saved', () => {
    const storage = memoryStorage();
    const store = createAppStore();
    startPersistence(store, { storage });
    store.getState().setTarget({ kind: 'ws', url: 'ws://mine/ws' });
    const req = parseUrlRequest('http://h/?target=ws://evil.example/ws&autorun=1');
    expect(applyLinkTarget(store, req)).toBe('confirm');
    expect(store.getState().target).toEqual({ kind: 'ws', url: 'ws://mine/ws' });
    expect(store.getState().pendingTarget).toEqual({
      target: { kind: 'ws', url: 'ws://evil.example/ws' },
      autorun: true,
    });
    // Confirmed: used on this page, still not saved.
    store.getState().setSessionTarget(store.getState().pendingTarget!.target, 'link');
    expect(store.getState().target).toEqual({ kind: 'ws', url: 'ws://evil.example/ws' });
    store.getState().setTheme('dark');
    expect(readSettings(storage).target).toEqual({ kind: 'ws', url: 'ws://mine/ws' });
  });

  it('a mock target runs at once with autorun, for this page only', () => {
    const store = createAppStore();
    expect(applyLinkTarget(store, parseUrlRequest('http://h/?target=mock&autorun=1'))).toBe('run');
    expect(store.getState().targetOrigin).toBe('link');
    expect(applyLinkTarget(createAppStore(), parseUrlRequest('http://h/'))).toBe('none');
  });

  it('share links carry the target and timeouts, and the page reads them back', () => {
    const link = buildShareLink('http://h/app/?x=1', 'Romeo connects\n', 'a.scs', {
      target: { kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' },
      timeouts: { receiveMs: 7000, nothingMs: 500, connectMs: 10000 },
    });
    const r = parseUrlRequest(link);
    expect(r.target).toEqual({ kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' });
    expect(r.timeouts).toEqual({ receiveMs: 7000, nothingMs: 500, connectMs: 10000 });
    expect(r.name).toBe('a.scs');
    expect(decodeShare(r.share!)).toEqual({ ok: true, text: 'Romeo connects\n' });
  });

  it('refuses bad timeouts, oversized links and links that inflate too far, in words', () => {
    expect(parseUrlRequest('http://h/?timeouts=5000,-1').problems[0]).toMatch(/timeouts must be/);
    expect(parseUrlRequest('http://h/?timeouts=99999999999').problems[0]).toMatch(/at most 3600000/);
    expect(decodeShare('A'.repeat(150_000))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too long/),
    });
    const bomb = encodeShare('x'.repeat(MAX_SHARE_INFLATED_CHARS + 1));
    expect(bomb.length).toBeLessThan(10_000);
    expect(decodeShare(bomb)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too large.*not opened/),
    });
  });

  it('reads a driver target', () => {
    expect(parseTarget('mock')).toEqual({ kind: 'mock' });
    expect(parseTarget('wss://x/ws')).toEqual({ kind: 'ws', url: 'wss://x/ws' });
    expect(parseTarget('http://x')).toBeNull();
    expect(parseTarget(3)).toBeNull();
  });
});
