// The page's runner factory: on a run worker (the mock target) the runner runs inside the worker beside
// the mock and the page holds a RemoteRunner with the same surface; on any other transport (a real
// server's WebSocket, which lives on the page; the in-process mock of tests and headless runs) the
// runner runs here. Callers give the text the script was parsed from, which the worker parses again.
import { createRunId, createRunner as createLocalRunner, type Runner, type RunnerOptions } from '../runner';
import { isRunHost } from '../worker';

export interface PageRunnerOptions extends RunnerOptions {
  /** The text `script` was parsed from (needed to run it in a run worker). */
  source?: string;
}

export type PageCreateRunner = (opts: PageRunnerOptions) => Runner;

export const createPageRunner: PageCreateRunner = (opts) => {
  if (!isRunHost(opts.transport)) return createLocalRunner(opts);
  if (opts.source === undefined)
    throw new Error('a run in the mock worker needs the script text it was parsed from');
  return opts.transport.createRunner({
    runId: opts.runId ?? createRunId(Date.now()),
    script: opts.script,
    source: opts.source,
    timeouts: opts.timeouts,
    inspect: opts.inspect,
  });
};
