import { describe, expect, it } from 'vitest';
import { fromUrls } from './suiteSources';

const fakeFetch = (files: Record<string, string>): typeof fetch =>
  (async (input: RequestInfo | URL) => {
    const url = String(input);
    return url in files
      ? new Response(files[url], { status: 200 })
      : new Response('not here', { status: 404, statusText: 'Not Found' });
  }) as typeof fetch;

describe('fromUrls', () => {
  it('opens each URL (relative to the page) and names the line of a failing one as the user typed it', async () => {
    const doFetch = fakeFetch({ 'https://h.example/t/a.scs': '## one\n[Client] A\n' });
    const list = '# my suite\n\na.scs\n\n/missing.scs\nhttp://[bad\n';
    const out = await fromUrls(list, doFetch, 'https://h.example/t/');
    expect(out.entries.map((e) => [e.id, e.origin, e.tags])).toEqual([
      ['https://h.example/t/a.scs', 'url', ['one']],
    ]);
    expect(out.errors).toEqual([
      expect.stringMatching(/^line 5: could not fetch https:\/\/h\.example\/missing\.scs: .*404/),
      'line 6: not a URL: http://[bad',
    ]);
  });
});
