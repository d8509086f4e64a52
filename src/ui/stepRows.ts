// The step list as rows of known height: a section heading, then its steps. A long script's list is
// windowed over these rows, and the list scrolls to a step from this geometry alone, without asking
// the browser for a layout (a read of offsetTop or scrollHeight would force one per run update).
import type { StepGroup } from '../services/stepView';
import type { Step } from '../scansion/types';

/** Height of a step row (px); the CSS of a windowed row fixes it. */
export const STEP_ROW_PX = 24;
/** Height of a section heading row (px). */
export const SECTION_ROW_PX = 22;
/** Scripts with more steps than this get a windowed list (only rows near the view are in the DOM). */
export const WINDOWED_MIN_STEPS = 150;

export type StepListRow =
  { kind: 'section'; key: string; section: string } | { kind: 'step'; key: string; step: Step };

export interface StepRowLayout {
  rows: StepListRow[];
  /** Top of each row (px from the top of the rows). */
  starts: number[];
  total: number;
  /** Row index of each step index. */
  rowOfStep: Map<number, number>;
}

export const rowHeight = (row: StepListRow): number =>
  row.kind === 'section' ? SECTION_ROW_PX : STEP_ROW_PX;

/** Groups flattened into rows: a heading row before each group that has a section. */
export function layoutRows(groups: readonly StepGroup[]): StepRowLayout {
  const rows: StepListRow[] = [];
  for (const g of groups) {
    if (g.section) rows.push({ kind: 'section', key: `s${g.first}`, section: g.section });
    for (const step of g.steps) rows.push({ kind: 'step', key: `r${step.index}`, step });
  }
  const starts: number[] = [];
  const rowOfStep = new Map<number, number>();
  let y = 0;
  rows.forEach((row, i) => {
    starts.push(y);
    y += rowHeight(row);
    if (row.kind === 'step') rowOfStep.set(row.step.index, i);
  });
  return { rows, starts, total: y, rowOfStep };
}

/** The section heading in force at a scroll offset (the last heading row starting at or above it). */
export function sectionAt(layout: StepRowLayout, offset: number): string | null {
  let lo = 0;
  let hi = layout.starts.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (layout.starts[mid] <= offset) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = at; i >= 0; i--) {
    const row = layout.rows[i];
    if (row.kind === 'section') return row.section;
  }
  return null;
}

/**
 * The scroll offset that brings [top, top + height) into a viewport showing [scrollTop, scrollTop +
 * viewHeight), moving as little as possible ("nearest"); null when it is in view already. `inset`
 * keeps the row clear of a pinned heading at the top of the viewport; `lookahead` leaves that much
 * room below a row brought up from below.
 */
export function nearestScrollTop(
  top: number,
  height: number,
  scrollTop: number,
  viewHeight: number,
  inset = 0,
  lookahead = 0,
): number | null {
  if (viewHeight <= 0) return null;
  if (top - inset < scrollTop) return Math.max(0, top - inset);
  if (top + height > scrollTop + viewHeight) {
    // Leaving the view downwards: with a lookahead the row goes that far up from the bottom, so a
    // run moving down the list scrolls it once per stretch of rows, not once per step.
    const ahead = Math.min(lookahead, Math.max(0, viewHeight - height - inset));
    return top + height - viewHeight + ahead;
  }
  return null;
}
