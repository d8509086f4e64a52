// Ports and directories of an e2e run, chosen once: Playwright evaluates its config in the runner and
// again in every worker, so the first evaluation (the runner's) asks the OS for a free port or makes a
// fresh temporary directory and exports it through an environment variable the workers inherit. A value
// already set (SCS_E2E_PORT=... on the command line) is used as given.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A port nobody listens on right now, from the OS (synchronous: the config is not async). */
export function freePortSync(): number {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});";
  const port = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 }));
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no free port from the OS (got ${port})`);
  return port;
}

const taken = new Set<number>();

/** The port named by `envName`: as set, or a free one picked now and exported for the workers. */
export function e2ePort(envName: string): number {
  const given = Number(process.env[envName]);
  if (Number.isInteger(given) && given > 0) return given;
  let port = freePortSync();
  while (taken.has(port)) port = freePortSync();
  taken.add(port);
  process.env[envName] = String(port);
  return port;
}

/** The directory named by `envName`: as set, or a fresh temporary one made now and exported. */
export function e2eDir(envName: string, name: string): string {
  const given = process.env[envName];
  if (given) return given;
  const dir = mkdtempSync(path.join(tmpdir(), `scs-${name}-`));
  process.env[envName] = dir;
  process.env[`${envName}_OWNED`] = '1';
  return dir;
}

/** Whether `e2eDir(envName, …)` made the directory in this run (so teardown may remove it). */
export const ownedDir = (envName: string): string | undefined =>
  process.env[`${envName}_OWNED`] === '1' ? process.env[envName] : undefined;
