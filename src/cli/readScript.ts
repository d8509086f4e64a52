// Reading a script file from the command line, with a named size limit: `scs check /dev/zero` or a
// 50 MB file gets a clear message and exit 2, never an out-of-memory abort.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The largest script `scs` reads (bytes). The largest real scripts are a few hundred kilobytes. */
export const MAX_SCRIPT_BYTES = 8 * 1024 * 1024;

export class ScriptReadError extends Error {}

function describe(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `cannot read '${file}': no such file`;
  if (code === 'EISDIR') return `cannot read '${file}': it is a directory`;
  if (code === 'EACCES') return `cannot read '${file}': permission denied`;
  return `cannot read '${file}': ${(e as Error)?.message ?? String(e)}`;
}

/**
 * The text of `file` (UTF-8), reading at most `limit` bytes: a regular file over the limit is refused
 * before it is read, and a device or pipe that never ends is refused once it passes the limit.
 * Throws ScriptReadError with a message for people.
 */
export function readScriptFile(file: string, limit = MAX_SCRIPT_BYTES): string {
  const tooBig = () =>
    new ScriptReadError(
      `cannot read '${file}': it is larger than the script size limit (${limit / 1024 / 1024} MiB)`,
    );
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new ScriptReadError(describe(file, e));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new ScriptReadError(describe(file, { code: 'EISDIR' }));
    if (st.isFile() && st.size > limit) throw tooBig();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > limit) throw tooBig();
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (e) {
    if (e instanceof ScriptReadError) throw e;
    throw new ScriptReadError(describe(file, e));
  } finally {
    closeSync(fd);
  }
}
