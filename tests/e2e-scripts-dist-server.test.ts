// The server of `npm run e2e:scripts` (e2e/headless/distServer.ts): serves the build it read at start,
// whatever happens to the files afterwards, and nothing outside it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serveDist, type DistServer } from '../e2e/headless/distServer';

let dir = '';
let server: DistServer | null = null;

function makeDist(): string {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scs-dist-server-'));
  const dist = path.join(dir, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>index</title>');
  fs.writeFileSync(path.join(dist, 'automation.html'), '<!doctype html><title>automation</title>');
  fs.writeFileSync(path.join(dist, 'assets', 'app-1.js'), 'export const v = 1;');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the build');
  return dist;
}

afterEach(async () => {
  await server?.close();
  server = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the dist server of e2e:scripts', () => {
  it('serves the files with their types, index.html for a folder', async () => {
    server = await serveDist(makeDist(), 'automation.html');
    expect(server.files).toBe(3);
    const js = await fetch(`${server.url}/assets/app-1.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('export const v = 1;');
    const page = await fetch(`${server.url}/automation.html?x=1`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('automation');
    expect(await (await fetch(`${server.url}/`)).text()).toContain('<title>index</title>');
  });

  it('keeps serving the build it started with when the files change or go (a rebuild elsewhere)', async () => {
    const dist = makeDist();
    server = await serveDist(dist);
    fs.rmSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), 'rebuilt');
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'app-2.js'), 'export const v = 2;');
    expect(await (await fetch(`${server.url}/assets/app-1.js`)).text()).toBe('export const v = 1;');
    expect(await (await fetch(`${server.url}/index.html`)).text()).toContain('<title>index</title>');
    expect((await fetch(`${server.url}/assets/app-2.js`)).status).toBe(404);
  });

  it('answers 404 for anything outside the build, 405 for writes', async () => {
    server = await serveDist(makeDist());
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/nope.js'])
      expect((await fetch(`${server.url}${p}`)).status, p).toBe(404);
    expect((await fetch(`${server.url}/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${server.url}/index.html`, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('says to build first when the page it needs is missing', async () => {
    const dist = makeDist();
    fs.rmSync(path.join(dist, 'automation.html'));
    await expect(serveDist(dist, 'automation.html')).rejects.toThrow(
      /automation\.html not found: build the page first \(npm run build\)/,
    );
  });
});
