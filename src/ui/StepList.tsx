// The script's steps grouped under its comment headings, with status and duration. Selecting a step
// shows its details and asks the editor to reveal its line. Arrow keys, Home and End move between steps.
// A long script's list is windowed: only the rows near the view are in the DOM, each of a known height,
// so following the run scrolls from that geometry without asking the browser for a layout.
import { useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type RefObject } from 'react';
import {
  observeElementRect,
  useVirtualizer,
  type Range,
  defaultRangeExtractor,
} from '@tanstack/react-virtual';
import { summarizeAttribution, type AttributionSummary } from '../services/attribution';
import { groupSteps, type StepGroup } from '../services/stepView';
import {
  selectChangedSteps,
  selectRunOutOfDate,
  selectCurrentStep,
  selectNextStep,
  selectRunSteps,
  selectSelectedStep,
  selectStepScript,
  useAppStore,
  type StepRunState,
} from '../store';
import type { StepStatus } from '../runner';
import type { Script, Step } from '../scansion/types';
import { useFrameTask, useObservedHeight, type FrameTask } from './frameTask';
import { clientSlot, Leftovers, StepRow } from './StepRow';
import {
  layoutRows,
  nearestScrollTop,
  rowHeight,
  sectionAt,
  SECTION_ROW_PX,
  STEP_ROW_PX,
  WINDOWED_MIN_STEPS,
  type StepRowLayout,
} from './stepRows';

export { clientSlot, StatusGlyph } from './StepRow';

/** What a row needs from the list: the run's state of each step and the handlers. */
interface RowContext {
  script: Script;
  runSteps: StepRunState[];
  current: number | null;
  next: number | null;
  selected: number | null;
  changed: Set<number>;
  moved: number[] | null;
  attribution: AttributionSummary;
  choose(index: number, line: number): void;
}

function renderRow(ctx: RowContext, step: Step, pos?: { top: number; setSize: number; posInSet: number }) {
  const run = ctx.runSteps[step.index];
  const status: StepStatus = run?.status ?? 'pending';
  return (
    <StepRow
      key={step.index}
      step={step}
      slot={clientSlot(ctx.script.clients, step.client)}
      status={status}
      durationMs={run?.durationMs}
      line={ctx.moved?.[step.index] ?? step.headerRange.line}
      selected={ctx.selected === step.index}
      current={ctx.current === step.index}
      next={ctx.next === step.index && status === 'pending'}
      changed={ctx.changed.has(step.index)}
      matched={ctx.attribution.matchedByStep.get(step.index)}
      onChoose={ctx.choose}
      top={pos?.top}
      setSize={pos?.setSize}
      posInSet={pos?.posInSet}
    />
  );
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
  const frame = useFrameTask();
  const windowed = script.steps.length > WINDOWED_MIN_STEPS;

  const choose = useCallback(
    (index: number, line: number) => {
      selectStep(index);
      reveal(line);
      setPanel('details');
    },
    [selectStep, reveal, setPanel],
  );

  // Keys move by step index (a windowed list has only some rows in the DOM); the chosen row is then
  // focused, at once when it is rendered, else after the render that brings it in.
  const focusStep = useRef<number | null>(null);
  const focusPending = () => {
    const i = focusStep.current;
    if (i === null) return;
    const el = listRef.current?.querySelector<HTMLElement>(
      `[data-testid="step-list.item"][data-step="${i}"]`,
    );
    if (!el) return;
    focusStep.current = null;
    if (document.activeElement !== el) el.focus();
  };
  useEffect(focusPending);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const steps = script.steps;
    if (steps.length === 0) return;
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>(
      '[data-testid="step-list.item"]',
    );
    const at = focused && listRef.current?.contains(focused) ? Number(focused.dataset.step) : -1;
    let to = at;
    if (e.key === 'ArrowDown') to = Math.min(steps.length - 1, at + 1);
    if (e.key === 'ArrowUp') to = Math.max(0, at - 1);
    if (e.key === 'Home') to = 0;
    if (e.key === 'End') to = steps.length - 1;
    e.preventDefault();
    focusStep.current = to;
    choose(to, moved?.[to] ?? steps[to].headerRange.line);
    focusPending();
  };

  const ctx: RowContext = {
    script,
    runSteps,
    current,
    next,
    selected,
    changed,
    moved,
    attribution,
    choose,
  };
  // Keep the running (or paused-next, or selected) step in view.
  const follow = current ?? next ?? selected;

  return (
    <>
      {outOfDate && (
        <div className="banner banner-info results-stale" role="status" data-testid="results-stale">
          {otherDoc
            ? `Results of the last run, of ${otherDoc}.`
            : 'The script was edited since this run: these results are out of date. Run again to replace them.'}
        </div>
      )}
      <div
        className={`step-list${script.steps.length === 0 ? ' empty' : ''}${windowed ? ' windowed' : ''}`}
        data-testid="step-list"
        ref={listRef}
        onKeyDown={onKeyDown}
        aria-label="Steps"
      >
        {script.steps.length === 0 ? (
          <div className="empty-hint">No steps yet. Write a script, or open one from Examples.</div>
        ) : (
          <>
            {windowed ? (
              <WindowedSteps groups={groups} ctx={ctx} follow={follow} listRef={listRef} frame={frame} />
            ) : (
              <FullSteps groups={groups} ctx={ctx} follow={follow} listRef={listRef} frame={frame} />
            )}
            <Leftovers dropped={attribution.dropped} unread={attribution.unread} />
          </>
        )}
      </div>
    </>
  );
}

interface StepsProps {
  groups: StepGroup[];
  ctx: RowContext;
  follow: number | null;
  listRef: RefObject<HTMLDivElement | null>;
  frame: FrameTask;
}

/** Every step in the DOM (content-visibility skips the rows out of view), grouped in sections. */
function FullSteps({ groups, ctx, follow, listRef, frame }: StepsProps) {
  const height = useObservedHeight(listRef);
  useEffect(() => {
    if (follow === null) return;
    // Once per frame at most, and not while the list is hidden: scrolling reads the layout.
    frame.schedule(() => {
      if (height.current === 0) return;
      const el = listRef.current?.querySelector<HTMLElement>(`[data-step="${follow}"]`);
      el?.scrollIntoView?.({ block: 'nearest' });
    });
  }, [follow, frame, height, listRef]);
  return groups.map((g) => (
    <section key={g.first} className="step-group" aria-label={g.section ?? 'Steps'}>
      {g.section && (
        <h3 className="step-section" data-testid="step-list.section">
          {g.section}
        </h3>
      )}
      <ul className="step-items">{g.steps.map((step) => renderRow(ctx, step))}</ul>
    </section>
  ));
}

/** The viewport assumed while the list has no layout yet (a hidden panel, a DOM without layout). */
const NO_LAYOUT_RECT = { width: 400, height: 600 };

/**
 * Only the rows near the view (and the selected and followed ones, so focus and the run's place stay
 * in the DOM) are rendered, absolutely placed at their known tops; the heading of the section at the
 * top of the view stays pinned there.
 */
function WindowedSteps({ groups, ctx, follow, listRef, frame }: StepsProps) {
  const layout = useMemo(() => layoutRows(groups), [groups]);
  const current = ctx.current;
  const height = useRef(0);
  const getItemKey = useCallback((i: number) => layout.rows[i]?.key ?? i, [layout]);
  const estimateSize = useCallback((i: number) => rowHeight(layout.rows[i]), [layout]);
  const keep = [follow, ctx.selected]
    .map((s) => (s === null ? undefined : layout.rowOfStep.get(s)))
    .filter((r): r is number => r !== undefined);
  const keepKey = keep.join(',');
  const rangeExtractor = useCallback(
    (range: Range) => {
      const rows = defaultRangeExtractor(range);
      const extra = keepKey ? keepKey.split(',').map(Number) : [];
      return [...new Set([...rows, ...extra])].sort((a, b) => a - b);
    },
    [keepKey],
  );
  const virtualizer = useVirtualizer({
    count: layout.rows.length,
    getScrollElement: () => listRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: 8,
    initialRect: NO_LAYOUT_RECT,
    // Scrolling re-renders in a task of its own, not inside the scroll event.
    useFlushSync: false,
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => {
        height.current = rect.height;
        cb(rect.height > 0 ? rect : NO_LAYOUT_RECT);
      }),
  });

  useEffect(() => {
    const row = follow === null ? undefined : layout.rowOfStep.get(follow);
    if (row === undefined) return;
    // The running step keeps two thirds of the view ahead of it: the list scrolls once per stretch.
    const running = follow === current;
    frame.schedule(() =>
      scrollToRow(listRef.current, layout, row, virtualizer.scrollOffset, height.current, running),
    );
  }, [follow, layout, frame, listRef, virtualizer, current]);

  const section = sectionAt(layout, virtualizer.scrollOffset ?? 0);
  const setSize = layout.rows.length;
  return (
    <>
      {section && (
        <div className="step-section step-section-pinned" aria-hidden="true">
          {section}
        </div>
      )}
      <ul className="step-items step-rows" style={{ height: layout.total }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = layout.rows[item.index];
          const pos = { top: layout.starts[item.index], setSize, posInSet: item.index + 1 };
          if (row.kind === 'step') return renderRow(ctx, row.step, pos);
          return (
            <li
              key={row.key}
              className="step-row step-row-section"
              style={{ top: pos.top }}
              aria-setsize={setSize}
              aria-posinset={pos.posInSet}
            >
              <h3 className="step-section" data-testid="step-list.section">
                {row.section}
              </h3>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** Scroll the list so the row is in view (below the pinned heading); nothing while it is hidden. */
function scrollToRow(
  el: HTMLElement | null,
  layout: StepRowLayout,
  row: number,
  scrollTop: number | null,
  viewHeight: number,
  running: boolean,
): void {
  if (!el || viewHeight <= 0) return;
  const ahead = running ? (viewHeight * 2) / 3 : 0;
  const to = nearestScrollTop(
    layout.starts[row],
    STEP_ROW_PX,
    scrollTop ?? 0,
    viewHeight,
    SECTION_ROW_PX,
    ahead,
  );
  if (to !== null) el.scrollTop = to;
}
