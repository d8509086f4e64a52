// The runner room's public face: run a parsed Script over any Transport, with events and control.
export { createRunner, DEFAULT_TIMEOUTS } from './runner';
export type { Runner, RunnerOptions, RunnerStatus, RunnerTimeouts } from './runner';
export { realClock, createManualClock } from './clock';
export type { Clock, ManualClock } from './clock';
// eslint-disable-next-line no-restricted-imports -- our own ./events.ts, not Node's 'events' (lint pattern collision)
export type * from './events';
export type * from './transport';
export { TransportError } from './transport';
export { buildJsonReport } from './report';
export type { JsonReport, JsonScriptEntry } from './report';
