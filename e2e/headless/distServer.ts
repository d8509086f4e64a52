// Serves the built page (dist/) to the pages of `npm run e2e:scripts`, from Playwright's runner process:
// a few lines of node:http instead of a `vite preview` child process. The files are read into memory when
// the run starts, so a `npm run build` started elsewhere during the run (other work in the same tree)
// cannot swap or remove the assets a loaded page asks for later (the workbench and Monaco load only when
// a script fails), and no copy of dist/ is written anywhere.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.scs': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface DistServer {
  /** http://127.0.0.1:PORT, no trailing slash. */
  url: string;
  /** How many files it serves. */
  files: number;
  close(): Promise<void>;
}

/** Every file under `dir`, by URL path ("/assets/x.js"). */
export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string, prefix: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p, `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.set(`${prefix}${entry.name}`, fs.readFileSync(p));
    }
  };
  walk(dir, '/');
  return files;
}

/**
 * Starts serving `dir` (which must hold `required`, e.g. automation.html) on a free loopback port.
 * Throws a sentence saying what to do when the build is missing.
 */
export async function serveDist(dir: string, required = 'index.html'): Promise<DistServer> {
  if (!fs.existsSync(path.join(dir, required)))
    throw new Error(`${path.join(dir, required)} not found: build the page first (npm run build)`);
  const files = readTree(dir);
  const server = http.createServer((req, res) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const body = files.get(pathname);
    if (!body || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(body ? 405 : 404, { 'content-type': 'text/plain' }).end(body ? '' : 'not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(pathname)] ?? 'application/octet-stream',
      'content-length': body.length,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files: files.size,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
