// `scs run` exits against a TCP server that accepts and never speaks (the process is the test subject:
// a socket left half-open would keep it alive; the bound is a hang guard, not a measured duration).
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const accepted: net.Socket[] = [];
const server = net.createServer({ allowHalfOpen: true }, (s) => {
  accepted.push(s);
  s.on('error', () => undefined);
});
afterAll(() => {
  accepted.forEach((s) => s.destroy());
  server.close();
});

describe('scs run against a server that never speaks', () => {
  it('reports an error and exits', async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const dir = mkdtempSync(path.join(tmpdir(), 'scs-runner-exit-'));
    writeFileSync(
      path.join(dir, 'ping.scs'),
      '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: pw\n\n-----\n\nRomeo connects\n',
    );
    const child = spawn(
      process.execPath,
      [path.join(repoRoot, 'bin/scs.js'), 'run', '--server', `xmpp://127.0.0.1:${port}`, 'ping.scs'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => {
      const guard = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 40_000);
      child.on('exit', (c) => {
        clearTimeout(guard);
        resolve(c);
      });
    });
    expect(accepted.length).toBeGreaterThan(0);
    expect({ code, out }).toMatchObject({ code: 1 });
    expect(out).toMatch(/Romeo could not connect/);
  }, 60_000);
});
