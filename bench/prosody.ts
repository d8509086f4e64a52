// A Prosody of the bench's own (own dir and ports, never the user's 5280), started through the project's
// launcher. Shared by the runner and mock benchmarks.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const BENCH_PROSODY = {
  SCS_PROSODY_DIR: process.env.SCS_BENCH_PROSODY_DIR ?? '/tmp/scs-prosody-bench',
  SCS_PROSODY_PORT: process.env.SCS_BENCH_PROSODY_PORT ?? '5880',
  SCS_PROSODY_C2S_PORT: process.env.SCS_BENCH_PROSODY_C2S_PORT ?? '5822',
};
export const benchProsodyUrl = `ws://127.0.0.1:${BENCH_PROSODY.SCS_PROSODY_PORT}/xmpp-websocket`;

export function prosodyInstalled(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v prosody'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function launcher(name: 'start' | 'restart' | 'stop'): void {
  execFileSync('bash', [path.join(root, 'scripts/prosody', `${name}.sh`)], {
    env: { ...process.env, ...BENCH_PROSODY },
    stdio: 'ignore',
  });
}
export const restartProsody = (): void => launcher('restart');
export const stopProsody = (): void => launcher('stop');

/** Resident memory of the bench Prosody, in KiB. */
export function prosodyRssKiB(): number {
  const pid = fs.readFileSync(path.join(BENCH_PROSODY.SCS_PROSODY_DIR, 'prosody.pid'), 'utf8').trim();
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
