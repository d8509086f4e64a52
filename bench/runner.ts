// Runner benchmark, against real Prosody (the bench's own, bench/prosody.ts):
// 1. muc_password.scs run by our runner vs a plain @xmpp/client program doing the same exchanges (same
//    connects, the same stanzas sent, waiting for the same number of stanzas, no matching), interleaved,
//    a clean server before each run; target ratio <= 1.1x.
// 2. The whole 0.12 corpus: wall time (clean server per script), time inside runs, and the time spent in
//    `receives: nothing` quiet periods (the corpus has no such step: the count is reported too).
// Not a timed test: `npm run bench` (bench/index.ts) or `npx tsx bench/runner.ts`.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import WebSocket from 'ws';
import { client as xmppClient } from '@xmpp/client';
import type { Element } from 'ltx';
import { parse, expand, jidVariable } from '../src/scansion/index';
import type { Script } from '../src/scansion/index';
import { createRunner } from '../src/runner/index';
import { createNodeTransport } from '../src/runner/transports/node';
import { benchProsodyUrl, prosodyInstalled, restartProsody, stopProsody } from './prosody';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
  note?: string;
}

const corpus = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '../../shared/corpus/prosody-0.12',
);

/** @xmpp/client uses the global WebSocket, which Node 20 lacks: give it `ws` with an Origin. */
class OriginWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { headers: { Origin: 'http://localhost:5173' } });
  }
}

interface PlainClient {
  xmpp: ReturnType<typeof xmppClient>;
  queue: Element[];
  waiter?: () => void;
  /** Stanzas of the last burst still queued (scansion drops them unless the same client receives next). */
  leftover: number;
}

/**
 * The baseline: the script's exchanges with a plain @xmpp/client per character. Sends the same
 * stanzas (variables substituted), waits for as many stanzas as each `receives:` expects, compares
 * nothing. Stanzas are queued once online, and the rest of a burst is dropped when the next step is
 * not a receive of that client, as the runner (and scansion) does: otherwise the baseline would take
 * the MUC's status-104 message for the join presence it must wait for, and finish early.
 */
async function plainProgram(script: Script, url: string): Promise<void> {
  const clients = new Map<string, PlainClient>();
  const vars: Record<string, string> = {};
  for (const c of script.clients) if (c.jid) vars[jidVariable(c.name, 'JID')] = c.jid.split('/')[0];
  const next = (c: PlainClient) =>
    new Promise<Element>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('baseline: timeout')), 5000);
      const take = () => {
        if (c.queue.length === 0) return false;
        clearTimeout(t);
        c.waiter = undefined;
        resolve(c.queue.shift() as Element);
        return true;
      };
      if (!take()) c.waiter = () => void take();
    });
  for (const step of script.steps) {
    for (const [name, c] of clients) {
      if (c.leftover > 0 && !(step.client === name && step.action === 'receives')) {
        c.queue.splice(0, c.leftover);
        c.leftover = 0;
      }
    }
    const decl = script.clients.find((c) => c.name === step.client)!;
    if (step.action === 'connects') {
      const [local, domain] = decl.jid!.split('@');
      const xmpp = xmppClient({
        service: url,
        domain,
        username: local,
        password: decl.password,
        ...(decl.resource ? { resource: decl.resource } : {}),
      });
      const c: PlainClient = { xmpp, queue: [], leftover: 0 };
      xmpp.on('error', () => undefined);
      xmpp.on('stanza', (s: Element) => {
        if (xmpp.status !== 'online') return;
        c.queue.push(s);
        c.waiter?.();
      });
      const jid = String(await xmpp.start());
      vars[jidVariable(step.client, 'full JID')] = jid;
      clients.set(step.client, c);
    } else if (step.action === 'sends') {
      for (const st of step.stanzas) await clients.get(step.client)!.xmpp.send(expand(st, vars).element);
    } else if (step.action === 'receives') {
      const c = clients.get(step.client)!;
      for (let i = 0; i < step.stanzas.length; i++) {
        if (c.leftover > 0) {
          c.leftover--;
          c.queue.shift();
          continue;
        }
        await next(c);
        c.leftover = c.queue.length;
      }
    } else if (step.action === 'disconnects') {
      await clients.get(step.client)!.xmpp.stop();
      clients.delete(step.client);
    }
  }
  await Promise.all([...clients.values()].map((c) => c.xmpp.stop()));
}

async function runnerProgram(script: Script, url: string): Promise<number> {
  const transport = createNodeTransport(url);
  try {
    const result = await createRunner({ script, transport }).start();
    if (result.verdict !== 'pass') throw new Error(`runner: ${result.verdict}: ${result.failure?.message}`);
    return result.nothingWaitMs ?? 0;
  } finally {
    await transport.dispose?.();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number) => Math.round(x * 100) / 100;

export async function benchRunner(runs = 15): Promise<BenchRow[]> {
  if (!prosodyInstalled()) throw new Error('prosody is not installed: the runner bench needs it');
  if (!existsSync(corpus)) throw new Error(`corpus not found at ${corpus}`);
  const previousWebSocket = (globalThis as { WebSocket?: unknown }).WebSocket;
  (globalThis as { WebSocket?: unknown }).WebSocket = OriginWebSocket;
  try {
    // 1. muc_password: runner vs plain @xmpp/client, interleaved, clean server before each run.
    const muc = parse(readFileSync(path.join(corpus, 'muc_password.scs'), 'utf8')).script;
    const tRunner: number[] = [];
    const tPlain: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      restartProsody();
      let t0 = performance.now();
      await runnerProgram(muc, benchProsodyUrl);
      const r = performance.now() - t0;
      restartProsody();
      t0 = performance.now();
      await plainProgram(muc, benchProsodyUrl);
      const p = performance.now() - t0;
      if (i >= 2) {
        tRunner.push(r);
        tPlain.push(p);
      }
    }
    const runnerMs = median(tRunner);
    const plainMs = median(tPlain);

    // 2. The whole 0.12 corpus, clean server per script.
    const files = readdirSync(corpus)
      .filter((f) => f.endsWith('.scs'))
      .sort();
    let inRuns = 0;
    let restarts = 0;
    let quiet = 0;
    let nothingSteps = 0;
    const failed: string[] = [];
    const wall0 = performance.now();
    for (const f of files) {
      const tr = performance.now();
      restartProsody();
      restarts += performance.now() - tr;
      const { script } = parse(readFileSync(path.join(corpus, f), 'utf8'));
      nothingSteps += script.steps.filter((s) => s.action === 'receives-nothing').length;
      const transport = createNodeTransport(benchProsodyUrl);
      const t0 = performance.now();
      const result = await createRunner({ script, transport }).start();
      inRuns += performance.now() - t0;
      await transport.dispose?.();
      quiet += result.nothingWaitMs ?? 0;
      if (result.verdict !== 'pass') failed.push(f);
    }
    const wall = performance.now() - wall0;
    return [
      { name: 'muc_password.scs, runner (median)', value: round(runnerMs), unit: 'ms' },
      { name: 'muc_password.scs, plain @xmpp/client (median)', value: round(plainMs), unit: 'ms' },
      {
        name: 'runner / plain @xmpp/client',
        value: round(runnerMs / plainMs),
        unit: 'x',
        baseline: round(plainMs),
        ratio: round(runnerMs / plainMs),
        target: '<= 1.1x',
      },
      {
        name: `0.12 corpus wall time (${files.length} scripts, clean server each)`,
        value: round(wall),
        unit: 'ms',
        note: `restarts ${round(restarts)} ms; not passing: ${failed.join(', ') || 'none'}`,
      },
      { name: '0.12 corpus time inside runs', value: round(inRuns), unit: 'ms' },
      {
        name: "0.12 corpus time in 'receives: nothing' quiet periods",
        value: round(quiet),
        unit: 'ms',
        note: `${nothingSteps} such steps in the corpus`,
      },
    ];
  } finally {
    (globalThis as { WebSocket?: unknown }).WebSocket = previousWebSocket;
    stopProsody();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await benchRunner();
  for (const r of rows) {
    console.log(
      `${r.name}: ${r.value} ${r.unit}` +
        (r.target ? ` (target ${r.target}: ${r.value <= 1.1 ? 'met' : 'MISSED'})` : '') +
        (r.note ? `  ${r.note}` : ''),
    );
  }
}
