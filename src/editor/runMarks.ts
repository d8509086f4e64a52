// The run's marks in the editor: one gutter glyph per step (status and hover), the current step's
// line and block, the failed steps' lines, the editor following the running step, and the last run's
// steps tracked through later edits (where each step is now, which ones changed since the run).
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { selectRunIsOfActiveDoc, type AppState } from '../store';
import { createGlyphDecorations, type GlyphSpec } from './glyphDecorations';
import { stepMarks } from './marks';
import { trackSteps, type TrackedSteps } from './trackedSteps';

export interface RunMarks {
  /** Draws the marks of the store's run (only what changed since the last call). */
  update(s: AppState): void;
  /** Tells the store which steps were edited since the run, and where each step is now. */
  updateChanged(s: AppState): void;
  /** Removes the marks (before the editor's model is switched). */
  clear(): void;
  /** Stops tracking the run's steps (a new run, or the tracked model is going away). */
  forget(model?: Monaco.editor.ITextModel): void;
  dispose(): void;
}

export function createRunMarks(
  monaco: typeof Monaco,
  editor: Monaco.editor.ICodeEditor,
  host: HTMLElement,
  getModel: () => Monaco.editor.ITextModel,
): RunMarks {
  // One gutter glyph per step, kept by step index and changed only when its look changes: a batch
  // of run events touches a few steps, not every decoration of a long script (each a DOM node and
  // a hover in Monaco's view). The current/failed line highlights are few and set as one collection.
  const glyphs = createGlyphDecorations(monaco, editor);
  const lineDecorations = editor.createDecorationsCollection();
  let lastCurrentLine: number | null = null;
  let tracked: TrackedSteps | null = null;
  const update = (s: AppState) => {
    const model = getModel();
    const ofThisDoc = selectRunIsOfActiveDoc(s);
    const raw = ofThisDoc
      ? stepMarks(s.runScript, s.steps, s.currentStep, s.status === 'paused' ? s.nextStep : null)
      : [];
    if (s.runScript && raw.length && (!tracked || tracked.model !== model) && s.text === s.runText) {
      tracked?.dispose();
      tracked = trackSteps(monaco, model, raw);
    }
    const follow = tracked && tracked.model === model ? tracked : null;
    const changed = new Set(s.changedSteps);
    const marks = raw.map((m) => ({ ...m, ...(follow ? follow.lineOf(m) : {}) }));
    const lineCount = model.getLineCount();
    const wanted: GlyphSpec[] = [];
    const decos: Monaco.editor.IModelDeltaDecoration[] = [];
    let currentLine: number | null = null;
    for (const m of marks) {
      if (m.line > lineCount) continue;
      const isChanged = changed.has(m.index) && s.status !== 'running' && s.status !== 'paused';
      wanted.push({
        index: m.index,
        line: m.line,
        className: `scs-glyph scs-glyph-${m.current && s.status === 'paused' ? 'next' : m.status}${
          isChanged ? ' scs-glyph-changed' : ''
        }`,
        hover: isChanged ? `${m.hover} (edited since this run)` : m.hover,
      });
      if (m.current && (s.status === 'running' || s.status === 'paused')) {
        currentLine = m.line;
        const end = Math.min(m.endLine, lineCount);
        if (end > m.line) {
          decos.push({
            range: new monaco.Range(m.line + 1, 1, end, 1),
            options: { isWholeLine: true, className: 'scs-step-current-block' },
          });
        }
        decos.push({
          range: new monaco.Range(m.line, 1, m.line, 1),
          options: {
            isWholeLine: true,
            className: 'scs-step-current',
            linesDecorationsClassName: 'scs-step-current-bar',
            overviewRuler: {
              color: 'rgba(9, 105, 218, 0.8)',
              position: monaco.editor.OverviewRulerLane.Full,
            },
          },
        });
      } else if (m.status === 'failed') {
        decos.push({
          range: new monaco.Range(m.line, 1, m.line, 1),
          options: {
            isWholeLine: true,
            className: 'scs-step-failed',
            linesDecorationsClassName: 'scs-step-failed-bar',
            overviewRuler: {
              color: 'rgba(207, 34, 46, 0.9)',
              position: monaco.editor.OverviewRulerLane.Full,
            },
          },
        });
      }
    }
    glyphs.set(wanted);
    lineDecorations.set(decos);
    host.classList.toggle('scs-paused', s.status === 'paused');
    // Follow the run: keep the current step on screen (without moving the cursor).
    if (currentLine !== null && currentLine !== lastCurrentLine) {
      // Immediate while running: a smooth scroll per step would repaint the editor for frames on end.
      editor.revealLineInCenterIfOutsideViewport(
        currentLine,
        s.status === 'running' ? monaco.editor.ScrollType.Immediate : monaco.editor.ScrollType.Smooth,
      );
    }
    lastCurrentLine = currentLine;
  };

  // Steps of the last run whose block was edited since: told to the store (the step list shows them).
  const updateChanged = (s: AppState) => {
    const model = getModel();
    if (s.status === 'running' || s.status === 'paused') return;
    const mine = tracked && tracked.model === model && selectRunIsOfActiveDoc(s) ? tracked : null;
    s.setChangedSteps(mine ? mine.changed() : []);
    s.setTrackedLines(mine ? mine.lines() : null);
  };

  return {
    update,
    updateChanged,
    clear() {
      glyphs.clear();
      lineDecorations.clear();
    },
    forget(model) {
      if (!tracked || (model && tracked.model !== model)) return;
      tracked.dispose();
      tracked = null;
    },
    dispose() {
      tracked?.dispose();
      tracked = null;
      glyphs.clear();
    },
  };
}
