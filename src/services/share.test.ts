import { describe, expect, it } from 'vitest';
import { buildShareLink, decodeShare, encodeShare } from './share';
import { cleanUrl, fileNameFromUrl, parseUrlRequest } from './urlParams';

describe('share links', () => {
  it('round-trips any text, including non-ASCII and XML', () => {
    const text =
      '# Tést ✓\n[Client] Romeo\n\tjid: r@l\n-----\nRomeo sends:\n\t<message><body>&lt;hi&gt; ünïcode</body></message>\n';
    const d = decodeShare(encodeShare(text));
    expect(d).toEqual({ ok: true, text });
  });

  it('says a damaged payload is damaged', () => {
    const d = decodeShare('%%%not-lz%%%');
    expect(d.ok).toBe(false);
  });

  it('builds a link the page parses back', () => {
    const link = buildShareLink('http://127.0.0.1:4173/?example=x&autorun=1', 'Romeo connects\n', 'mine.scs');
    const r = parseUrlRequest(link);
    expect(r.example).toBeUndefined();
    expect(r.name).toBe('mine.scs');
    expect(decodeShare(r.share as string)).toEqual({ ok: true, text: 'Romeo connects\n' });
  });
});

describe('url parameters', () => {
  it('reads example, script, target and autorun', () => {
    const r = parseUrlRequest(
      'http://h/?example=muc-password&target=ws://127.0.0.1:5280/xmpp-websocket&autorun=1',
    );
    expect(r).toMatchObject({
      example: 'muc-password',
      target: { kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' },
      autorun: true,
      problems: [],
    });
    expect(parseUrlRequest('http://h/?s=abc').share).toBe('abc');
    expect(parseUrlRequest('http://h/?script=/x/y.scs').scriptUrl).toBe('/x/y.scs');
  });

  it('reports a bad target in words', () => {
    const r = parseUrlRequest('http://h/?target=http://x');
    expect(r.target).toBeUndefined();
    expect(r.problems[0]).toMatch(/target must be/);
  });

  it('cleans one-shot parameters (target and timeouts too: a reload never reuses them) but keeps the others', () => {
    expect(cleanUrl('http://h/p?example=a&autorun=1&target=mock&timeouts=1,2,3&x=1#s=zzz')).toBe(
      'http://h/p?x=1',
    );
  });

  it('names a file from a URL', () => {
    expect(fileNameFromUrl('http://h/a/b/muc%20test.scs?x=1')).toBe('muc test.scs');
  });
});
