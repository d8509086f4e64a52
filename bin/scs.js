#!/usr/bin/env node
// `npx scs …` from a fresh clone after `npm ci`: loads the TypeScript CLI in this same process through
// tsx's loader (a dependency). No child process: a signal sent to `scs` reaches the code that handles it
// (stop the run, write the report of what ran), and nothing is left running when `scs` exits.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
register();
await import(pathToFileURL(path.join(here, '..', 'src', 'cli', 'main.ts')).href);
