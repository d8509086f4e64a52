#!/usr/bin/env node
// `npm run e2e:scripts -- DIR_OR_FILES... [--target mock|ws://...] [playwright options]`
//
// Runs anyone's .scs suite headless through the real page in Debian's Chromium: one Playwright test per
// script (e2e/headless/scripts.spec.ts), HTML + JUnit reports in e2e-scripts-report/. Everything that is
// not ours is handed to `playwright test`, notably --shard=i/n and --workers=N, so a large suite spreads
// over CI machines (each shard also writes a blob report for `npx playwright merge-reports`).
//
// Own options:
//   --target mock|ws://host:port/path|wss://...   where the page runs the scripts (default: mock)
//   --build / --no-build     always / never run `npm run build` first (default: only when dist/ is
//                            missing or older than the sources)
//   --out DIR                report directory (default: e2e-scripts-report)
// Against a real server the default is --workers=1: scripts share the server (room names, accounts).
// Exit status: Playwright's (0 when every script passed); 2 for usage errors.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const startedAt = Date.now();
// The origin of the run's phases (e2e/headless/phases.ts), here and in Playwright's processes.
process.env.SCS_E2E_STARTED_AT = String(startedAt);
const require = createRequire(import.meta.url);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = path.join(repoRoot, 'e2e', 'headless', 'playwright.scripts.config.ts');

// Playwright options that take a separate value (`--workers 2`); `--workers=2` needs no entry here.
const VALUE_OPTIONS = new Set([
  '--shard',
  '--workers',
  '-j',
  '--timeout',
  '--retries',
  '--reporter',
  '--grep',
  '-g',
  '--grep-invert',
  '--repeat-each',
  '--max-failures',
  '--global-timeout',
  '--trace',
]);

function usage(message) {
  if (message) process.stderr.write(`e2e:scripts: ${message}\n`);
  process.stderr.write(
    'usage: npm run e2e:scripts -- DIR_OR_FILES... [--target mock|ws://host:port/xmpp-websocket]\n' +
      '                           [--shard=i/n] [--workers=N] [--build|--no-build] [--out DIR]\n',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { paths: [], target: 'mock', build: 'auto', out: 'e2e-scripts-report', forward: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) usage(`${name} needs a value`);
      return argv[++i];
    };
    if (name === '--target') opts.target = value();
    else if (name === '--out') opts.out = value();
    else if (name === '--build') opts.build = 'always';
    else if (name === '--no-build') opts.build = 'never';
    else if (name === '-h' || name === '--help') usage();
    else if (arg.startsWith('-')) {
      opts.forward.push(arg);
      if (inline === undefined && VALUE_OPTIONS.has(name) && i + 1 < argv.length)
        opts.forward.push(argv[++i]);
    } else opts.paths.push(arg);
  }
  return opts;
}

// npm runs scripts in the package root; INIT_CWD is where the user typed the command.
const userCwd = process.env.INIT_CWD || process.cwd();

function collectScripts(inputs) {
  const files = [];
  const walk = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        const child = path.join(p, name);
        if (fs.statSync(child).isDirectory() || name.endsWith('.scs')) walk(child);
      }
    } else files.push(path.resolve(p));
  };
  for (const input of inputs) {
    const p = path.resolve(userCwd, input);
    if (!fs.existsSync(p)) usage(`no such file or directory: ${input}`);
    walk(p);
  }
  return [...new Set(files)];
}

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function ensureBuild(mode) {
  // automation.html is the page the scripts run in; a build from before it existed counts as missing.
  const built = path.join(repoRoot, 'dist', 'automation.html');
  const sources = ['src', 'public', 'index.html', 'automation.html', 'vite.config.ts'].map((p) =>
    newestMtime(path.join(repoRoot, p)),
  );
  const stale = !fs.existsSync(built) || Math.max(...sources) > fs.statSync(built).mtimeMs;
  if (mode === 'never' && !fs.existsSync(built)) {
    process.stderr.write(
      `e2e:scripts: ${path.relative(userCwd, built)} not found: run \`npm run build\` (or drop --no-build)\n`,
    );
    process.exit(2);
  }
  if (mode === 'never' || (mode === 'auto' && !stale)) return;
  process.stderr.write(
    `e2e:scripts: building the page (${fs.existsSync(built) ? 'sources changed' : 'no dist/'})…\n`,
  );
  const r = spawnSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write('e2e:scripts: `npm run build` failed\n');
    process.exit(r.status || 1);
  }
}

// The HTML report links each script's trace to a copy of the playground beside it
// (html/playground/?trace=../traces/N.trace.json): `npx playwright show-report DIR/html` serves both.
// Hard links where the file system allows them (no bytes copied; a later build writes new files, so the
// links keep this build's), copies elsewhere.
function linkTree(src, dest) {
  fs.mkdirSync(dest, { recursive: true });
  for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
    const from = path.join(src, entry.name);
    const to = path.join(dest, entry.name);
    if (entry.isDirectory()) linkTree(from, to);
    else if (entry.isFile()) {
      fs.rmSync(to, { force: true });
      try {
        fs.linkSync(from, to);
      } catch {
        fs.copyFileSync(from, to);
      }
    }
  }
}

function publishTraces(out) {
  const traces = path.join(out, 'traces');
  const html = path.join(out, 'html');
  if (!fs.existsSync(traces) || !fs.existsSync(html)) return;
  try {
    linkTree(traces, path.join(html, 'traces'));
    linkTree(path.join(repoRoot, 'dist'), path.join(html, 'playground'));
  } catch (err) {
    process.stderr.write(`e2e:scripts: could not copy the traces into the report: ${err.message}\n`);
  }
}

/** The worker count Playwright will use: --workers/-j as given (N or N%), else its default (half the CPUs). */
function workerCount(forward) {
  let value;
  forward.forEach((a, i) => {
    const m = /^(?:--workers|-j)(?:=(.*))?$/.exec(a);
    if (m) value = m[1] ?? forward[i + 1];
  });
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  if (value === undefined) return Math.max(1, Math.floor(cpus / 2));
  if (String(value).endsWith('%')) return Math.max(1, Math.floor((cpus * parseFloat(value)) / 100));
  return Math.max(1, Number(value) || 1);
}

// The browser side (e2e/headless/browserSide.ts: the page server, Chromium, one page per worker) runs in
// this process, started while Playwright starts: the tests' URL listens first and holds their requests
// until the pages are up; then Playwright is spawned; then the TypeScript side loads through tsx.
async function openRunnerUrl() {
  let side = new Promise(() => undefined);
  const server = http.createServer((req, res) => {
    side.then(
      (s) => s.handle(req, res),
      (err) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: `the browser side did not start: ${err.stack || err}` }));
      },
    );
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    start(options) {
      side = (async () => {
        const { register } = await import('tsx/esm/api');
        register();
        const url = pathToFileURL(path.join(repoRoot, 'e2e', 'headless', 'browserSide.ts')).href;
        const { startBrowserSide } = await import(url);
        return startBrowserSide(options);
      })();
      side.catch((err) =>
        process.stderr.write(`e2e:scripts: the browser did not start: ${err.stack || err}\n`),
      );
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await side.then((s) => s.close()).catch(() => undefined);
    },
  };
}

/** Adds this process's phases (the browser side's) to the phases.json Playwright's reporter wrote. */
function mergePhases(out) {
  const mine = globalThis[Symbol.for('scansion-playground.e2e-scripts.phases')];
  const file = path.join(out, 'phases.json');
  if (!mine || !fs.existsSync(file)) return;
  const theirs = JSON.parse(fs.readFileSync(file, 'utf8'));
  theirs.at = { ...mine.at, ...theirs.at };
  fs.writeFileSync(file, JSON.stringify(theirs, null, 2));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.paths.length === 0) usage('give at least one .scs file or a directory of them');
  if (!/^(mock|wss?:\/\/\S+)$/.test(opts.target))
    usage(`--target must be mock or a ws:// or wss:// URL, not "${opts.target}"`);
  const files = collectScripts(opts.paths);
  if (files.length === 0) usage(`no .scs scripts found in ${opts.paths.join(', ')}`);

  const out = path.resolve(userCwd, opts.out);
  fs.mkdirSync(out, { recursive: true });
  fs.rmSync(path.join(out, 'traces'), { recursive: true, force: true });
  // Titles: paths relative to the working directory, so reports read like the command line.
  const titles = files.map((f) => path.relative(userCwd, f) || path.basename(f));
  const listFile = path.join(out, 'scripts.json');
  fs.writeFileSync(
    listFile,
    JSON.stringify(
      files.map((file, i) => ({ file, title: titles[i] })),
      null,
      2,
    ),
  );

  // verdictReporter.ts reports failing scripts as failed tests: it stays first when --reporter is given.
  const verdictReporter = path.join(repoRoot, 'e2e', 'headless', 'verdictReporter.ts');
  const forward = opts.forward.map((a, i, all) => {
    if (a.startsWith('--reporter=')) return `--reporter=${verdictReporter},${a.slice(11)}`;
    if (i > 0 && all[i - 1] === '--reporter') return `${verdictReporter},${a}`;
    return a;
  });
  const hasWorkers = forward.some((a) => /^(--workers|-j)(=|$)/.test(a));
  if (opts.target !== 'mock' && !hasWorkers) forward.push('--workers=1');
  const shardArg = forward.find((a, i) => a.startsWith('--shard=') || (a === '--shard' && forward[i + 1]));
  const shardValue = shardArg === '--shard' ? forward[forward.indexOf('--shard') + 1] : shardArg?.slice(8);

  const chromium = process.env.SCS_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    process.stderr.write(
      `e2e:scripts: Chromium not found at ${chromium}: apt-get install -y chromium (or set SCS_CHROMIUM)\n`,
    );
    process.exit(2);
  }
  ensureBuild(opts.build);
  process.stderr.write(
    `e2e:scripts: ${files.length} script(s), target ${opts.target}, reports in ${path.relative(userCwd, out) || '.'}/\n`,
  );

  const runner = await openRunnerUrl();
  const runnerUrl = runner.url;
  const cli = require.resolve('@playwright/test/cli');
  const child = spawn(process.execPath, [cli, 'test', '-c', config, ...forward], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: {
      ...process.env,
      SCS_E2E_SCRIPTS_LIST: listFile,
      SCS_E2E_TARGET: opts.target,
      SCS_E2E_SCRIPTS_OUT: out,
      SCS_E2E_RUNNER_URL: runnerUrl,
      ...(shardValue ? { SCS_E2E_SHARD: shardValue.replace('/', '-of-') } : {}),
    },
  });
  runner.start({ target: opts.target, out, workers: workerCount(forward) });
  const forwardSignal = (sig) => child.kill(sig);
  process.on('SIGINT', forwardSignal);
  process.on('SIGTERM', forwardSignal);
  child.on('exit', (code, signal) => {
    void runner.close().then(() => {
      try {
        mergePhases(out);
      } catch (err) {
        process.stderr.write(`e2e:scripts: could not complete phases.json: ${err.message}\n`);
      }
      publishTraces(out);
      process.exit(code ?? (signal ? 1 : 0));
    });
  });
}

main().catch((err) => {
  process.stderr.write(`e2e:scripts: ${err.stack || err}\n`);
  process.exit(2);
});
