// One row of the step list (memoized on primitive props), the status glyph, the stanzas no step read,
// and the clients' colour slots: shared by the full and the windowed step list.
import { memo } from 'react';
import { type AttributedEntry } from '../services/attribution';
import { summarizeStanza } from '../services/stanzaSummary';
import { formatDuration, stepLabel, stepSummary } from '../services/stepView';
import { useAppStore } from '../store';
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

export interface StepRowProps {
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
  /** In a windowed list: the row's top (px), and its place among the rows for assistive technology. */
  top?: number;
  setSize?: number;
  posInSet?: number;
}

/**
 * One step of the list. Memoized on primitive props: a batch of run events re-renders only the rows
 * whose status, duration or marks changed, not the whole list.
 */
export const StepRow = memo(function StepRow(props: StepRowProps) {
  const { step, status, line, selected, current, next, changed, matched } = props;
  const label = stepLabel(step);
  const summary = stepSummary(step);
  const windowed = props.top !== undefined;
  return (
    <li
      className={windowed ? 'step-row' : undefined}
      style={windowed ? { top: props.top } : undefined}
      aria-setsize={props.setSize}
      aria-posinset={props.posInSet}
    >
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
export function Leftovers(props: { dropped: AttributedEntry[]; unread: AttributedEntry[] }) {
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
