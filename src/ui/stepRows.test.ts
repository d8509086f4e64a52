import { describe, expect, it, vi } from 'vitest';
import { parse } from '../scansion';
import { groupSteps } from '../services/stepView';
import { createFrameTask } from './frameTask';
import { layoutRows, nearestScrollTop, SECTION_ROW_PX, sectionAt, STEP_ROW_PX } from './stepRows';

const script = parse(
  [
    '[Client] Romeo',
    '\tjid: r@localhost',
    '\tpassword: p',
    '-----',
    'Romeo connects',
    '',
    '# Chat',
    'Romeo sends:',
    '\t<message to="a@localhost"/>',
    '',
    'Romeo disconnects',
    '',
    '# Leave',
    'Romeo connects',
  ].join('\n'),
).script;

describe('step list rows', () => {
  const layout = layoutRows(groupSteps(script));

  it('puts a heading row before each section and places every row at its known top', () => {
    expect(layout.rows.map((r) => (r.kind === 'section' ? `#${r.section}` : r.step.index))).toEqual([
      0,
      '#Chat',
      1,
      2,
      '#Leave',
      3,
    ]);
    expect(layout.starts).toEqual([
      0,
      STEP_ROW_PX,
      STEP_ROW_PX + SECTION_ROW_PX,
      2 * STEP_ROW_PX + SECTION_ROW_PX,
      3 * STEP_ROW_PX + SECTION_ROW_PX,
      3 * STEP_ROW_PX + 2 * SECTION_ROW_PX,
    ]);
    expect(layout.total).toBe(4 * STEP_ROW_PX + 2 * SECTION_ROW_PX);
    expect([...layout.rowOfStep]).toEqual([
      [0, 0],
      [1, 2],
      [2, 3],
      [3, 5],
    ]);
  });

  it('names the section in force at a scroll offset', () => {
    expect(sectionAt(layout, 0)).toBeNull();
    expect(sectionAt(layout, STEP_ROW_PX)).toBe('Chat');
    expect(sectionAt(layout, layout.starts[3] + 5)).toBe('Chat');
    expect(sectionAt(layout, layout.starts[4])).toBe('Leave');
    expect(sectionAt(layout, 10_000)).toBe('Leave');
  });

  it('scrolls as little as brings a row into view, clear of the pinned heading', () => {
    // In view: no scroll.
    expect(nearestScrollTop(100, 24, 50, 200, 22)).toBeNull();
    // Below the view: its bottom edge meets the view's bottom.
    expect(nearestScrollTop(400, 24, 50, 200, 22)).toBe(224);
    // Above the view (or under the pinned heading): its top goes just below the heading.
    expect(nearestScrollTop(60, 24, 50, 200, 22)).toBe(38);
    expect(nearestScrollTop(10, 24, 50, 200, 22)).toBe(0);
    // With a lookahead, a row leaving downwards goes that far up (never under the pinned heading).
    expect(nearestScrollTop(400, 24, 50, 200, 22, 100)).toBe(324);
    expect(nearestScrollTop(400, 24, 50, 200, 22, 1000)).toBe(400 - 22);
    expect(nearestScrollTop(100, 24, 50, 200, 22, 100)).toBeNull();
    // A hidden list (no height) is not scrolled.
    expect(nearestScrollTop(400, 24, 0, 0)).toBeNull();
  });
});

describe('frame task', () => {
  it('runs only the latest write, once per frame', () => {
    const frames: (() => void)[] = [];
    const raf = vi.fn((cb: () => void) => frames.push(cb));
    const task = createFrameTask(raf, vi.fn());
    const seen: number[] = [];
    task.schedule(() => seen.push(1));
    task.schedule(() => seen.push(2));
    task.schedule(() => seen.push(3));
    expect(raf).toHaveBeenCalledTimes(1);
    expect(seen).toEqual([]);
    frames.shift()!();
    expect(seen).toEqual([3]);
    task.schedule(() => seen.push(4));
    expect(raf).toHaveBeenCalledTimes(2);
    task.cancel();
    frames.shift()!();
    expect(seen).toEqual([3]);
  });

  it('writes at once where there are no frames', () => {
    const seen: number[] = [];
    createFrameTask(undefined, undefined).schedule(() => seen.push(1));
    expect(seen).toEqual([1]);
  });
});
