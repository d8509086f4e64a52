#!/usr/bin/env node
// Measures time to an editable editor on `vite preview` (build first: npm run build):
//   first editable  — the page's plain textarea (data-testid="editor-fallback") accepts typing;
//   Monaco editable — Monaco has replaced it (window.__scsEditor.monaco) and a typed key lands in the text.
// Times are from navigation start (performance.now() in the page, sampled every animation frame), median
// of N cold loads (fresh browser context each).
// Usage: node scripts/measure-editor.js [--runs 5] [--port PORT]   (default: a free port from the OS)
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { chromium } from '@playwright/test';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const RUNS = Number(arg('runs', 5));
const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const PORT = arg('port') ? Number(arg('port')) : await freePort();
const URL_ = `http://127.0.0.1:${PORT}/`;

const server = spawn(
  'npx',
  ['vite', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  },
);
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
};
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(URL_);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer on ${URL_}`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

try {
  await waitForServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const fallback = [];
  const monaco = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    // Timestamps are taken inside the page (no driver round trips): when the plain textarea first
    // exists, and the first animation frame at which Monaco reports itself ready.
    await page.addInitScript(() => {
      const w = window;
      const tick = () => {
        if (w.__tFallback === undefined && document.querySelector('[data-testid="editor-fallback"]')) {
          w.__tFallback = performance.now();
        }
        if (w.__tMonaco === undefined && w.__scsEditor?.monaco === true) w.__tMonaco = performance.now();
        if (w.__tMonaco === undefined) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.goto(URL_, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__tMonaco !== undefined, null, { timeout: 30000 });
    // Editable: a typed key reaches the editor's text.
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('#');
    await page.waitForFunction(() => window.__scsEditor.getValue().endsWith('#'), null, { timeout: 5000 });
    const t = await page.evaluate(() => ({ fallback: window.__tFallback, monaco: window.__tMonaco }));
    fallback.push(t.fallback ?? t.monaco);
    monaco.push(t.monaco);
    await ctx.close();
  }
  await browser.close();
  const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
  console.log(`time to first editable editor (plain textarea): ${fmt(fallback)}`);
  console.log(`time to editable Monaco editor:                 ${fmt(monaco)}`);
} finally {
  stop();
}
