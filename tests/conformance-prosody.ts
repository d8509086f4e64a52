// A Prosody of the project's own launcher (scripts/prosody/) for tests and benches: its own data dir and
// ports, so suites can restart or stop it without touching anyone else's server.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');

export function prosodyInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v prosody'], { stdio: 'ignore' }).status === 0;
}

export function corpusPresent(branch: 'prosody-0.12' | 'prosody-trunk'): boolean {
  return existsSync(path.join(corpusDir, branch));
}

export interface TestProsody {
  wsUrl: string;
  tcpUrl: string;
  dir: string;
  start(): void;
  /** A clean server (memory storage): kill and start, ~0.1-0.3 s. */
  restart(): void;
  stop(): void;
  /** Kill -9 the server (to test a server vanishing mid-run). */
  kill(): void;
}

export function testProsody(opts: { dir: string; port: number; c2sPort: number }): TestProsody {
  const env = {
    ...process.env,
    SCS_PROSODY_DIR: opts.dir,
    SCS_PROSODY_PORT: String(opts.port),
    SCS_PROSODY_C2S_PORT: String(opts.c2sPort),
  };
  const run = (script: string) =>
    execFileSync('bash', [path.join(repoRoot, 'scripts/prosody', script)], { env, stdio: 'pipe' });
  return {
    wsUrl: `ws://127.0.0.1:${opts.port}/xmpp-websocket`,
    tcpUrl: `xmpp://127.0.0.1:${opts.c2sPort}`,
    dir: opts.dir,
    start: () => void run('start.sh'),
    restart: () => void run('restart.sh'),
    stop: () => void run('stop.sh'),
    kill: () => {
      execFileSync('sh', ['-c', `kill -9 "$(cat '${opts.dir}/prosody.pid')"`], { stdio: 'ignore' });
    },
  };
}
