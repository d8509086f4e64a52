// The differential fuzzer's engine: fast-check model-based commands (one command per client action,
// shrinkable), each run on the mock and on Prosody side by side, transcripts normalised and compared
// after every step; the first divergence fails the run and fast-check shrinks the flow.
import fc from 'fast-check';
import type { Element } from 'ltx';
import type { Transport } from '../../../src/runner/transport';
import type { InProcessTransport } from '../../../src/mock/inProcess';
import { openSide, type FlowSide, type Received } from './driver';
import { action, flowNames, prologueKind, prologueOf, type Action, type Names } from './flows';
import { addresseeOf, label, render } from './render';
import { normaliseStanzas } from './normalise';
import { Coverage, roleIn, stateOf } from './coverage';
import { Profile } from './profile';
import { adminOf } from './admins';

export interface Sides {
  /**
   * A fresh mock (a new server each flow) and its snapshot; `admins`: the flow's MUC service admin, if
   * it has one (admins.ts: each admin flow logs in as an admin account of its own).
   */
  mock(admins: string[]): InProcessTransport;
  /** The oracle (Prosody, started with admins.ts's FUZZ_PROSODY); undefined: mock only (self-check). */
  oracle?: () => Transport;
}

export interface StepRecord {
  action: Action;
  from: number;
  stanza: Element;
  mock: Received[];
  oracle: Received[];
}

export interface Divergence {
  step: number;
  client: number;
  action: string;
  mock: string[];
  oracle: string[];
  detail: string;
}

export class DivergenceError extends Error {
  constructor(
    readonly divergence: Divergence,
    readonly flow: FlowRecord,
  ) {
    super(`divergence at step ${divergence.step}, client ${divergence.client}: ${divergence.detail}`);
  }
}

export interface FlowRecord {
  names: Names;
  clients: number;
  steps: StepRecord[];
}

interface Model {
  clients: number;
}
interface Real {
  names: Names;
  tag: string;
  mock: FlowSide;
  mockT: InProcessTransport;
  oracle: FlowSide | undefined;
  record: FlowRecord;
  sentIds: Set<string>;
  coverage: Coverage | undefined;
  profile: Profile | undefined;
  flowId: number;
}

/** Time `fn` as `phase` when profiling. */
function timed<T>(profile: Profile | undefined, phase: string, fn: () => Promise<T>): Promise<T> {
  return profile ? profile.time(phase, fn) : fn();
}

function describeReceived(r: Received | undefined, sentIds: ReadonlySet<string>, flow: string): string[] {
  if (!r) return ['(not connected)'];
  const out = normaliseStanzas(r.stanzas, sentIds, flow);
  // N-CLOSE: a session's end is compared as an end: Prosody's WebSocket close races its stream error
  // (the client sees policy-violation, or the connection dropped).
  if (r.closed) out.push('(closed)');
  if (r.stalled) out.push('(stalled: no pong)');
  return out;
}

class Step implements fc.AsyncCommand<Model, Real> {
  constructor(readonly action: Action) {}
  check(m: Readonly<Model>): boolean {
    const a = this.action;
    return a.c < m.clients;
  }
  async run(_m: Model, real: Real): Promise<void> {
    const k = real.record.steps.length;
    const id = `s${k}`;
    real.sentIds.add(id);
    const stanza = render(this.action, real.names, id);
    if (real.coverage && typeof real.mockT.inspect === 'function') {
      const inspect = real.mockT.inspect.bind(real.mockT);
      const snap = await timed(real.profile, 'mock snapshot', () => inspect());
      const where = addresseeOf(this.action);
      const room = real.names.rooms[where.room];
      real.coverage.hit(real.flowId, {
        kind: where.kind,
        addressee: where.addressee,
        role: roleIn(snap, room, real.names.users[this.action.c]),
        state: stateOf(snap, room),
      });
    }
    const mockOut = await timed(real.profile, 'step mock', () => real.mock.step(this.action.c, stanza));
    const oracle = real.oracle;
    const oracleOut = oracle
      ? await timed(real.profile, 'step prosody', () => oracle.step(this.action.c, stanza))
      : mockOut;
    if (real.profile)
      for (const r of [...mockOut, ...oracleOut]) if (r.stalled) real.profile.count('stalls (timeouts)');
    real.record.steps.push({
      action: this.action,
      from: this.action.c,
      stanza,
      mock: mockOut,
      oracle: oracleOut,
    });
    for (let c = 0; c < real.record.clients; c++) {
      const a = describeReceived(
        mockOut.find((r) => r.client === c),
        real.sentIds,
        real.tag,
      );
      const b = describeReceived(
        oracleOut.find((r) => r.client === c),
        real.sentIds,
        real.tag,
      );
      const n = Math.max(a.length, b.length);
      for (let i = 0; i < n; i++) {
        if (a[i] !== b[i]) {
          throw new DivergenceError(
            {
              step: k,
              client: c,
              action: label(this.action),
              mock: a,
              oracle: b,
              detail: `stanza ${i + 1}: mock ${a[i] ?? '(nothing)'}\n  oracle ${b[i] ?? '(nothing)'}`,
            },
            real.record,
          );
        }
      }
    }
  }
  toString(): string {
    return label(this.action);
  }
}

export interface FuzzOptions {
  flows: number;
  seed: number;
  maxSteps?: number;
  /** Stop (as passed) once this much wall time has gone. */
  budgetMs?: number;
  coverage?: Coverage;
  onFlow?: (n: number) => void;
  /** Record every divergence class and go on (no shrinking): how soon each class is found. */
  keepGoing?: boolean;
  /**
   * Flows run side by side against the one oracle (default 1): `lanes` fast-check runs, lane 0 on
   * `seed` itself and lane k on laneSeed(seed, k), the flows shared out between them.
   */
  lanes?: number;
  profile?: Profile;
}

/** Lane k's fast-check seed: lane 0 runs the printed seed itself (a one-lane run reproduces it). */
export function laneSeed(seed: number, lane: number): number {
  return lane === 0 ? seed : (seed ^ Math.imul(lane, 0x9e3779b1)) | 0;
}

export interface DivergenceClass {
  signature: string;
  firstFlow: number;
  count: number;
  example: Divergence;
  /** The example's flow up to the divergence, one label per step (prologue included). */
  exampleFlow: string[];
}

/** A divergence's class: the action kind, its addressee, and the shapes of the two differing stanzas. */
export function signatureOf(d: Divergence, a: Action): string {
  const shape = (x: string | undefined) => {
    if (x === undefined) return '(nothing)';
    const m = /^<(\w+)([^>]*)>/.exec(x);
    const type = m ? (/ type="([^"]*)"/.exec(m[2])?.[1] ?? '') : '';
    const cond = /<([\w-]+) xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/.exec(x)?.[1] ?? '';
    return `${m?.[1] ?? x.slice(0, 30)}${type ? `/${type}` : ''}${cond ? `/${cond}` : ''}`;
  };
  const i = d.mock.findIndex((x, k) => x !== d.oracle[k]);
  const k = i === -1 ? Math.min(d.mock.length, d.oracle.length) : i;
  const where = addresseeOf(a);
  return `${a.t} ${where.kind}->${where.addressee}: mock ${shape(d.mock[k])} / prosody ${shape(d.oracle[k])}`;
}

export interface FuzzResult {
  flowsRun: number;
  classes?: DivergenceClass[];
  failure?: { divergence: Divergence; flow: FlowRecord; counterexample: string; shrinks: number };
  error?: string;
}

const flowArb = (maxSteps: number) =>
  fc.record({
    clients: fc.integer({ min: 2, max: 4 }),
    admin: fc.constantFrom(false, false, false, true), // one flow in 4: client 0 is the MUC admin
    prologue: prologueKind,
    steps: fc.commands([action.map((a) => new Step(a))], { maxCommands: maxSteps, size: 'max' }),
  });

let flowCounter = 0;

export async function fuzz(sides: Sides, opts: FuzzOptions): Promise<FuzzResult> {
  let flowsRun = 0;
  // Per lane, the latest (most shrunk) divergence; the lane that failed first is the one reported.
  const last: Array<DivergenceError | undefined> = [];
  let failedLane: number | undefined;
  const started = Date.now();
  const classes = new Map<string, DivergenceClass>();
  const firstFlowId = flowCounter;
  const closings = new Set<Promise<void>>();
  const profile = opts.profile;
  const prop = (lane: number) =>
    fc.asyncProperty(flowArb(opts.maxSteps ?? 16), async ({ clients, admin, prologue, steps }) => {
      if (failedLane !== undefined && failedLane !== lane) return; // another lane failed: wind down
      if (opts.budgetMs !== undefined && Date.now() - started > opts.budgetMs) return;
      const flowId = flowCounter++;
      const tag = `f${flowId}x`;
      const adminJid = admin ? adminOf(flowId) : undefined;
      const names = flowNames(tag, clients, adminJid);
      const specs = names.users.map((jid, i) => ({ jid, resource: names.resources[i] }));
      const mockT = sides.mock(adminJid === undefined ? [] : [adminJid]);
      const oracleT = sides.oracle?.();
      const mock = await timed(profile, 'open mock', () => openSide(mockT, specs));
      const oracle = oracleT
        ? await timed(profile, 'open prosody', () => openSide(oracleT, specs, { barrierMs: 3000 }))
        : undefined;
      const real: Real = {
        names,
        tag,
        mock,
        mockT,
        oracle,
        record: { names, clients, steps: [] },
        sentIds: new Set(),
        coverage: opts.coverage,
        profile,
        flowId,
      };
      try {
        // The prologue (most flows): room 0 made by client 0, and opened, moderated or left locked, so
        // the random steps meet every room state and role early (prologue() in flows.ts).
        for (const a of prologueOf(prologue, clients)) await new Step(a).run({ clients }, real);
        await fc.asyncModelRun(() => ({ model: { clients }, real }), steps);
        flowsRun++;
        opts.onFlow?.(flowsRun);
      } catch (err) {
        if (err instanceof DivergenceError && opts.keepGoing) {
          const a = err.flow.steps[err.divergence.step].action;
          const sig = signatureOf(err.divergence, a);
          const c = classes.get(sig);
          if (c) c.count++;
          else
            classes.set(sig, {
              signature: sig,
              firstFlow: flowId - firstFlowId + 1,
              count: 1,
              example: err.divergence,
              exampleFlow: err.flow.steps.map((s) => `c${s.from} ${label(s.action)}`),
            });
          flowsRun++;
          opts.onFlow?.(flowsRun);
          return;
        }
        if (err instanceof DivergenceError) last[lane] = err;
        failedLane ??= lane;
        throw err;
      } finally {
        // Closing waits for the server's closing stream: the next flow need not wait for it (it logs
        // in as other accounts).
        const closing = timed(profile, 'close', async () => {
          await mock.close();
          await oracle?.close();
        });
        closings.add(closing);
        void closing.finally(() => closings.delete(closing));
      }
    });
  const lanes = Math.max(1, opts.lanes ?? 1);
  const runs = await Promise.all(
    Array.from({ length: lanes }, (_, k) =>
      fc.check(prop(k), {
        numRuns: Math.floor(opts.flows / lanes) + (k < opts.flows % lanes ? 1 : 0),
        seed: laneSeed(opts.seed, k),
        endOnFailure: false,
      }),
    ),
  );
  await Promise.all([...closings]);
  if (failedLane === undefined) return { flowsRun, classes: [...classes.values()] };
  const details = runs[failedLane];
  const found = last[failedLane];
  if (found) {
    return {
      flowsRun,
      failure: {
        divergence: found.divergence,
        flow: found.flow,
        counterexample: String(details.counterexample?.[0]?.steps ?? ''),
        shrinks: details.numShrinks,
      },
    };
  }
  return { flowsRun, error: String(details.errorInstance) };
}
