// `scs run --trace DIR`: one trace file per script (the shared format of src/runner/trace.ts), named
// after the script, safe on every file system and unique within one run.
import path from 'node:path';

/** A file-name stem: letters, digits, '.', '_' and '-' only, at most 80 characters. */
function stem(file: string): string {
  const base = path.basename(file).replace(/\.scs$/i, '');
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[.]+/, '_');
  return (safe || 'script').slice(0, 80);
}

/** Trace file names for a run's scripts, in order: `001-join.trace.json`, `002-join.trace.json`, … */
export function traceFileNames(files: readonly string[]): string[] {
  const width = Math.max(3, String(files.length).length);
  return files.map((f, i) => `${String(i + 1).padStart(width, '0')}-${stem(f)}.trace.json`);
}
