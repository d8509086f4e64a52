// Workbench | Suite | Compare: which view the page shows.
import { selectSuiteCounts, selectView, useAppStore, type AppView } from '../../store';

const VIEWS: Array<{ id: AppView; label: string; title: string }> = [
  { id: 'workbench', label: 'Workbench', title: 'Edit and run one script' },
  { id: 'suite', label: 'Suite', title: 'Open many scripts, run them all, filter, watch' },
  { id: 'compare', label: 'Compare', title: 'Run the same scripts on two targets side by side' },
];

export function ViewSwitch() {
  const view = useAppStore(selectView);
  const setView = useAppStore((s) => s.setView);
  const counts = useAppStore(selectSuiteCounts);
  return (
    <div className="view-switch" role="tablist" aria-label="View" data-testid="view-switch">
      {VIEWS.map((v) => (
        <button
          key={v.id}
          type="button"
          role="tab"
          aria-selected={view === v.id}
          className={`view-tab${view === v.id ? ' active' : ''}`}
          data-testid={`view-${v.id}`}
          title={v.title}
          onClick={() => setView(v.id)}
        >
          {v.label}
          {v.id === 'suite' && counts.total > 0 && (
            <span className={`view-count${counts.failed > 0 ? ' failed' : ''}`}>
              {counts.failed > 0 ? `${counts.failed}/${counts.total}` : counts.total}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
