// `scs check FILE...`: parse each script and print its diagnostics.
// Exit 0 when no file has an error (warnings and infos allowed), 1 when any has, 2 on usage errors
// (unknown flag, no file, unreadable file). `--reporter json` prints only the JSON document on stdout.
import { parse } from '../scansion/index';
import type { Diagnostic } from '../scansion/index';
import { parseFlags } from './args';
import { oneLine } from './reporters/escape';
import { readScriptFile, ScriptReadError } from './readScript';

export const CHECK_USAGE = `usage: scs check [--reporter pretty|json] FILE...
  Parse .scs scripts and report problems as file:line:col: severity: message.
  Exit status: 0 no errors (warnings allowed), 1 errors found, 2 usage error.`;

export interface CheckFileResult {
  file: string;
  diagnostics: Diagnostic[];
}

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => string;
}

export const nodeIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (p) => readScriptFile(p),
};

function readError(file: string, e: unknown): string {
  if (e instanceof ScriptReadError) return e.message;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `cannot read '${file}': no such file`;
  return `cannot read '${file}': ${(e as Error)?.message ?? String(e)}`;
}

export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${oneLine(file)}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

export async function checkCommand(args: string[], io: CliIo = nodeIo): Promise<number> {
  const parsed = parseFlags(args, {
    reporter: { type: 'string', choices: ['pretty', 'json'] },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) {
    io.stderr(`scs check: ${parsed.error}\n${CHECK_USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(CHECK_USAGE + '\n');
    return 0;
  }
  if (parsed.positionals.length === 0) {
    io.stderr(`scs check: no file given\n${CHECK_USAGE}\n`);
    return 2;
  }
  // Read everything first: an unreadable file is a usage error and nothing else is reported.
  const texts: { file: string; text: string }[] = [];
  for (const file of parsed.positionals) {
    try {
      texts.push({ file, text: io.readFile(file) });
    } catch (e) {
      io.stderr(`scs check: ${readError(file, e)}\n`);
      return 2;
    }
  }
  const results: CheckFileResult[] = texts.map(({ file, text }) => ({
    file,
    diagnostics: parse(text).diagnostics,
  }));
  const failed = results.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
  if (parsed.values.reporter === 'json') {
    io.stdout(JSON.stringify({ files: results }, null, 2) + '\n');
  } else {
    for (const r of results) for (const d of r.diagnostics) io.stdout(formatDiagnostic(r.file, d) + '\n');
    const errors = results.reduce(
      (n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length,
      0,
    );
    const warnings = results.reduce(
      (n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length,
      0,
    );
    io.stderr(
      `${results.length} file${results.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`,
    );
  }
  return failed ? 1 : 0;
}
