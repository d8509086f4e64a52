// Comparing two targets: the suite's scripts (or the workbench's script) run on target A and on target B,
// side by side; each script gets both verdicts and, where the runs part ways, the first divergent step
// (src/runner/compare.ts). A and B run at the same time unless they are the same server.
import { compareRuns } from '../runner/compare';
import type { AppStore, Target } from '../store';
import { runSuite, type ScriptRun, type SuiteJob, type SuiteRunOptions } from './suiteRunner';
import { makeEntry } from './suiteSources';
import { replayRun } from './traceReplay';
import { targetLabel, type TransportFactory } from './transports';

export interface CompareService {
  /** Compare the given scripts (default: the suite; an empty suite takes the workbench's script). */
  run(ids?: string[]): Promise<void>;
  stop(): void;
  /** The two runs of a script in the last comparison. */
  runsOf(id: string): { a?: ScriptRun; b?: ScriptRun };
  /** Opens one side's run of a script in the workbench. */
  open(id: string, side: 'a' | 'b'): void;
}

export interface CompareServiceDeps {
  store: AppStore;
  makeTransport: TransportFactory;
  createRunner?: SuiteRunOptions['createRunner'];
  stopRun?: () => Promise<void>;
  flushParse?: () => void;
  parallel?: number;
}

/** Distinct labels even when both targets are the same kind ("mock" vs "mock"). */
export function compareLabels(a: Target, b: Target): { a: string; b: string } {
  const la = targetLabel(a);
  const lb = targetLabel(b);
  return la === lb ? { a: `A: ${la}`, b: `B: ${lb}` } : { a: la, b: lb };
}

export function createCompareService(deps: CompareServiceDeps): CompareService {
  const { store } = deps;
  let generation = 0;
  const runs = new Map<string, { a?: ScriptRun; b?: ScriptRun; name: string; text: string }>();

  return {
    async run(ids) {
      const my = ++generation;
      const s = store.getState();
      let entries = s.suiteEntries;
      if (entries.length === 0) {
        s.suiteAdd([makeEntry(s.fileName, s.text, 'workbench')]);
        entries = store.getState().suiteEntries;
      }
      const chosen = ids ? entries.filter((e) => ids.includes(e.id)) : entries;
      const jobs: SuiteJob[] = chosen.map((e) => ({ id: e.id, name: e.name, text: e.text }));
      const { targetA, targetB } = store.getState().compare;
      const labels = compareLabels(targetA, targetB);
      runs.clear();
      for (const j of jobs) runs.set(j.id, { name: j.name, text: j.text });
      store.getState().compareBegin(
        jobs.map((j) => j.id),
        labels,
      );
      const side = (which: 'a' | 'b', target: Target) =>
        runSuite(jobs, {
          target,
          makeTransport: deps.makeTransport,
          createRunner: deps.createRunner,
          parallel: deps.parallel,
          cancelled: () => my !== generation,
          onStart: (j) => store.getState().comparePatchRow(j.id, { [which]: 'running' }),
          onDone: (j, run) => {
            if (my !== generation) return;
            const both = runs.get(j.id);
            if (!both) return;
            both[which] = run;
            store.getState().comparePatchRow(j.id, { [which]: run.result.verdict });
            if (both.a && both.b)
              store.getState().comparePatchRow(j.id, { comparison: compareRuns(both.a, both.b, labels) });
          },
        });
      const sameServer = targetLabel(targetA) === targetLabel(targetB) && targetA.kind !== 'mock';
      try {
        if (sameServer) {
          await side('a', targetA);
          await side('b', targetB);
        } else await Promise.all([side('a', targetA), side('b', targetB)]);
      } finally {
        if (my === generation) store.getState().compareEnd();
      }
    },
    stop() {
      generation++;
      store.getState().compareEnd();
    },
    runsOf(id) {
      const r = runs.get(id);
      return { a: r?.a, b: r?.b };
    },
    open(id, which) {
      const r = runs.get(id);
      const run = r?.[which];
      if (!r || !run) return;
      void (deps.stopRun?.() ?? Promise.resolve()).then(() => {
        replayRun(
          store,
          {
            script: { name: r.name, text: r.text },
            target: run.target,
            events: run.events,
            result: run.result,
          },
          { source: 'file', flushParse: deps.flushParse },
        );
        store.getState().setView('workbench');
      });
    },
  };
}
