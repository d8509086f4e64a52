// The runner's control state machine (RUNNER.md, RUN-CONTROL-*): one pure transition function from the
// current control and an input (a user intent or the run loop's progress) to the next control and the
// one effect the runner must carry out. The page mirrors this state; it never keeps a second one.

export type ControlState = 'idle' | 'running' | 'paused' | 'stopping' | 'finished';

export interface Control {
  readonly state: ControlState;
  /** Pause at the next step boundary. */
  readonly pauseRequested: boolean;
  /** Pause after the step now running completes (one step). */
  readonly stepOnce: boolean;
  /** Pause before the first step whose block reaches this line. */
  readonly targetLine?: number;
}

/** What a user (or the page) asks for. */
export type Intent =
  | { type: 'run' }
  | { type: 'step' }
  | { type: 'pause' }
  | { type: 'run-to'; line: number }
  | { type: 'stop' };

/** What the run loop reports. */
export type Progress = { type: 'gate'; endLine: number } | { type: 'step-done' } | { type: 'finished' };

/**
 * - `begin`: start the run loop (it was idle).
 * - `wake`: let a paused loop continue.
 * - `abort`: cancel the step in progress and wake a paused loop (stop).
 * - `finish-now`: stopped before it began: finish without running anything.
 * - `pause`: the loop pauses before this step. `proceed`: it runs the step. `halt`: it ends (stopping).
 */
export type Effect = 'none' | 'begin' | 'wake' | 'abort' | 'finish-now' | 'pause' | 'proceed' | 'halt';

export const initialControl: Control = { state: 'idle', pauseRequested: false, stepOnce: false };

function withoutTarget(c: Control, patch: Partial<Control>): Control {
  const next = { ...c, ...patch };
  delete (next as { targetLine?: number }).targetLine;
  return next;
}

export function transition(c: Control, input: Intent | Progress): { control: Control; effect: Effect } {
  const same = { control: c, effect: 'none' as Effect };
  switch (input.type) {
    case 'run':
      // From idle a pause asked before keeps holding (the run starts paused); otherwise run to the end.
      if (c.state === 'idle') return { control: { ...c, state: 'running' }, effect: 'begin' };
      if (c.state === 'paused')
        return {
          control: withoutTarget(c, { state: 'running', pauseRequested: false, stepOnce: false }),
          effect: 'wake',
        };
      if (c.state === 'running')
        return { control: withoutTarget(c, { pauseRequested: false, stepOnce: false }), effect: 'none' };
      return same;
    case 'step':
      if (c.state === 'idle') return { control: { ...c, state: 'running', stepOnce: true }, effect: 'begin' };
      if (c.state === 'paused')
        return { control: { ...c, state: 'running', stepOnce: true }, effect: 'wake' };
      // Step while running: the step in progress is the one step; pause after it.
      if (c.state === 'running') return { control: { ...c, pauseRequested: true }, effect: 'none' };
      return same;
    case 'pause':
      if (c.state === 'idle' || c.state === 'running')
        return { control: { ...c, pauseRequested: true }, effect: 'none' };
      return same;
    case 'run-to':
      if (c.state === 'idle')
        return { control: { ...c, state: 'running', targetLine: input.line }, effect: 'begin' };
      if (c.state === 'paused')
        return {
          control: { ...c, state: 'running', pauseRequested: false, stepOnce: false, targetLine: input.line },
          effect: 'wake',
        };
      if (c.state === 'running') return { control: { ...c, targetLine: input.line }, effect: 'none' };
      return same;
    case 'stop':
      if (c.state === 'idle') return { control: { ...c, state: 'finished' }, effect: 'finish-now' };
      if (c.state === 'running' || c.state === 'paused')
        return { control: { ...c, state: 'stopping' }, effect: 'abort' };
      return same;
    case 'gate':
      if (c.state === 'stopping' || c.state === 'finished') return { control: c, effect: 'halt' };
      if (c.targetLine !== undefined && input.endLine >= c.targetLine)
        return { control: withoutTarget(c, { state: 'paused', pauseRequested: false }), effect: 'pause' };
      if (c.pauseRequested)
        return { control: { ...c, state: 'paused', pauseRequested: false }, effect: 'pause' };
      return { control: c, effect: 'proceed' };
    case 'step-done':
      if (c.stepOnce) return { control: { ...c, stepOnce: false, pauseRequested: true }, effect: 'none' };
      return same;
    case 'finished':
      return {
        control: withoutTarget(c, { state: 'finished', pauseRequested: false, stepOnce: false }),
        effect: 'none',
      };
  }
}
