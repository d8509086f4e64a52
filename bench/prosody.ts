// A Prosody of the bench's own (a fresh temporary dir and OS-given ports, never the user's 5280),
// started through the project's launcher, stopped (its dir removed) by stopProsody() or at exit.
// Shared by the runner and mock benchmarks.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePortSync } from '../e2e/support/ports';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const port = freePortSync();
let c2sPort = freePortSync();
while (c2sPort === port) c2sPort = freePortSync();
export const BENCH_PROSODY = {
  SCS_PROSODY_DIR: fs.mkdtempSync(path.join(tmpdir(), 'scs-prosody-bench-')),
  SCS_PROSODY_PORT: String(port),
  SCS_PROSODY_C2S_PORT: String(c2sPort),
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
export function stopProsody(): void {
  if (!fs.existsSync(BENCH_PROSODY.SCS_PROSODY_DIR)) return;
  try {
    if (prosodyInstalled()) launcher('stop');
  } finally {
    fs.rmSync(BENCH_PROSODY.SCS_PROSODY_DIR, { recursive: true, force: true });
  }
}
process.once('exit', () => {
  try {
    stopProsody();
  } catch {
    // Exiting anyway: the directory names the server for a manual cleanup.
  }
});

/** Resident memory of the bench Prosody, in KiB. */
export function prosodyRssKiB(): number {
  const pid = fs.readFileSync(path.join(BENCH_PROSODY.SCS_PROSODY_DIR, 'prosody.pid'), 'utf8').trim();
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
