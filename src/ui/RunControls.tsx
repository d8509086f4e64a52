// Run, Step, Pause, Stop, Reset, Run to cursor. State decides what is enabled; services do the work.
import {
  selectBlockingError,
  selectCanRun,
  selectCursorLine,
  selectRunId,
  selectRunStatus,
  useAppStore,
} from '../store';
import { useServices } from './ServicesContext';
import { CursorIcon, PauseIcon, PlayIcon, ResetIcon, StepIcon, StopIcon } from './icons';

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export function RunControls() {
  const { run } = useServices();
  const status = useAppStore(selectRunStatus);
  const canRun = useAppStore(selectCanRun);
  const runId = useAppStore(selectRunId);
  const cursorLine = useAppStore(selectCursorLine);
  const running = status === 'running';
  const paused = status === 'paused';
  const active = running || paused;
  const blocking = useAppStore(selectBlockingError);
  // A disabled Run says why in its tooltip.
  const whyNot = running
    ? 'A run is in progress: pause or stop it first'
    : blocking
      ? `Cannot run: line ${blocking.line}: ${blocking.message}`
      : null;

  return (
    <div className="run-controls" role="toolbar" aria-label="Run controls">
      <button
        type="button"
        className="run-button primary"
        data-testid="run-button"
        disabled={running || (!paused && !canRun)}
        title={
          paused
            ? `Continue (${mod}+Enter)`
            : !canRun || running
              ? (whyNot ?? 'Run')
              : `Run the script (${mod}+Enter)`
        }
        onClick={() => void run.run()}
      >
        <PlayIcon /> {paused ? 'Continue' : 'Run'}
      </button>
      <button
        type="button"
        className="run-button"
        data-testid="step-button"
        aria-label="Step"
        disabled={running || (!paused && !canRun)}
        title={!paused && whyNot ? whyNot : 'Run one step, then pause (F10)'}
        onClick={() => void run.step()}
      >
        <StepIcon /> <span className="btn-label">Step</span>
      </button>
      <button
        type="button"
        className="run-button"
        data-testid="pause-button"
        aria-label="Pause"
        disabled={!running}
        title="Pause before the next step"
        onClick={() => run.pause()}
      >
        <PauseIcon /> <span className="btn-label">Pause</span>
      </button>
      <button
        type="button"
        className="run-button"
        data-testid="stop-button"
        aria-label="Stop"
        disabled={!active}
        title="Stop the run (Shift+F5)"
        onClick={() => void run.stop()}
      >
        <StopIcon /> <span className="btn-label">Stop</span>
      </button>
      <button
        type="button"
        className="run-button"
        data-testid="reset-button"
        aria-label="Reset"
        disabled={runId === null}
        title="Clear the results"
        onClick={() => void run.reset()}
      >
        <ResetIcon /> <span className="btn-label">Reset</span>
      </button>
      <button
        type="button"
        className="run-button"
        data-testid="run-to-cursor-button"
        aria-label="Run to cursor"
        disabled={running || (!paused && !canRun)}
        title={`Run until the step at the cursor (line ${cursorLine}), then pause`}
        onClick={() => void run.runToCursor()}
      >
        <CursorIcon /> <span className="btn-label">To cursor</span>
      </button>
    </div>
  );
}

/** Why Run is disabled, with the line to fix (click to go there). */
export function RunBlockedReason() {
  const err = useAppStore(selectBlockingError);
  const canRun = useAppStore(selectCanRun);
  const reveal = useAppStore((s) => s.requestReveal);
  if (canRun) return null;
  if (err) {
    return (
      <button
        type="button"
        className="run-blocked"
        data-testid="run-blocked-reason"
        role="alert"
        onClick={() => reveal(err.line)}
        title="Go to the error"
      >
        Cannot run: line {err.line}: {err.message}
      </button>
    );
  }
  return null;
}
