// The run's gutter glyphs, one per step, kept by step index. Setting a new list changes only the
// glyphs whose line, look or hover differ from what is shown: a batch of run events re-creates a few
// decorations, not every step's (each is a node in Monaco's gutter and a hover message).
import type * as Monaco from 'monaco-editor/editor/editor.api';

export interface GlyphSpec {
  /** The step's index (the glyph's identity). */
  index: number;
  line: number;
  className: string;
  hover: string;
}

interface Shown {
  id: string;
  key: string;
}

export interface GlyphPlan {
  /** Decoration ids to remove. */
  remove: string[];
  /** Glyphs to add (in the order their new ids come back). */
  add: GlyphSpec[];
  /** Step indices shown now and not wanted any more. */
  gone: number[];
}

const keyOf = (g: GlyphSpec) => `${g.line}\u0000${g.className}\u0000${g.hover}`;

/** What to remove and add so that `shown` becomes `wanted` (pure; shown is not changed). */
export function planGlyphs(shown: ReadonlyMap<number, Shown>, wanted: readonly GlyphSpec[]): GlyphPlan {
  const remove: string[] = [];
  const add: GlyphSpec[] = [];
  const gone: number[] = [];
  const seen = new Set<number>();
  for (const g of wanted) {
    seen.add(g.index);
    const old = shown.get(g.index);
    if (old && old.key === keyOf(g)) continue;
    if (old) remove.push(old.id);
    add.push(g);
  }
  for (const [index, old] of shown) {
    if (seen.has(index)) continue;
    remove.push(old.id);
    gone.push(index);
  }
  return { remove, add, gone };
}

export interface GlyphDecorations {
  set(wanted: readonly GlyphSpec[]): void;
  /** Removes every glyph (before the editor's model is switched or disposed). */
  clear(): void;
}

export function createGlyphDecorations(
  monaco: typeof Monaco,
  editor: Monaco.editor.ICodeEditor,
): GlyphDecorations {
  let shown = new Map<number, Shown>();
  const set = (wanted: readonly GlyphSpec[]) => {
    const plan = planGlyphs(shown, wanted);
    if (plan.remove.length === 0 && plan.add.length === 0) return;
    const ids = editor.deltaDecorations(
      plan.remove,
      plan.add.map((g) => ({
        range: new monaco.Range(g.line, 1, g.line, 1),
        options: {
          glyphMarginClassName: g.className,
          glyphMarginHoverMessage: { value: g.hover },
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      })),
    );
    // Updated in place (planGlyphs has read it already): a batch touching a few steps does not copy
    // the map of every step's glyph.
    for (const index of plan.gone) shown.delete(index);
    plan.add.forEach((g, i) => shown.set(g.index, { id: ids[i], key: keyOf(g) }));
  };
  return {
    set,
    clear() {
      if (shown.size === 0) return;
      if (editor.getModel())
        editor.deltaDecorations(
          [...shown.values()].map((s) => s.id),
          [],
        );
      shown = new Map();
    },
  };
}
