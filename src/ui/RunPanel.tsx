import { RunBlockedReason, RunControls } from './RunControls';
import { RunStatus } from './RunStatus';
import { StepList } from './StepList';

export function RunPanel() {
  return (
    <section className="run-panel" aria-label="Run" data-pane="run">
      <div className="pane-title">
        <span>Run</span>
      </div>
      <RunControls />
      <RunStatus />
      <RunBlockedReason />
      <StepList />
    </section>
  );
}
