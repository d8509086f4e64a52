// Runs the project's own CLI (`scs`, TypeScript through tsx) from a spec, for verdicts to compare with
// the page's. Never throws for a non-zero exit: a failing script makes `scs run` exit 1 by design.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './paths';
import { reportEntries, type ReportEntryView } from './report';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  entries: ReportEntryView[];
}

export function scsRunJson(args: string[], files: string[]): CliRun {
  const r = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'bin', 'scs.js'), 'run', ...args, '--reporter', 'json', ...files],
    { cwd: repoRoot, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
  );
  let entries: ReportEntryView[] = [];
  try {
    entries = reportEntries(JSON.parse(r.stdout));
  } catch {
    /* reported by the caller through stdout/stderr */
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, entries };
}
