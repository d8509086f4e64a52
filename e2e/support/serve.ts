// Serve local .scs files to the page under a same-origin path, so `?script=URL` can load any file on
// disk without a file server: page.route answers the page's fetch from the file system.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

export const SCRIPT_ROUTE_PREFIX = '/__e2e__/scripts/';

// Match on the path only: a glob such as `**/x.scs` would also match the page's own URL when that ends
// in `?script=/…/x.scs`, and answer the document request with the script.
const byPath = (urlPath: string) => (url: URL) => url.pathname === urlPath;

/** Route one local file; returns the URL path to pass as `?script=`. The basename is kept for reports. */
export async function serveScriptFile(page: Page, file: string, key = '0'): Promise<string> {
  const urlPath = `${SCRIPT_ROUTE_PREFIX}${encodeURIComponent(key)}/${encodeURIComponent(path.basename(file))}`;
  await page.route(byPath(urlPath), (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: fs.readFileSync(file, 'utf8'),
    }),
  );
  return urlPath;
}

/** Route an in-memory script text under a file name. */
export async function serveScriptText(page: Page, fileName: string, text: string): Promise<string> {
  const urlPath = `${SCRIPT_ROUTE_PREFIX}text/${encodeURIComponent(fileName)}`;
  await page.route(byPath(urlPath), (route) =>
    route.fulfill({ status: 200, contentType: 'text/plain; charset=utf-8', body: text }),
  );
  return urlPath;
}
