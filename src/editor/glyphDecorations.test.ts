import { describe, expect, it } from 'vitest';
import { planGlyphs, type GlyphSpec } from './glyphDecorations';

const glyph = (index: number, status: string, line = index * 3 + 1): GlyphSpec => ({
  index,
  line,
  className: `scs-glyph scs-glyph-${status}`,
  hover: `Step ${index + 1}: ${status}`,
});
const key = (g: GlyphSpec) => `${g.line}\u0000${g.className}\u0000${g.hover}`;
const shownOf = (gs: GlyphSpec[]) => new Map(gs.map((g) => [g.index, { id: `id${g.index}`, key: key(g) }]));

describe('planGlyphs', () => {
  it('adds every glyph when none is shown', () => {
    const wanted = [glyph(0, 'pending'), glyph(1, 'pending')];
    expect(planGlyphs(new Map(), wanted)).toEqual({ remove: [], add: wanted, gone: [] });
  });
  it('changes only the glyphs whose look changed (a batch of run events on a long script)', () => {
    const before = Array.from({ length: 340 }, (_, i) => glyph(i, i < 10 ? 'passed' : 'pending'));
    const after = before.map((g) => (g.index === 10 ? glyph(10, 'passed') : g));
    after[11] = glyph(11, 'running');
    const plan = planGlyphs(shownOf(before), after);
    expect(plan.remove).toEqual(['id10', 'id11']);
    expect(plan.add.map((g) => [g.index, g.className])).toEqual([
      [10, 'scs-glyph scs-glyph-passed'],
      [11, 'scs-glyph scs-glyph-running'],
    ]);
  });
  it('re-creates a glyph whose line or hover changed, and removes those no longer wanted', () => {
    const before = [glyph(0, 'passed'), glyph(1, 'failed'), glyph(2, 'skipped')];
    const after = [glyph(0, 'passed', 9), { ...glyph(1, 'failed'), hover: 'Step 2: failed (edited)' }];
    const plan = planGlyphs(shownOf(before), after);
    expect(plan.remove.sort()).toEqual(['id0', 'id1', 'id2']);
    expect(plan.add.map((g) => g.index)).toEqual([0, 1]);
    expect(plan.gone).toEqual([2]);
  });
  it('does nothing when nothing changed', () => {
    const gs = [glyph(0, 'passed'), glyph(1, 'running')];
    expect(planGlyphs(shownOf(gs), gs)).toEqual({ remove: [], add: [], gone: [] });
  });
});
