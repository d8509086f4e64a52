// The e2e suite's own Prosody: its own temp state dir and free ports (never the user's defaults),
// started by global setup and stopped by global teardown. We use the project's launcher
// (scripts/prosody/) and fall back to the shared recipe (../shared/prosody/) while it is incomplete.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';
import { e2eDir, e2ePort } from './ports';

// Chosen once, in the runner (the config imports this), and inherited by the workers.
export const PROSODY_ENV = {
  SCS_PROSODY_DIR: e2eDir('SCS_E2E_PROSODY_DIR', 'prosody-e2e'),
  SCS_PROSODY_PORT: String(e2ePort('SCS_E2E_PROSODY_PORT')),
  SCS_PROSODY_C2S_PORT: String(e2ePort('SCS_E2E_PROSODY_C2S_PORT')),
};

export const PROSODY_WS_URL = `ws://127.0.0.1:${PROSODY_ENV.SCS_PROSODY_PORT}/xmpp-websocket`;

export const PROSODY_MISSING =
  'prosody is not installed (Debian: apt-get install -y prosody): real-server spec skipped';

export function prosodyInstalled(): boolean {
  return spawnSync('sh', ['-c', 'command -v prosody'], { stdio: 'ignore' }).status === 0;
}

/** The launcher directory: the project's own when it is complete, else the shared recipe. */
export function launcherDir(): string {
  const own = path.join(repoRoot, 'scripts', 'prosody');
  const complete = ['start.sh', 'stop.sh', 'restart.sh', 'prosody.cfg.lua'].every((f) =>
    fs.existsSync(path.join(own, f)),
  );
  return complete ? own : path.resolve(repoRoot, '../shared/prosody');
}

function launch(script: 'start.sh' | 'stop.sh' | 'restart.sh'): string {
  return execFileSync('bash', [path.join(launcherDir(), script)], {
    env: { ...process.env, ...PROSODY_ENV },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

export const startProsody = (): string => launch('start.sh');
export const stopProsody = (): string => launch('stop.sh');
/** A clean server (memory storage: every room and roster forgotten) in about 0.1 s. */
export const restartProsody = (): string => launch('restart.sh');

/** Is the e2e Prosody answering on its WebSocket port? */
export async function prosodyUp(): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${PROSODY_ENV.SCS_PROSODY_PORT}/xmpp-websocket`);
    return res.status < 500;
  } catch {
    return false;
  }
}
