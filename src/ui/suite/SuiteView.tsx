// The suite view (like a test runner's UI mode): many scripts, their statuses, filters, run and watch.
import { selectSuiteCounts, selectSuiteRunning, selectTarget, useAppStore } from '../../store';
import { targetLabel } from '../../services';
import { SuiteToolbar } from './SuiteToolbar';
import { SuiteFilters, SuiteTree } from './SuiteTree';
import './suite.css';

export function SuiteView() {
  const counts = useAppStore(selectSuiteCounts);
  const running = useAppStore(selectSuiteRunning);
  const target = useAppStore(selectTarget);
  return (
    <main className="suite-view" data-testid="suite-view" aria-label="Suite">
      <SuiteToolbar />
      <SuiteFilters />
      <div className="suite-summary" data-testid="suite-summary" aria-live="polite">
        {counts.total} scripts · {counts.passed} passed · {counts.failed} failed · {counts.notRun} not run ·
        target {targetLabel(target)}
        {target.kind === 'mock' ? ' (in parallel)' : ' (one after another)'}
        {running && <span className="suite-running"> · running…</span>}
      </div>
      <SuiteTree />
    </main>
  );
}
