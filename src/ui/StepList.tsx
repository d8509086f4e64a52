// The script's steps grouped under its comment headings, with status and duration. Selecting a step
// shows its details and asks the editor to reveal its line. Arrow keys move between steps.
import { memo, useCallback, useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { summarizeAttribution, type AttributedEntry } from '../services/attribution';
import { summarizeStanza } from '../services/stanzaSummary';
import { formatDuration, groupSteps, stepLabel, stepSummary } from '../services/stepView';
import {
  selectChangedSteps,
  selectRunOutOfDate,
  selectCurrentStep,
  selectNextStep,
  selectRunSteps,
  selectSelectedStep,
  selectStepScript,
  useAppStore,
} from '../store';
import type { StepStatus } from '../runner';
import type { Step } from '../scansion/types';

const STATUS_WORDS: Record<StepStatus, string> = {
  pending: 'not run',
  running: 'running',
  passed: 'passed',
  failed: 'failed',
  skipped: 'skipped',
};

export function StatusGlyph(props: { status: StepStatus; next?: boolean }) {
  const { status, next } = props;
  if (next) return <span className="glyph glyph-next" aria-hidden="true" />;
  return <span className={`glyph glyph-${status}`} aria-hidden="true" />;
}

export function StepList() {
  const script = useAppStore(selectStepScript);
  const runSteps = useAppStore(selectRunSteps);
  const current = useAppStore(selectCurrentStep);
  const next = useAppStore(selectNextStep);
  const selected = useAppStore(selectSelectedStep);
  const selectStep = useAppStore((s) => s.selectStep);
  const reveal = useAppStore((s) => s.requestReveal);
  const setPanel = useAppStore((s) => s.setBottomPanel);
  const groups = useMemo(() => groupSteps(script), [script]);
  const outOfDate = useAppStore(selectRunOutOfDate);
  const changedList = useAppStore(selectChangedSteps);
  const changed = useMemo(() => new Set(changedList), [changedList]);
  const stanzas = useAppStore((s) => s.stanzas);
  // After edits, a step's line is where its text is now (the editor tracks it), not where it was.
  const moved = useAppStore((s) => (s.runDocId === s.activeDocId ? s.trackedLines : null));
  const attribution = summarizeAttribution(stanzas);
  const otherDoc = useAppStore((s) =>
    s.runDocId && s.runDocId !== s.activeDocId
      ? (s.docs.find((d) => d.id === s.runDocId)?.fileName ?? null)
      : null,
  );
  const listRef = useRef<HTMLDivElement>(null);

  // Keep the running (or selected-on-failure) step in view.
  const follow = current ?? next ?? selected;
  useEffect(() => {
    if (follow === null) return;
    // Once per frame at most: scrolling reads the layout, which a run's every step would force anew.
    const list = listRef.current;
    const scroll = () => {
      const el = list?.querySelector<HTMLElement>(`[data-step="${follow}"]`);
      el?.scrollIntoView?.({ block: 'nearest' });
    };
    if (typeof requestAnimationFrame !== 'function') return scroll();
    const frame = requestAnimationFrame(scroll);
    return () => cancelAnimationFrame(frame);
  }, [follow]);

  const choose = useCallback(
    (index: number, line: number) => {
      selectStep(index);
      reveal(line);
      setPanel('details');
    },
    [selectStep, reveal, setPanel],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const items = Array.from(
      listRef.current?.querySelectorAll<HTMLButtonElement>('[data-testid="step-list.item"]') ?? [],
    );
    if (items.length === 0) return;
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    let to = at;
    if (e.key === 'ArrowDown') to = Math.min(items.length - 1, at + 1);
    if (e.key === 'ArrowUp') to = Math.max(0, at - 1);
    if (e.key === 'Home') to = 0;
    if (e.key === 'End') to = items.length - 1;
    e.preventDefault();
    items[to]?.focus();
    items[to]?.click();
  };

  if (script.steps.length === 0) {
    return (
      <div className="step-list empty" data-testid="step-list">
        <div className="empty-hint">No steps yet. Write a script, or open one from Examples.</div>
      </div>
    );
  }

  return (
    <div className="step-list" data-testid="step-list" ref={listRef} onKeyDown={onKeyDown} aria-label="Steps">
      {outOfDate && (
        <div className="banner banner-info results-stale" role="status" data-testid="results-stale">
          {otherDoc
            ? `Results of the last run, of ${otherDoc}.`
            : 'The script was edited since this run: these results are out of date. Run again to replace them.'}
        </div>
      )}
      {groups.map((g) => (
        <section key={g.first} className="step-group" aria-label={g.section ?? 'Steps'}>
          {g.section && (
            <h3 className="step-section" data-testid="step-list.section">
              {g.section}
            </h3>
          )}
          <ul className="step-items">
            {g.steps.map((step) => {
              const status: StepStatus = runSteps[step.index]?.status ?? 'pending';
              return (
                <StepRow
                  key={step.index}
                  step={step}
                  slot={clientSlot(script.clients, step.client)}
                  status={status}
                  durationMs={runSteps[step.index]?.durationMs}
                  line={moved?.[step.index] ?? step.headerRange.line}
                  selected={selected === step.index}
                  current={current === step.index}
                  next={next === step.index && status === 'pending'}
                  changed={changed.has(step.index)}
                  matched={attribution.matchedByStep.get(step.index)}
                  onChoose={choose}
                />
              );
            })}
          </ul>
        </section>
      ))}
      <Leftovers dropped={attribution.dropped} unread={attribution.unread} />
    </div>
  );
}

interface StepRowProps {
  step: Step;
  /** The client's colour slot. */
  slot: number;
  status: StepStatus;
  durationMs?: number;
  /** The step's line now (it moves with edits made after the run). */
  line: number;
  selected: boolean;
  current: boolean;
  next: boolean;
  changed: boolean;
  /** Received stanzas this step matched. */
  matched?: number;
  onChoose(index: number, line: number): void;
}

/**
 * One step of the list. Memoized on primitive props: a batch of run events re-renders only the rows
 * whose status, duration or marks changed, not the whole list.
 */
const StepRow = memo(function StepRow(props: StepRowProps) {
  const { step, status, line, selected, current, next, changed, matched } = props;
  const label = stepLabel(step);
  const summary = stepSummary(step);
  return (
    <li>
      <button
        type="button"
        className={`step-item status-${status}${selected ? ' selected' : ''}${current ? ' current' : ''}${
          next ? ' next' : ''
        }`}
        data-testid="step-list.item"
        data-step={step.index}
        data-status={status}
        data-line={line}
        data-changed={changed || undefined}
        aria-current={current ? 'step' : undefined}
        aria-pressed={selected}
        aria-label={`Step ${step.index + 1}, line ${line}: ${label}, ${next ? 'next' : STATUS_WORDS[status]}${
          changed ? ', changed since the run' : ''
        }`}
        onClick={() => props.onChoose(step.index, line)}
      >
        <StatusGlyph status={status} next={next} />
        <span className="step-num">{step.index + 1}</span>
        <span className="step-text">
          <span className={`step-client client-${props.slot}`}>{step.client}</span>{' '}
          <span className="step-action">{label.slice(step.client.length + 1)}</span>
          {summary && <span className="step-summary">{summary}</span>}
          {changed && (
            <span className="step-changed" title="This step was edited since the run">
              changed
            </span>
          )}
        </span>
        {matched !== undefined && (
          <span
            className="step-matched"
            data-testid="step-list.matched"
            title="Received stanzas this step matched"
          >
            ⇐{matched}
          </span>
        )}
        <span className="step-duration">{formatDuration(props.durationMs)}</span>
        <span className="step-line">:{line}</span>
      </button>
    </li>
  );
});

/** Received stanzas no step matched: dropped burst leftovers (with the reason) and those left unread. */
function Leftovers(props: { dropped: AttributedEntry[]; unread: AttributedEntry[] }) {
  const setPanel = useAppStore((s) => s.setBottomPanel);
  const { dropped, unread } = props;
  if (dropped.length === 0 && unread.length === 0) return null;
  const row = (e: AttributedEntry, kind: 'dropped' | 'unread') => (
    <li
      key={e.id}
      data-testid="step-list.leftover"
      data-fate={kind}
      className={`leftover stanza-fate-${kind}`}
    >
      <button type="button" className="leftover-button" onClick={() => setPanel('console')}>
        <span className="leftover-kind">{kind}</span> {e.client}: {summarizeStanza(e.xml).text}
        {kind === 'dropped' && e.reason && <span className="leftover-reason"> — {e.reason}</span>}
      </button>
    </li>
  );
  return (
    <section className="step-group leftovers" aria-label="Stanzas no step read">
      <h3 className="step-section">Not matched by any step</h3>
      <ul className="step-items">
        {dropped.map((e) => row(e, 'dropped'))}
        {unread.map((e) => row(e, 'unread'))}
      </ul>
    </section>
  );
}

/** A stable colour slot (1–6) per client, by declaration order. */
export function clientSlot(clients: { name: string }[], name: string): number {
  const i = clients.findIndex((c) => c.name === name);
  return (i < 0 ? 0 : i % 6) + 1;
}
