// The runner room's public face: run a parsed Script over any Transport, with events and control.
export { createRunner, DEFAULT_TIMEOUTS } from './runner';
export { transition, initialControl } from './control';
export { createRunId } from './text';
export type { Control, ControlState, Intent } from './control';
export type { Runner, RunnerOptions, RunnerStatus, RunnerTimeouts } from './runner';
export { realClock, createManualClock } from './clock';
export type { Clock, ManualClock } from './clock';
export type * from './events';
export type * from './transport';
export { TransportError } from './transport';
export { buildJsonReport } from './report';
export type { JsonReport, JsonScriptEntry } from './report';
export { buildTrace, parseTrace, TRACE_FORMAT, TRACE_VERSION, TRACE_MAX_BYTES } from './trace';
export type { Trace, TraceParse } from './trace';
