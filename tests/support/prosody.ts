// The one Prosody harness of the test suites and benches, and the one corpus listing.
// - Every Prosody a suite starts gets its own temporary directory and ports the OS hands out (listen on
//   port 0), so two runs (or two suites) never collide, and it is stopped when the suite ends (afterAll)
//   and, as a last resort, when the process exits.
// - `needs(...)`: without CI a suite whose Prosody or corpus is missing is skipped with a message; with
//   CI set it FAILS loudly, so a broken CI machine cannot pass by skipping.
// Prosody itself is started by the project's launcher (scripts/prosody/start.sh, restart.sh, stop.sh).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export type CorpusBranch = 'prosody-0.12' | 'prosody-trunk';

export function prosodyInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v prosody'], { stdio: 'ignore' }).status === 0;
}

export function corpusPresent(branch: CorpusBranch): boolean {
  return existsSync(path.join(corpusDir, branch));
}

/** Every .scs file of a corpus branch, sorted, as absolute paths ([] when the branch is absent). */
export function listCorpus(branch: CorpusBranch): string[] {
  const dir = path.join(corpusDir, branch);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.scs'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * What a suite needs. Returns whether it can run. When it cannot: without CI, a warning (the caller
 * skips); with CI set, an Error is thrown at collection time, which fails the test file loudly.
 */
export function needs(suite: string, what: { prosody?: boolean; corpus?: CorpusBranch[] }): boolean {
  const missing: string[] = [];
  if (what.prosody && !prosodyInstalled())
    missing.push('prosody is not installed (apt-get install -y prosody)');
  for (const b of what.corpus ?? [])
    if (!corpusPresent(b)) missing.push(`the corpus ${path.join(corpusDir, b)} is absent`);
  if (missing.length === 0) return true;
  const message = `${suite}: ${missing.join('; ')}`;
  if (process.env.CI)
    throw new Error(`${message} (CI is set: a missing requirement is a failure, not a skip)`);
  console.warn(`${message}: skipped`);
  return false;
}

/** A port nobody listens on right now, from the OS (listen on port 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface TestProsody {
  wsUrl: string;
  tcpUrl: string;
  port: number;
  c2sPort: number;
  dir: string;
  /** A clean server (memory storage): kill and start, ~1 s of CPU (Prosody's start-up). */
  restart(): void;
  /** A graceful stop (every stream closed), the directory kept: `restart()` brings it back. */
  halt(): void;
  /** Stop for good: the process gone, the directory removed. */
  stop(): void;
  /** Kill -9 the server (to test a server vanishing mid-run). */
  kill(): void;
}

const running = new Set<TestProsody>();
let exitHook = false;

export interface TestProsodyOptions {
  /** Keep the directory on `stop()` (for a caller that reads what the server wrote there; it removes it). */
  keepDir?: boolean;
  /**
   * Lua lines added at the end of the MUC component's section (`Component "conference.localhost"
   * "muc"`), after its own settings, which they may override: a variant server.
   */
  mucOptions?: string[];
}

/** The launcher to use: the project's own, or a copy in `dir` whose config carries the MUC options. */
function launcherFor(dir: string, mucOptions: string[] | undefined): string {
  const own = path.join(repoRoot, 'scripts/prosody');
  if (!mucOptions?.length) return own;
  const base = readFileSync(path.join(own, 'prosody.cfg.lua'), 'utf8');
  // The section: its header and its indented lines.
  const section = /^Component "conference\.localhost" "muc"\n(?:\t[^\n]*\n)*/m.exec(base);
  if (!section) throw new Error(`no MUC component in ${own}/prosody.cfg.lua`);
  const copy = path.join(dir, 'launcher');
  cpSync(own, copy, { recursive: true });
  const lines = mucOptions.map((l) => `\t${l}\n`).join('');
  const end = section.index + section[0].length;
  writeFileSync(path.join(copy, 'prosody.cfg.lua'), `${base.slice(0, end)}${lines}${base.slice(end)}`);
  return copy;
}

/**
 * Start a Prosody of its own: a fresh directory under the system's temporary directory
 * (`scs-<name>-XXXXXX`), two free ports, stopped by `stop()` and at process exit at the latest.
 */
export async function startTestProsody(name: string, opts: TestProsodyOptions = {}): Promise<TestProsody> {
  const dir = mkdtempSync(path.join(tmpdir(), `scs-${name.replace(/[^A-Za-z0-9-]/g, '-')}-`));
  let launcher: string;
  try {
    launcher = launcherFor(dir, opts.mucOptions);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const port = await freePort();
  let c2sPort = await freePort();
  while (c2sPort === port) c2sPort = await freePort();
  const env = {
    ...process.env,
    SCS_PROSODY_DIR: dir,
    SCS_PROSODY_PORT: String(port),
    SCS_PROSODY_C2S_PORT: String(c2sPort),
  };
  const launch = (script: 'start.sh' | 'restart.sh' | 'stop.sh') =>
    execFileSync('bash', [path.join(launcher, script)], {
      env,
      stdio: 'pipe',
      timeout: 30_000,
    });
  const prosody: TestProsody = {
    wsUrl: `ws://127.0.0.1:${port}/xmpp-websocket`,
    tcpUrl: `xmpp://127.0.0.1:${c2sPort}`,
    port,
    c2sPort,
    dir,
    restart: () => void launch('restart.sh'),
    halt: () => void launch('stop.sh'),
    stop() {
      if (!running.delete(prosody)) return;
      try {
        launch('stop.sh');
      } finally {
        if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
      }
    },
    kill() {
      execFileSync('sh', ['-c', `kill -9 "$(cat '${dir}/prosody.pid')"`], { stdio: 'ignore' });
    },
  };
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const p of [...running]) {
        try {
          p.stop();
        } catch {
          // Exiting anyway: the directory names the server for a manual cleanup.
        }
      }
    });
  }
  running.add(prosody);
  try {
    launch('start.sh');
  } catch (e) {
    prosody.stop();
    throw e;
  }
  return prosody;
}

let toolProsody: TestProsody | undefined;

/**
 * For the command-line tools: the tool's own Prosody (started on first use: temporary dir, free ports,
 * stopped at exit), restarted clean on each later call. Returns its WebSocket URL.
 */
export async function cleanToolProsody(name: string): Promise<string> {
  if (toolProsody) toolProsody.restart();
  else toolProsody = await startTestProsody(name);
  return toolProsody.wsUrl;
}
