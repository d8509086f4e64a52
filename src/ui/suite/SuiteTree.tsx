// The suite's scripts as a tree (grouped by folder), each with its status; filters above it.
import { useMemo } from 'react';
import {
  selectSuiteChecked,
  selectSuiteCounts,
  selectSuiteFilter,
  selectSuiteSelected,
  selectSuiteTags,
  selectVisibleEntries,
  useAppStore,
  type SuiteEntry,
  type SuiteStatusFilter,
} from '../../store';
import { useServices } from '../ServicesContext';

const STATUS_LABEL: Record<SuiteEntry['status'], string> = {
  idle: 'not run',
  queued: 'queued',
  running: 'running',
  pass: 'passed',
  fail: 'failed',
  error: 'error',
};

const FILTERS: SuiteStatusFilter[] = ['all', 'failed', 'passed', 'not run'];

export function SuiteFilters() {
  const filter = useAppStore(selectSuiteFilter);
  const tags = useAppStore(selectSuiteTags);
  const counts = useAppStore(selectSuiteCounts);
  const setFilter = useAppStore((s) => s.suiteSetFilter);
  const count = (f: SuiteStatusFilter) =>
    f === 'all'
      ? counts.total
      : f === 'failed'
        ? counts.failed
        : f === 'passed'
          ? counts.passed
          : counts.notRun;
  return (
    <div className="suite-filters" role="group" aria-label="Filter">
      <div className="segmented" role="radiogroup" aria-label="Status">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            role="radio"
            aria-checked={filter.status === f}
            className={`segment${filter.status === f ? ' active' : ''}`}
            data-testid={`suite-filter-${f.replace(' ', '-')}`}
            onClick={() => setFilter({ status: f })}
          >
            {f} <span className="segment-count">{count(f)}</span>
          </button>
        ))}
      </div>
      <input
        className="text-input suite-search"
        data-testid="suite-search"
        type="search"
        placeholder="Filter by name or text"
        aria-label="Filter by name or text"
        value={filter.text}
        onChange={(e) => setFilter({ text: e.target.value })}
      />
      <select
        className="select"
        data-testid="suite-tag"
        aria-label="Filter by tag"
        value={filter.tag}
        onChange={(e) => setFilter({ tag: e.target.value })}
      >
        <option value="">all tags</option>
        {tags.map((t) => (
          <option key={t} value={t}>
            ## {t}
          </option>
        ))}
      </select>
    </div>
  );
}

function folderOf(name: string): string {
  const i = name.lastIndexOf('/');
  return i < 0 ? '' : name.slice(0, i);
}

function Row(props: { e: SuiteEntry; selected: boolean; checked: boolean }) {
  const { suite } = useServices();
  const toggle = useAppStore((s) => s.suiteToggleChecked);
  const { e } = props;
  const base = e.name.slice(e.name.lastIndexOf('/') + 1);
  return (
    <li
      className={`suite-item suite-status-${e.status}${props.selected ? ' selected' : ''}`}
      data-testid="suite-item"
      data-id={e.id}
      data-status={e.status}
      data-runs={e.runs}
    >
      <input
        type="checkbox"
        aria-label={`Select ${e.name}`}
        checked={props.checked}
        onChange={() => toggle(e.id)}
      />
      <span className={`suite-dot dot-${e.status}`} aria-hidden="true" />
      <button
        type="button"
        className="suite-name"
        data-testid="suite-item.open"
        title={`Open ${e.name} in the workbench (its last run)`}
        onClick={() => suite.open(e.id)}
      >
        {base}
      </button>
      <span className="visually-hidden">{STATUS_LABEL[e.status]}</span>
      {e.tags.map((t) => (
        <span key={t} className="suite-tag">
          {t}
        </span>
      ))}
      {e.message && (
        <span className="suite-message" data-testid="suite-item.message" title={e.message}>
          {e.message}
        </span>
      )}
      <span className="suite-spacer" />
      {e.durationMs !== undefined && (e.status === 'pass' || e.status === 'fail' || e.status === 'error') && (
        <span className="suite-duration">{Math.round(e.durationMs)} ms</span>
      )}
      <button
        type="button"
        className="icon-button small"
        data-testid="suite-item.run"
        aria-label={`Run ${e.name}`}
        title="Run this script"
        onClick={() => void suite.runIds([e.id])}
      >
        ▶
      </button>
    </li>
  );
}

export function SuiteTree() {
  const entries = useAppStore(selectVisibleEntries);
  const selected = useAppStore(selectSuiteSelected);
  const checked = useAppStore(selectSuiteChecked);
  const total = useAppStore((s) => s.suiteEntries.length);
  const groups = useMemo(() => {
    const m = new Map<string, SuiteEntry[]>();
    for (const e of entries) {
      const f = folderOf(e.name);
      const list = m.get(f);
      if (list) list.push(e);
      else m.set(f, [e]);
    }
    return [...m.entries()];
  }, [entries]);
  if (total === 0)
    return (
      <div className="empty-hint suite-empty" data-testid="suite-empty">
        Open scripts to build a suite: several files, a folder (or drop one here), the gallery, or a list of
        URLs.
      </div>
    );
  if (entries.length === 0) return <div className="empty-hint">No script matches the filter.</div>;
  return (
    <div className="suite-tree" data-testid="suite-tree">
      {groups.map(([folder, list]) => (
        <section key={folder} className="suite-folder" aria-label={folder || 'scripts'}>
          {folder && <div className="suite-folder-name">{folder}/</div>}
          <ul className="suite-items">
            {list.map((e) => (
              <Row key={e.id} e={e} selected={selected === e.id} checked={!!checked[e.id]} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
