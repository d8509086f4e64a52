// `scs run [--server URL | --mock] [--reporter pretty|json|tap|junit] [--timeout MS] [--bail] FILE|DIR...`
// Runs each script on a fresh connection set (and, with --mock, a fresh mock server per script), prints
// what the reporter says, and exits 0 when all pass, 1 when any fails or errors, 2 on usage errors or
// unparseable scripts (those are reported as errors; the other scripts still run).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from '../scansion/index';
import type { Diagnostic } from '../scansion/index';
import { createRunner, type RunResult, type Transport } from '../runner/index';
import { createNodeTransport } from '../runner/transports/node';
import { createInProcessTransport } from '../mock/index';
import { parseFlags } from './args';
import { REPORTERS, type ReporterName, type ScriptEntry } from './reporters/index';

export const DEFAULT_SERVER = 'ws://127.0.0.1:5280/xmpp-websocket';

export const RUN_USAGE = `usage: scs run [--server URL | --mock] [--reporter pretty|json|tap|junit] [--timeout MS] [--bail] FILE|DIR...
  Run .scs scripts (a directory means every .scs file under it, sorted).
  --server URL   XMPP server: ws://host:port/path (WebSocket) or xmpp://host:port (TCP).
                 Default ${DEFAULT_SERVER}
  --mock         the built-in mock server (XEP-0045 MUC at conference.localhost), fresh per script
  --reporter R   pretty (default), json (only the JSON document on stdout), tap, junit
  --timeout MS   how long a 'receives:' waits for a stanza (default 5000)
  --bail         stop after the first script that does not pass
  Exit status: 0 all passed, 1 any failed or errored, 2 usage error or unparseable script.`;

export interface RunIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (p: string) => string;
  /** 'file', 'dir', or undefined when the path does not exist. */
  kind: (p: string) => 'file' | 'dir' | undefined;
  list: (dir: string) => string[];
  now: () => number;
}

export const nodeRunIo: RunIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (p) => readFileSync(p, 'utf8'),
  kind(p) {
    try {
      const st = statSync(p);
      return st.isDirectory() ? 'dir' : 'file';
    } catch {
      return undefined;
    }
  },
  list: (dir) => readdirSync(dir),
  now: () => performance.now(),
};

export type TransportFactory = (target: { mock: true } | { mock: false; url: string }) => Transport;

export const defaultTransportFactory: TransportFactory = (target) =>
  target.mock ? createInProcessTransport() : createNodeTransport(target.url);

/** Every .scs file under `dir`, sorted, recursively. */
function scriptsIn(io: RunIo, dir: string): string[] {
  const out: string[] = [];
  for (const name of [...io.list(dir)].sort()) {
    const p = path.join(dir, name);
    const k = io.kind(p);
    if (k === 'dir') out.push(...scriptsIn(io, p));
    else if (k === 'file' && name.endsWith('.scs')) out.push(p);
  }
  return out;
}

/** An unparseable script as a result: verdict error at its first error diagnostic. */
function parseErrorResult(file: string, errors: Diagnostic[]): RunResult {
  const d = errors[0];
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : '';
  return {
    verdict: 'error',
    durationMs: 0,
    stepsPassed: 0,
    stepsTotal: 0,
    failure: {
      step: 0,
      line: d.line,
      stepText: '(script)',
      message: `${file}:${d.line}:${d.column}: ${d.message}${more}`,
      mismatches: [],
    },
    variables: {},
  };
}

function validUrl(url: string): boolean {
  if (!/^(wss?|xmpp):\/\//.test(url)) return false;
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

export async function runCommand(
  args: string[],
  io: RunIo = nodeRunIo,
  makeTransport: TransportFactory = defaultTransportFactory,
): Promise<number> {
  const parsed = parseFlags(args, {
    server: { type: 'string' },
    mock: { type: 'boolean' },
    reporter: { type: 'string', choices: Object.keys(REPORTERS) },
    timeout: { type: 'string' },
    bail: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  const usage = (msg: string) => {
    io.stderr(`scs run: ${msg}\n${RUN_USAGE}\n`);
    return 2;
  };
  if (!parsed.ok) return usage(parsed.error);
  const v = parsed.values;
  if (v.help) {
    io.stdout(RUN_USAGE + '\n');
    return 0;
  }
  if (v.mock && v.server !== undefined) return usage('--server and --mock exclude each other');
  const url = typeof v.server === 'string' ? v.server : DEFAULT_SERVER;
  if (!v.mock && !validUrl(url)) {
    return usage(`--server must be a ws://, wss:// or xmpp:// URL (got '${url}')`);
  }
  let receiveMs: number | undefined;
  if (v.timeout !== undefined) {
    receiveMs = Number(v.timeout);
    if (!Number.isInteger(receiveMs) || receiveMs <= 0) {
      return usage(`--timeout must be a positive number of milliseconds (got '${String(v.timeout)}')`);
    }
  }
  if (parsed.positionals.length === 0) return usage('no script given');

  const files: string[] = [];
  for (const p of parsed.positionals) {
    const k = io.kind(p);
    if (k === undefined) return usage(`cannot read '${p}': no such file or directory`);
    if (k === 'dir') {
      const found = scriptsIn(io, p);
      if (found.length === 0) return usage(`no .scs files in '${p}'`);
      files.push(...found);
    } else files.push(p);
  }

  const reporter = REPORTERS[(v.reporter as ReporterName | undefined) ?? 'pretty'];
  const entries: ScriptEntry[] = [];
  let unparseable = false;
  const started = io.now();
  io.stdout(reporter.start(files.length));
  let i = 0;
  for (; i < files.length; i++) {
    const file = files[i];
    let result: RunResult;
    let text: string;
    try {
      text = io.readFile(file);
    } catch (e) {
      return usage(`cannot read '${file}': ${(e as Error)?.message ?? String(e)}`);
    }
    const { script, diagnostics } = parse(text);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) {
      unparseable = true;
      result = parseErrorResult(file, errors);
    } else {
      const transport = makeTransport(v.mock ? { mock: true } : { mock: false, url });
      try {
        result = await createRunner({
          script,
          transport,
          inspect: false,
          ...(receiveMs !== undefined ? { timeouts: { receiveMs } } : {}),
        }).start();
      } finally {
        await transport.dispose?.().catch(() => undefined);
      }
    }
    const entry = { file, result };
    entries.push(entry);
    io.stdout(reporter.script(entry, i));
    if (v.bail && result.verdict !== 'pass') {
      i++;
      break;
    }
  }
  io.stdout(reporter.finish(entries, io.now() - started, files.slice(i)));
  if (unparseable) return 2;
  return entries.every((e) => e.result.verdict === 'pass') ? 0 : 1;
}
