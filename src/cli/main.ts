// `scs`: the command-line entry. Dispatches to subcommands; usage errors exit 2 without a stack trace.
import { checkCommand, CHECK_USAGE } from './check';
import { runCommand } from './run';

export const USAGE = `scs: run and check scansion (.scs) scripts

usage:
  scs check [--reporter pretty|json] FILE...
      Parse scripts and report problems (file:line:col: severity: message).
      Exit 0 clean (warnings allowed), 1 errors, 2 usage error.
  scs run [options] FILE...
      Run scripts against an XMPP server or the built-in mock (see 'scs run --help'); tags select
      scripts (--only-tags, --skip-tags) and --trace DIR saves one trace per script.
  scs help | scs --help
      Show this help.

${CHECK_USAGE}
`;

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'check':
      return checkCommand(rest);
    case 'run':
      return runCommand(rest);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    case undefined:
      process.stderr.write(USAGE);
      return 2;
    default:
      process.stderr.write(`scs: unknown command '${cmd}' (expected check, run or help)\n`);
      return 2;
  }
}

// A closed pipe (`scs run | head`): stop quietly, as command-line tools do, with SIGPIPE's status.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(141);
    throw e;
  });
}

/** Exit once everything written so far has reached stdout and stderr. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // Stopped by a signal: the report is written; connections still closing must not keep us alive.
    if (code > 128) exitAfterFlush(code);
  },
  (e: unknown) => {
    // A bug, not a usage error: say so briefly.
    process.stderr.write(`scs: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    process.exitCode = 70;
  },
);
