// The differential fuzzer's engine: fast-check model-based commands (one command per client action,
// shrinkable), each run on the mock and on Prosody side by side, transcripts normalised and compared
// after every step; the first divergence fails the run and fast-check shrinks the flow.
import fc from 'fast-check';
import type { Element } from 'ltx';
import type { Transport } from '../../../src/runner/transport';
import type { InProcessTransport } from '../../../src/mock/inProcess';
import { openSide, type FlowSide, type Received } from './driver';
import { action, flowNames, type Action, type Names } from './flows';
import { addresseeOf, label, render } from './render';
import { normaliseStanzas } from './normalise';
import { Coverage, roleIn, stateOf } from './coverage';

export interface Sides {
  /** A fresh mock (a new server each flow) and its snapshot. */
  mock(): InProcessTransport;
  /** The oracle (Prosody); undefined: mock only (self-check). */
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
  mock: FlowSide;
  mockT: InProcessTransport;
  oracle: FlowSide | undefined;
  record: FlowRecord;
  sentIds: Set<string>;
  coverage: Coverage | undefined;
  flowId: number;
}

function describeReceived(r: Received | undefined, sentIds: ReadonlySet<string>): string[] {
  if (!r) return ['(not connected)'];
  const out = normaliseStanzas(r.stanzas, sentIds);
  if (r.closed) out.push(`(closed: ${r.closed})`);
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
    if (real.coverage) {
      const snap = await real.mockT.inspect();
      const where = addresseeOf(this.action);
      const room = real.names.rooms[where.room];
      real.coverage.hit(real.flowId, {
        kind: where.kind,
        addressee: where.addressee,
        role: roleIn(snap, room, real.names.users[this.action.c]),
        state: stateOf(snap, room),
      });
    }
    const mockOut = await real.mock.step(this.action.c, stanza);
    const oracleOut = real.oracle ? await real.oracle.step(this.action.c, stanza) : mockOut;
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
      );
      const b = describeReceived(
        oracleOut.find((r) => r.client === c),
        real.sentIds,
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
}

export interface FuzzResult {
  flowsRun: number;
  failure?: { divergence: Divergence; flow: FlowRecord; counterexample: string; shrinks: number };
  error?: string;
}

const flowArb = (maxSteps: number) =>
  fc.record({
    clients: fc.integer({ min: 2, max: 4 }),
    admin: fc.boolean(),
    steps: fc.commands([action.map((a) => new Step(a))], { maxCommands: maxSteps, size: 'max' }),
  });

let flowCounter = 0;

export async function fuzz(sides: Sides, opts: FuzzOptions): Promise<FuzzResult> {
  let flowsRun = 0;
  let last: DivergenceError | undefined;
  const started = Date.now();
  const prop = fc.asyncProperty(flowArb(opts.maxSteps ?? 16), async ({ clients, admin, steps }) => {
    if (opts.budgetMs !== undefined && Date.now() - started > opts.budgetMs) return;
    const flowId = flowCounter++;
    const names = flowNames(`f${flowId}x`, clients, admin);
    const specs = names.users.map((jid, i) => ({ jid, resource: names.resources[i] }));
    const mockT = sides.mock();
    const mock = await openSide(mockT, specs);
    const oracle = sides.oracle ? await openSide(sides.oracle(), specs, { barrierMs: 3000 }) : undefined;
    const real: Real = {
      names,
      mock,
      mockT,
      oracle,
      record: { names, clients, steps: [] },
      sentIds: new Set(),
      coverage: opts.coverage,
      flowId,
    };
    try {
      await fc.asyncModelRun(() => ({ model: { clients }, real }), steps);
      flowsRun++;
      opts.onFlow?.(flowsRun);
    } catch (err) {
      if (err instanceof DivergenceError) last = err;
      throw err;
    } finally {
      await mock.close();
      await oracle?.close();
    }
  });
  const details = await fc.check(prop, { numRuns: opts.flows, seed: opts.seed, endOnFailure: false });
  if (!details.failed) return { flowsRun };
  if (last) {
    return {
      flowsRun,
      failure: {
        divergence: last.divergence,
        flow: last.flow,
        counterexample: String(details.counterexample?.[0]?.steps ?? ''),
        shrinks: details.numShrinks,
      },
    };
  }
  return { flowsRun, error: String(details.errorInstance) };
}
