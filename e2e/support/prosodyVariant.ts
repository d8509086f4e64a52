// A second Prosody with different MUC defaults, for comparing two servers: the project's launcher config
// with one option added to the MUC component, started on its own dir and ports and stopped by the spec.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { launcherDir } from './prosody';

export interface ProsodyVariant {
  url: string;
  stop(): void;
}

export function startProsodyVariant(opts: {
  dir: string;
  port: number;
  c2sPort: number;
  /** Lua lines added to `Component "conference.localhost" "muc"`. */
  mucOptions: string[];
}): ProsodyVariant {
  const dir = launcherDir();
  const base = fs.readFileSync(path.join(dir, 'prosody.cfg.lua'), 'utf8');
  const marker = 'Component "conference.localhost" "muc"\n';
  if (!base.includes(marker)) throw new Error(`no MUC component in ${dir}/prosody.cfg.lua`);
  fs.mkdirSync(opts.dir, { recursive: true });
  const variantDir = path.join(opts.dir, 'launcher');
  fs.rmSync(variantDir, { recursive: true, force: true });
  fs.cpSync(dir, variantDir, { recursive: true });
  fs.writeFileSync(
    path.join(variantDir, 'prosody.cfg.lua'),
    base.replace(marker, `${marker}${opts.mucOptions.map((l) => `\t${l}\n`).join('')}`),
  );
  const env = {
    ...process.env,
    SCS_PROSODY_DIR: opts.dir,
    SCS_PROSODY_PORT: String(opts.port),
    SCS_PROSODY_C2S_PORT: String(opts.c2sPort),
  };
  const run = (script: string) =>
    execFileSync('bash', [path.join(variantDir, script)], { env, encoding: 'utf8', timeout: 30_000 });
  run('restart.sh');
  return { url: `ws://127.0.0.1:${opts.port}/xmpp-websocket`, stop: () => void run('stop.sh') };
}
