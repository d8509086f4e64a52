#!/usr/bin/env node
// Copy the built page (dist/) to a private directory that `vite preview --outDir` then serves, so a
// `npm run build` started elsewhere during a test run (other work in the same tree) cannot swap the
// assets under a loaded page. Usage: node e2e/support/snapshot-dist.mjs TARGET_DIR
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = path.join(repoRoot, 'dist');
const dest = path.resolve(repoRoot, process.argv[2] || 'node_modules/.cache/scs-e2e/dist');
if (!fs.existsSync(path.join(src, 'index.html'))) {
  process.stderr.write('dist/index.html not found: build the page first (npm run build)\n');
  process.exit(1);
}
fs.rmSync(dest, { recursive: true, force: true });
fs.mkdirSync(path.dirname(dest), { recursive: true });
fs.cpSync(src, dest, { recursive: true });
