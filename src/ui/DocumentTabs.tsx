// The open documents as tabs: the active one, a dot on modified ones, a close button that asks before
// closing a modified document, a tab for a script still downloading, and the version history menu.
import {
  currentDocs,
  isModified,
  selectActiveDocId,
  selectDocs,
  useAppStore,
  useAppStoreApi,
} from '../store';
import { HistoryMenu } from './HistoryMenu';
import { useServices } from './ServicesContext';
import './documents.css';

export function DocumentTabs() {
  const docs = useAppStore(selectDocs);
  const activeId = useAppStore(selectActiveDocId);
  const activeText = useAppStore((s) => s.text);
  const activeName = useAppStore((s) => s.fileName);
  const loading = useAppStore((s) => s.loadingScript);
  const errors = useAppStore((s) => s.diagnostics.filter((d) => d.severity === 'error').length);
  const switchTo = useAppStore((s) => s.switchDocument);
  const store = useAppStoreApi();
  const { documents } = useServices();

  const close = (id: string) => {
    const d = currentDocs(store.getState()).find((x) => x.id === id);
    if (
      d &&
      isModified(d) &&
      !window.confirm(`${d.fileName} has changes. Close it anyway? (Its last version stays in the history.)`)
    ) {
      return;
    }
    documents.close(id);
  };

  return (
    <div className="pane-tabs doc-bar">
      <div className="doc-tabs" role="list" aria-label="Open scripts">
        {docs.map((d) => {
          const active = d.id === activeId;
          const name = active ? activeName : d.fileName;
          const modified = isModified(d, active ? activeText : undefined);
          return (
            <div
              key={d.id}
              className={`file-tab doc-tab${active ? ' active' : ''}`}
              role="listitem"
              data-testid="doc-tab"
              data-active={active}
              data-modified={modified}
              title={name}
            >
              <button
                type="button"
                aria-current={active ? 'page' : undefined}
                className="doc-tab-main"
                onClick={() => switchTo(d.id)}
              >
                <span className="file-icon" aria-hidden="true">
                  ◆
                </span>
                <span className="file-name" data-testid={active ? 'file-name' : undefined}>
                  {name}
                </span>
                {active && errors > 0 && <span className="file-errors">{errors}</span>}
                {modified && (
                  <span className="doc-modified" aria-label="modified" title="Modified">
                    ●
                  </span>
                )}
              </button>
              <button
                type="button"
                className="doc-tab-close"
                data-testid="doc-tab.close"
                aria-label={`Close ${name}`}
                title={`Close ${name}`}
                onClick={() => close(d.id)}
              >
                ×
              </button>
            </div>
          );
        })}
        {loading && (
          <div
            className="file-tab doc-tab loading"
            data-testid="doc-tab.loading"
            role="listitem"
            aria-live="polite"
          >
            <span className="doc-spinner" aria-hidden="true" /> Loading {loading}…
          </div>
        )}
      </div>
      <HistoryMenu />
    </div>
  );
}
