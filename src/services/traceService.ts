// Traces in the page: every workbench run is recorded as it happens (the runner's events, with their
// times); "Save trace" writes it as one file, and a trace file, a dropped trace or `?trace=URL` is opened
// again with every view working offline (see traceReplay.ts). Bad files get parseTrace's sentence.
import type { RunEvent } from '../runner';
import { createPageRunner, type PageCreateRunner } from './runners';
import { buildTrace, parseTrace, TRACE_MAX_BYTES, type Trace } from '../runner/trace';
import type { AppStore } from '../store';
import { replayRun } from './traceReplay';
import { downloadText } from './scriptLoader';

type CreateRunner = PageCreateRunner;

/** How long `?trace=URL` may take before the page gives up. */
export const TRACE_FETCH_TIMEOUT_MS = 15_000;

export type TraceOutcome = { ok: true; trace: Trace } | { ok: false; message: string };

export interface TraceService {
  /** The run controller's runner factory: records the events of each workbench run. */
  createRunner: CreateRunner;
  /** The current run (or the last one) as a trace; null when nothing has run. */
  current(): Trace | null;
  /** Download the current run as `NAME.trace.json`; false (with a notice) when there is none. */
  save(): boolean;
  /** Open a trace from its text (a file's contents); the live run is stopped first. */
  openText(text: string, name: string): Promise<TraceOutcome>;
  openFile(file: File): Promise<TraceOutcome>;
  /** Fetch and open `?trace=URL`, refusing files over the size limit and giving up after a timeout. */
  openUrl(url: string): Promise<TraceOutcome>;
}

export interface TraceServiceDeps {
  store: AppStore;
  createRunner?: CreateRunner;
  /** Stops the live run before a trace replaces it. */
  stopRun?: () => Promise<void>;
  flushParse?: () => void;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Writes a file for the user (a download link in the page). */
  download?: (fileName: string, text: string) => void;
}

interface Recording {
  runId: string;
  script: { name: string; text: string };
  events: RunEvent[];
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function traceFileName(scriptName: string): string {
  const base = scriptName.replace(/\.scs$/i, '').replace(/[^\w.-]+/g, '_') || 'run';
  return `${base}.trace.json`;
}

export function createTraceService(deps: TraceServiceDeps): TraceService {
  const { store } = deps;
  const inner = deps.createRunner ?? createPageRunner;
  const doFetch = deps.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  let recording: Recording | null = null;

  const fail = (message: string): TraceOutcome => {
    store.getState().notify('error', message);
    return { ok: false, message };
  };

  const open = (trace: Trace): void => {
    replayRun(store, trace, { source: 'file', flushParse: deps.flushParse });
    recording = { runId: trace.events[0]?.runId ?? '', script: trace.script, events: trace.events.slice() };
    const when = trace.createdAt.slice(0, 19).replace('T', ' ');
    store.getState().notify('info', `Opened the trace of ${trace.script.name} (${trace.target}, ${when})`);
  };

  const service: TraceService = {
    createRunner: (opts) => {
      const runner = inner(opts);
      const s = store.getState();
      const rec: Recording = {
        runId: runner.runId,
        script: { name: s.fileName, text: s.text },
        events: [],
      };
      recording = rec;
      runner.on((e) => rec.events.push(e));
      return runner;
    },

    current() {
      const s = store.getState();
      if (!recording || s.runId !== recording.runId) return null;
      const finished = [...recording.events].reverse().find((e) => e.type === 'run-finished');
      return buildTrace({
        script: recording.script,
        target: s.runTarget ?? 'mock',
        events: recording.events,
        result: finished?.type === 'run-finished' ? finished.result : (s.result ?? undefined),
        tool: 'playground',
        createdAt: new Date(),
      });
    },

    save() {
      const trace = service.current();
      if (!trace) {
        store.getState().notify('error', 'There is no run to save: run the script first.');
        return false;
      }
      (deps.download ?? ((name, text) => downloadText(name, text, 'application/json;charset=utf-8')))(
        traceFileName(trace.script.name),
        JSON.stringify(trace),
      );
      return true;
    },

    async openText(text, name) {
      const parsed = parseTrace(text);
      if (!parsed.ok) return fail(`${name}: ${parsed.error}`);
      // Stopped (and its results cleared) before the trace goes in, never after.
      await deps.stopRun?.();
      open(parsed.trace);
      return { ok: true, trace: parsed.trace };
    },

    async openFile(file) {
      if (file.size > TRACE_MAX_BYTES)
        return fail(`${file.name}: the trace is larger than ${TRACE_MAX_BYTES / 1024 / 1024} MB`);
      let text: string;
      try {
        text = await file.text();
      } catch (e) {
        return fail(`Could not read ${file.name}: ${messageOf(e)}`);
      }
      return service.openText(text, file.name);
    },

    async openUrl(url) {
      const ctl = new AbortController();
      const ms = deps.timeoutMs ?? TRACE_FETCH_TIMEOUT_MS;
      const timer = setTimeout(() => ctl.abort(), ms);
      try {
        let res: Response;
        try {
          res = await doFetch(url, { signal: ctl.signal });
        } catch (e) {
          if (ctl.signal.aborted)
            return fail(`Could not fetch the trace (${url}): no answer in ${ms / 1000} s`);
          return fail(`Could not fetch the trace (${url}): ${messageOf(e)}`);
        }
        if (!res.ok) return fail(`Could not fetch the trace (${url}): HTTP ${res.status}`);
        const declared = Number(res.headers.get('content-length'));
        if (declared > TRACE_MAX_BYTES)
          return fail(`The trace at ${url} is larger than ${TRACE_MAX_BYTES / 1024 / 1024} MB`);
        let text: string;
        try {
          text = await res.text();
        } catch (e) {
          if (ctl.signal.aborted)
            return fail(`Could not fetch the trace (${url}): no answer in ${ms / 1000} s`);
          return fail(`Could not read the trace (${url}): ${messageOf(e)}`);
        }
        return service.openText(text, url.split('/').pop() || url);
      } finally {
        clearTimeout(timer);
      }
    },
  };
  return service;
}
