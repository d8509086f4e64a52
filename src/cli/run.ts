// `scs run [--server URL | --mock] [--reporter pretty|json|tap|junit] [--timeout MS] [--bail]
//          [--only-tags T,…] [--skip-tags T,…] [--trace DIR] FILE|DIR...`
// Runs each selected script on a fresh connection set (and, with --mock, a fresh mock server per
// script), prints what the reporter says, and exits 0 when all pass, 1 when any fails or errors, 2 on
// usage errors or unparseable scripts (those are reported as errors; the other scripts still run).
// A signal (SIGINT, SIGTERM, SIGHUP) stops the running script, prints the report of what ran and
// exits 128 + the signal's number (130, 143, 129).
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '../scansion/index';
import type { Diagnostic, Script } from '../scansion/index';
import { buildTrace, createRunner } from '../runner/index';
import type { RunEvent, RunResult, Runner, Transport } from '../runner/index';
import { createNodeTransport } from '../runner/transports/node';
import { createInProcessTransport } from '../mock/index';
import { parseFlags } from './args';
import { readScriptFile } from './readScript';
import { REPORTERS, type ReporterName, type ScriptEntry } from './reporters/index';
import { scriptTags, selectedByTags, tagList, type TagFilter } from './tags';
import { traceFileNames } from './traces';

export const DEFAULT_SERVER = 'ws://127.0.0.1:5280/xmpp-websocket';
/** The longest `--timeout` a timer can wait (2³¹−1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;
const TOOL = 'scs 0.1.0';

export const RUN_USAGE = `usage: scs run [--server URL | --mock] [--reporter pretty|json|tap|junit] [--timeout MS] [--bail]
               [--only-tags T,...] [--skip-tags T,...] [--trace DIR] FILE|DIR...
  Run .scs scripts (a directory means every .scs file under it, sorted).
  --server URL     XMPP server: ws://host:port/path (WebSocket) or xmpp://host:port (TCP).
                   Default ${DEFAULT_SERVER}
  --mock           the built-in mock server (XEP-0045 MUC at conference.localhost), fresh per script
  --reporter R     pretty (default), json (only the JSON document on stdout), tap, junit
  --timeout MS     how long a 'receives:' waits for a stanza (default 5000, at most ${MAX_TIMEOUT_MS})
  --bail           stop after the first script that does not pass
  --only-tags T,.. run only scripts with at least one of these '## tag' lines
  --skip-tags T,.. do not run scripts with any of these tags
  --trace DIR      write one trace file per script into DIR (open it in the playground)
  Exit status: 0 all passed, 1 any failed or errored, 2 usage error or unparseable script,
  128+N when stopped by signal N (130 SIGINT, 143 SIGTERM).`;

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
const SIGNAL_NUMBER: Record<StopSignal, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

export interface RunIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** A script's text; throws with a message for people (size limit, missing file). */
  readFile: (p: string) => string;
  /** 'file', 'dir', or undefined when the path does not exist. */
  kind: (p: string) => 'file' | 'dir' | undefined;
  list: (dir: string) => string[];
  now: () => number;
  /** Create a directory (and its parents) and write a file in it (for --trace). */
  writeFile?: (dir: string, name: string, text: string) => void;
  /** Call `stop` when the process is asked to stop; returns the function that stops listening. */
  onSignal?: (stop: (signal: StopSignal) => void) => () => void;
}

export const nodeRunIo: RunIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (p) => readScriptFile(p),
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
  writeFile(dir, name, text) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, name), text);
  },
  onSignal(stop) {
    const signals: StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    let asked = false;
    const handler = (signal: StopSignal) => {
      // A second signal while the first is being handled: stop at once.
      if (asked) process.exit(128 + SIGNAL_NUMBER[signal]);
      asked = true;
      stop(signal);
    };
    for (const s of signals) process.on(s, handler);
    return () => {
      for (const s of signals) process.off(s, handler);
    };
  },
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

interface RunOptions {
  mock: boolean;
  url: string;
  reporter: ReporterName;
  receiveMs?: number;
  bail: boolean;
  tags: TagFilter;
  traceDir?: string;
  paths: string[];
}

type Options = { ok: true; options: RunOptions } | { ok: false; error: string } | { ok: 'help' };

function readOptions(args: string[]): Options {
  const parsed = parseFlags(args, {
    server: { type: 'string' },
    mock: { type: 'boolean' },
    reporter: { type: 'string', choices: Object.keys(REPORTERS) },
    timeout: { type: 'string' },
    bail: { type: 'boolean' },
    'only-tags': { type: 'string' },
    'skip-tags': { type: 'string' },
    trace: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (!parsed.ok) return parsed;
  const v = parsed.values;
  if (v.help) return { ok: 'help' };
  if (v.mock && v.server !== undefined) return { ok: false, error: '--server and --mock exclude each other' };
  const url = typeof v.server === 'string' ? v.server : DEFAULT_SERVER;
  if (!v.mock && !validUrl(url))
    return { ok: false, error: `--server must be a ws://, wss:// or xmpp:// URL (got '${url}')` };
  let receiveMs: number | undefined;
  if (v.timeout !== undefined) {
    receiveMs = Number(v.timeout);
    if (!Number.isInteger(receiveMs) || receiveMs <= 0 || receiveMs > MAX_TIMEOUT_MS) {
      return {
        ok: false,
        error: `--timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (got '${String(v.timeout)}')`,
      };
    }
  }
  const tags: TagFilter = {
    only: tagList(v['only-tags'] as string | undefined),
    skip: tagList(v['skip-tags'] as string | undefined),
  };
  if (tags.only?.length === 0) return { ok: false, error: '--only-tags needs at least one tag' };
  if (v.trace === '') return { ok: false, error: '--trace needs a directory' };
  if (parsed.positionals.length === 0) return { ok: false, error: 'no script given' };
  return {
    ok: true,
    options: {
      mock: v.mock === true,
      url,
      reporter: (v.reporter as ReporterName | undefined) ?? 'pretty',
      receiveMs,
      bail: v.bail === true,
      tags,
      traceDir: v.trace as string | undefined,
      paths: parsed.positionals,
    },
  };
}

interface Loaded {
  file: string;
  text: string;
  script: Script;
  errors: Diagnostic[];
}

export async function runCommand(
  args: string[],
  io: RunIo = nodeRunIo,
  makeTransport: TransportFactory = defaultTransportFactory,
): Promise<number> {
  const usage = (msg: string) => {
    io.stderr(`scs run: ${msg}\n${RUN_USAGE}\n`);
    return 2;
  };
  const read = readOptions(args);
  if (read.ok === 'help') {
    io.stdout(RUN_USAGE + '\n');
    return 0;
  }
  if (!read.ok) return usage(read.error);
  const opts = read.options;

  const files: string[] = [];
  for (const p of opts.paths) {
    const k = io.kind(p);
    if (k === undefined) return usage(`cannot read '${p}': no such file or directory`);
    if (k === 'dir') {
      const found = scriptsIn(io, p);
      if (found.length === 0) return usage(`no .scs files in '${p}'`);
      files.push(...found);
    } else files.push(p);
  }
  // Read and parse everything first: tags select scripts, and an unreadable file is a usage error.
  const loaded: Loaded[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (e) {
      const msg = String((e as Error)?.message ?? e);
      return usage(msg.startsWith('cannot read') ? msg : `cannot read '${file}': ${msg}`);
    }
    const { script, diagnostics } = parse(text);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (selectedByTags(scriptTags(script.metadata.tags), opts.tags))
      loaded.push({ file, text, script, errors });
  }
  if (loaded.length === 0) return usage('no script carries the selected tags');
  const traceNames = traceFileNames(loaded.map((l) => l.file));
  if (opts.traceDir !== undefined && !io.writeFile) return usage('--trace is not available here');

  let stopped: StopSignal | undefined;
  let current: Runner | undefined;
  const unlisten = io.onSignal?.((signal) => {
    stopped = signal;
    void current?.stop();
  });
  const reporter = REPORTERS[opts.reporter];
  const entries: ScriptEntry[] = [];
  const target = opts.mock ? 'mock' : opts.url;
  let unparseable = false;
  const started = io.now();
  io.stdout(reporter.start(loaded.length));
  let i = 0;
  try {
    for (; i < loaded.length && !stopped; i++) {
      const { file, text, script, errors } = loaded[i];
      const events: RunEvent[] = [];
      let result: RunResult;
      if (errors.length > 0) {
        unparseable = true;
        result = parseErrorResult(file, errors);
      } else {
        const transport = makeTransport(opts.mock ? { mock: true } : { mock: false, url: opts.url });
        try {
          current = createRunner({
            script,
            transport,
            inspect: false,
            ...(opts.receiveMs !== undefined ? { timeouts: { receiveMs: opts.receiveMs } } : {}),
          });
          if (opts.traceDir !== undefined) current.on((e) => void events.push(e));
          result = await current.start();
        } finally {
          current = undefined;
          await transport.dispose?.().catch(() => undefined);
        }
      }
      if (opts.traceDir !== undefined) {
        const trace = buildTrace({
          script: { name: file, text },
          target,
          events,
          result,
          tool: TOOL,
          createdAt: new Date(),
        });
        try {
          io.writeFile!(opts.traceDir, traceNames[i], JSON.stringify(trace) + '\n');
        } catch (e) {
          io.stderr(`scs run: cannot write the trace of '${file}': ${(e as Error)?.message ?? String(e)}\n`);
        }
      }
      const entry = { file, result };
      entries.push(entry);
      io.stdout(reporter.script(entry, i));
      if (opts.bail && result.verdict !== 'pass') {
        i++;
        break;
      }
    }
  } finally {
    unlisten?.();
  }
  const notRun = loaded.slice(i).map((l) => l.file);
  io.stdout(reporter.finish(entries, io.now() - started, notRun, stopped ?? '--bail'));
  if (stopped) return 128 + SIGNAL_NUMBER[stopped];
  if (unparseable) return 2;
  return entries.every((e) => e.result.verdict === 'pass') ? 0 : 1;
}
