#!/usr/bin/env node
// Reports the gzip size of the page's JavaScript after `vite build`: the initial load (the entry script,
// its modulepreloads and everything they import statically) versus lazy chunks (Monaco, the mock worker,
// the WebSocket transport). Fails when the initial JS exceeds the budget (300 KB gzip, issue #6).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, basename } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = Number(process.env.INITIAL_JS_BUDGET_KB ?? 300);
const dist = resolve(process.argv[2] ?? 'dist');
const assets = join(dist, 'assets');
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`report-size: ${dist}/index.html not found (run vite build first)`);
  process.exit(2);
}

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const fromHtml = [
  ...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
].map((m) => basename(m[1]));

// Static imports only (`import ... from "./x.js"` / `import "./x.js"`), not `import("./x.js")`.
const STATIC_IMPORT = /(?:^|[^.\w$])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']\.\/([^"']+\.js)["']/g;
const initial = new Set();
const queue = [...fromHtml];
while (queue.length) {
  const f = queue.shift();
  if (initial.has(f) || !existsSync(join(assets, f))) continue;
  initial.add(f);
  const src = readFileSync(join(assets, f), 'utf8');
  for (const m of src.matchAll(STATIC_IMPORT)) queue.push(m[1]);
}

const gz = (f) => gzipSync(readFileSync(join(assets, f))).length;
const raw = (f) => readFileSync(join(assets, f)).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const all = readdirSync(assets).filter((f) => f.endsWith('.js'));
const rows = (files) => files.map((f) => ({ f, raw: raw(f), gz: gz(f) })).sort((a, b) => b.gz - a.gz);

const init = rows([...initial]);
const lazy = rows(all.filter((f) => !initial.has(f)));
const sum = (r) => r.reduce((t, x) => t + x.gz, 0);
const pad = (s, n) => s.padEnd(n);

console.log('\nJavaScript sizes (gzip):');
console.log('  initial load:');
for (const r of init)
  console.log(`    ${pad(r.f, 48)} ${kb(r.raw).padStart(11)}  gzip ${kb(r.gz).padStart(10)}`);
console.log('  lazy chunks (loaded on demand):');
for (const r of lazy)
  console.log(`    ${pad(r.f, 48)} ${kb(r.raw).padStart(11)}  gzip ${kb(r.gz).padStart(10)}`);
const total = sum(init);
console.log(`\n  initial JS: ${kb(total)} gzip (budget ${BUDGET_KB} KB) · lazy JS: ${kb(sum(lazy))} gzip\n`);
if (total > BUDGET_KB * 1024) {
  console.error(`report-size: initial JS ${kb(total)} gzip exceeds the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
