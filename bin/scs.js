#!/usr/bin/env node
// `npx scs …` from a fresh clone after `npm ci`: runs the TypeScript CLI through tsx (a dependency).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const tsxCli = require.resolve('tsx/cli');
const main = path.join(here, '..', 'src', 'cli', 'main.ts');
const r = spawnSync(process.execPath, [tsxCli, main, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
