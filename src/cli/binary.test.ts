// The real `bin/scs.js` under signals and closed pipes: one process (no child to orphan), a signal stops
// the run and writes the report of what ran, a closed stdout ends it quietly.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repoRoot, 'bin/scs.js');
const dir = mkdtempSync(path.join(tmpdir(), 'scs-lang-bin-'));
const SCRIPT =
  '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: pw\n-----\nRomeo connects\nRomeo sends:\n\t<presence/>\n';
for (const f of ['a.scs', 'b.scs']) writeFileSync(path.join(dir, f), SCRIPT);

/** TCP servers that accept connections and never say a word. */
const sockets: Socket[] = [];
const servers: Server[] = [];
afterAll(() => {
  for (const s of sockets) s.destroy();
  for (const s of servers) s.close();
});
async function silentServer(): Promise<{ port: number; connected: () => boolean }> {
  let connections = 0;
  const server = createServer((s) => {
    connections++;
    sockets.push(s);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as { port: number }).port, connected: () => connections > 0 };
}

/** Process ids whose parent is `pid`. */
function children(pid: number): number[] {
  try {
    const out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
    return out.split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return []; // ps exits 1 when there is none
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('bin/scs.js', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s to the scs process alone: no orphan, the report of what ran, exit %i',
    async (signal, status) => {
      const server = await silentServer();
      const p = spawn(
        process.execPath,
        [bin, 'run', '--server', `xmpp://127.0.0.1:${server.port}`, 'a.scs', 'b.scs'],
        { cwd: dir },
      );
      let out = '';
      let err = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (err += d));
      const exited = new Promise<number | null>((r) => p.on('exit', (code) => r(code)));
      // Wait until the first script is connecting (and so mid-run).
      while (!server.connected()) await new Promise((r) => setTimeout(r, 50));
      // Only helpers of the loader (esbuild's service) may run beside scs, and they end with it.
      const helpers = children(p.pid!);
      p.kill(signal);
      expect(await exited).toBe(status);
      expect(out).toMatch(/^ERROR a\.scs/m);
      expect(out).toContain(`${signal}: 1 not run: b.scs`);
      expect(err).toBe('');
      await new Promise((r) => setTimeout(r, 500));
      expect(helpers.filter(alive)).toEqual([]);
    },
    60_000,
  );

  it('a closed stdout (scs run | head) ends the run quietly', async () => {
    const files = Array.from({ length: 30 }, (_, i) => `${i}.scs`);
    for (const f of files) writeFileSync(path.join(dir, f), SCRIPT);
    const p = spawn(process.execPath, [bin, 'run', '--mock', ...files], { cwd: dir });
    let err = '';
    p.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((r) => p.on('exit', (code) => r(code)));
    p.stdout.once('data', () => p.stdout.destroy());
    const code = await exited;
    expect(err).toBe('');
    expect([0, 141]).toContain(code);
  }, 60_000);
});
