// A second Prosody with different MUC defaults, for comparing two servers: the project's launcher config
// with one option added to the MUC component, started on its own temp dir and free ports and stopped
// (its directory removed) by the spec.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launcherDir } from './prosody';

/** A port nobody listens on right now, from the OS. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ProsodyVariant {
  url: string;
  stop(): void;
}

export async function startProsodyVariant(opts: {
  /** Lua lines added to `Component "conference.localhost" "muc"`. */
  mucOptions: string[];
}): Promise<ProsodyVariant> {
  const stateDir = fs.mkdtempSync(path.join(tmpdir(), 'scs-prosody-variant-'));
  const port = await freePort();
  let c2sPort = await freePort();
  while (c2sPort === port) c2sPort = await freePort();
  const dir = launcherDir();
  const base = fs.readFileSync(path.join(dir, 'prosody.cfg.lua'), 'utf8');
  const marker = 'Component "conference.localhost" "muc"\n';
  if (!base.includes(marker)) throw new Error(`no MUC component in ${dir}/prosody.cfg.lua`);
  const variantDir = path.join(stateDir, 'launcher');
  fs.cpSync(dir, variantDir, { recursive: true });
  fs.writeFileSync(
    path.join(variantDir, 'prosody.cfg.lua'),
    base.replace(marker, `${marker}${opts.mucOptions.map((l) => `\t${l}\n`).join('')}`),
  );
  const env = {
    ...process.env,
    SCS_PROSODY_DIR: stateDir,
    SCS_PROSODY_PORT: String(port),
    SCS_PROSODY_C2S_PORT: String(c2sPort),
  };
  const run = (script: string) =>
    execFileSync('bash', [path.join(variantDir, script)], { env, encoding: 'utf8', timeout: 30_000 });
  const stop = () => {
    try {
      run('stop.sh');
    } finally {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  };
  try {
    run('restart.sh');
  } catch (e) {
    stop();
    throw e;
  }
  return { url: `ws://127.0.0.1:${port}/xmpp-websocket`, stop };
}
