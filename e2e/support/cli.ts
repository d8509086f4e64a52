// Runs the project's own CLI (`scs`, TypeScript through tsx) for verdicts to compare with the page's.
// Global setup starts `scs run --mock --reporter json` on the MUC scripts in the background (it writes
// its output to a file); the specs that need it wait for that file, so the CLI runs once, alongside the
// other specs. A non-zero exit is not an error here: a failing script makes `scs run` exit 1 by design.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';
import { reportEntries, type ReportEntryView } from './report';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  entries: ReportEntryView[];
}

/** Where the background CLI run of global setup writes its outcome. */
export const CLI_VERDICTS_FILE = path.join(repoRoot, 'test-results', 'e2e-cli-verdicts.json');

function toRun(status: number | null, stdout: string, stderr: string): CliRun {
  let entries: ReportEntryView[] = [];
  try {
    entries = reportEntries(JSON.parse(stdout));
  } catch {
    /* reported by the caller through stdout/stderr */
  }
  return { status, stdout, stderr, entries };
}

/** Start `scs run ARGS --reporter json FILES` in the background; its outcome lands in `outFile`. */
export function startScsRunJson(args: string[], files: string[], outFile = CLI_VERDICTS_FILE): () => void {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.rmSync(outFile, { force: true });
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'bin', 'scs.js'), 'run', ...args, '--reporter', 'json', ...files],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const write = (status: number | null, extra = '') =>
    fs.writeFileSync(outFile, JSON.stringify({ status, stdout, stderr: stderr + extra }));
  child.on('error', (err) => write(null, String(err)));
  child.on('close', (code) => write(code));
  return () => {
    if (child.exitCode === null && child.pid) child.kill();
  };
}

/** Wait for the background CLI run's outcome (global setup started it). */
export async function readScsRunJson(outFile = CLI_VERDICTS_FILE, timeoutMs = 120_000): Promise<CliRun> {
  const until = Date.now() + timeoutMs;
  while (!fs.existsSync(outFile)) {
    if (Date.now() > until) throw new Error(`the background \`scs run --mock\` wrote nothing to ${outFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const { status, stdout, stderr } = JSON.parse(fs.readFileSync(outFile, 'utf8'));
  return toRun(status, stdout, stderr);
}
