// The run's state in words, with data-status for automation.
import { connectHint } from '../services/connectHint';
import { formatDuration } from '../services/stepView';
import {
  selectCurrentStep,
  selectDisplayStatus,
  selectNextStep,
  selectResult,
  selectRunError,
  selectRunSteps,
  selectRunTarget,
  selectServerClosed,
  serverClosedText,
  useAppStore,
} from '../store';

export function RunStatus() {
  const status = useAppStore(selectDisplayStatus);
  const steps = useAppStore(selectRunSteps);
  const current = useAppStore(selectCurrentStep);
  const next = useAppStore(selectNextStep);
  const result = useAppStore(selectResult);
  const runError = useAppStore(selectRunError);
  const stopped = useAppStore((s) => s.stopped);
  const target = useAppStore(selectRunTarget);
  const serverClosed = useAppStore(selectServerClosed);
  const errors = useAppStore((s) => s.diagnostics.filter((d) => d.severity === 'error').length);
  const total = steps.length;
  const done = steps.filter((s) => s.status === 'passed').length;

  let text: string;
  let detail = '';
  switch (status) {
    case 'invalid':
      text = 'Script has errors';
      detail = `${errors} error${errors === 1 ? '' : 's'}`;
      break;
    case 'idle':
      text = stopped ? 'Stopped' : 'Ready';
      detail = stopped ? `${done} of ${total} steps passed` : '';
      break;
    case 'running':
      text = current !== null ? `Running step ${current + 1} of ${total}` : 'Starting…';
      detail = target ?? '';
      break;
    case 'paused':
      text = next !== null ? `Paused before step ${next + 1} of ${total}` : 'Paused';
      detail = `${done} passed`;
      if (serverClosed) {
        text = `${text}: ${serverClosedText(serverClosed)}`;
        detail = serverClosed.message ?? '';
      }
      break;
    case 'pass':
      text = 'Passed';
      detail = `${result?.stepsPassed ?? done}/${result?.stepsTotal ?? total} steps · ${formatDuration(result?.durationMs)}`;
      break;
    case 'fail':
      text = result?.failure ? `Failed at line ${result.failure.line}` : 'Failed';
      detail = `${result?.stepsPassed ?? done}/${result?.stepsTotal ?? total} steps passed · ${formatDuration(result?.durationMs)}`;
      break;
    case 'error':
      text = 'Error';
      detail = runError ?? result?.failure?.message ?? '';
      break;
  }

  const hint = status === 'error' || status === 'fail' ? connectHint(detail) : null;

  return (
    <>
      <div
        className={`run-status status-${status}`}
        data-testid="run-status"
        data-status={status}
        aria-live="polite"
      >
        <span className="run-status-dot" aria-hidden="true" />
        <span className="run-status-text">{text}</span>
        {detail && (
          <span className="run-status-detail" title={detail}>
            {detail}
          </span>
        )}
      </div>
      {hint && (
        <div className="run-hint" data-testid="run-hint">
          {hint}
        </div>
      )}
    </>
  );
}
