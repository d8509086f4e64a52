// The last run's steps as tracked ranges in the model it ran: when the user edits the script after the
// run, the ranges move with the text (lines inserted above, blocks edited), so the run's marks stay on
// their steps, and a step whose block text differs from what ran is reported as changed.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { StepMark } from './marks';

export interface TrackedSteps {
  readonly model: Monaco.editor.ITextModel;
  /** The step's current first line (its action line), or its line at run time if the range is gone. */
  lineOf(mark: StepMark): { line: number; endLine: number };
  /** Indices of the steps whose block text is no longer what ran. */
  changed(): number[];
  /** Every step's current action line, in step order. */
  lines(): number[];
  dispose(): void;
}

export function trackSteps(
  monaco: typeof Monaco,
  model: Monaco.editor.ITextModel,
  marks: readonly StepMark[],
): TrackedSteps {
  const lines = model.getLineCount();
  const ranges = marks.map((m) => {
    const start = Math.min(m.line, lines);
    const end = Math.min(m.endLine, lines);
    return new monaco.Range(start, 1, end, model.getLineMaxColumn(end));
  });
  const ids = model.deltaDecorations(
    [],
    ranges.map((range) => ({
      range,
      options: { stickiness: monaco.editor.TrackedRangeStickiness.AlwaysGrowsWhenTypingAtEdges },
    })),
  );
  const texts = ranges.map((r) => model.getValueInRange(r));
  const byIndex = new Map(marks.map((m, i) => [m.index, i]));
  // Only the steps an edit touched are compared again (a keystroke touches one step, not all of a long
  // script's): edits mark the tracked ranges they overlap; changed() settles those.
  const slotOf = new Map(ids.map((id, i) => [id, i]));
  const changedSlots = new Set<number>();
  const dirty = new Set<number>();
  const listener = model.onDidChangeContent((e) => {
    if (e.isFlush) {
      ids.forEach((_, i) => dirty.add(i));
      return;
    }
    for (const c of e.changes) {
      const start = c.range.startLineNumber;
      const end = Math.min(model.getLineCount(), start + c.text.split('\n').length - 1);
      const touched = model.getDecorationsInRange(
        new monaco.Range(start, 1, end, model.getLineMaxColumn(end)),
      );
      for (const d of touched) {
        const i = slotOf.get(d.id);
        if (i !== undefined) dirty.add(i);
      }
    }
  });
  return {
    model,
    lineOf(mark) {
      const i = byIndex.get(mark.index);
      const r = i === undefined || model.isDisposed() ? null : model.getDecorationRange(ids[i]);
      if (!r) return { line: mark.line, endLine: mark.endLine };
      return { line: r.startLineNumber, endLine: Math.max(r.startLineNumber, r.endLineNumber) };
    },
    changed() {
      if (model.isDisposed()) return [];
      for (const i of dirty) {
        const r = model.getDecorationRange(ids[i]);
        if (!r || model.getValueInRange(r) !== texts[i]) changedSlots.add(i);
        else changedSlots.delete(i);
      }
      dirty.clear();
      return [...changedSlots].sort((a, b) => a - b).map((i) => marks[i].index);
    },
    lines() {
      return marks.map((m) => this.lineOf(m).line);
    },
    dispose() {
      listener.dispose();
      if (!model.isDisposed()) model.deltaDecorations(ids, []);
    },
  };
}
