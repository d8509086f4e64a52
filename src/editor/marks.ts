// Pure mappings from store state to what the editor draws: diagnostics -> marker data, and the run's
// step states -> one gutter mark per step plus the current step's highlight. monacoEditor.ts turns
// these into Monaco markers and decorations.
import type { Diagnostic, Range, Script, Step } from '../scansion/types';
import type { StepRunState } from '../store';

type StepStatus = StepRunState['status'];

/** Monaco's MarkerSeverity values (kept here so this file needs no Monaco import). */
export const SEVERITY = { error: 8, warning: 4, info: 2 } as const;

export interface MarkerData {
  severity: number;
  message: string;
  code: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * Diagnostics (1-based, end exclusive: Monaco's convention) to marker data. An empty range is widened
 * to one character so that the squiggle is visible (Monaco clamps it at the end of the line).
 */
export function diagnosticsToMarkers(diagnostics: readonly Diagnostic[]): MarkerData[] {
  return diagnostics.map((d) => {
    const line = Math.max(1, d.line);
    const column = Math.max(1, d.column);
    let endLine = Math.max(line, d.endLine || line);
    let endColumn = d.endColumn || column;
    if (endLine === line && endColumn <= column) {
      endLine = line;
      endColumn = column + 1;
    }
    return {
      severity: SEVERITY[d.severity] ?? SEVERITY.error,
      message: d.message,
      code: d.code,
      source: 'scansion',
      startLineNumber: line,
      startColumn: column,
      endLineNumber: endLine,
      endColumn,
    };
  });
}

export interface StepMark {
  index: number;
  /** The action line (step.headerRange.line). */
  line: number;
  /** Last line of the step's block (step.range.endLine, inclusive of text on it). */
  endLine: number;
  status: StepStatus;
  /** The step being run now, or (when `nextStep` is given: a paused run) the one it runs next. */
  current: boolean;
  /** Hover text for the gutter glyph. */
  hover: string;
}

export interface StepRunInfo {
  status: StepStatus;
  durationMs?: number;
}

export function stepText(step: Step): string {
  switch (step.action) {
    case 'connects':
    case 'disconnects':
      return `${step.client} ${step.action}`;
    case 'receives-nothing':
      return `${step.client} receives: nothing`;
    default:
      return `${step.client} ${step.action}:`;
  }
}

/**
 * One mark per step of the run's script. No marks before a run (no step states): the gutter stays
 * quiet while writing. `current` is the running step; pass `nextStep` only while paused.
 */
export function stepMarks(
  script: Script | null,
  steps: readonly StepRunInfo[],
  currentStep: number | null,
  nextStep: number | null = null,
): StepMark[] {
  if (!script || steps.length === 0) return [];
  // While paused the store keeps the last started step in currentStep; the step to come is nextStep.
  const current = nextStep ?? currentStep;
  return script.steps.map((step, i) => {
    const info = steps[i];
    const status: StepStatus = info?.status ?? 'pending';
    const duration =
      info?.durationMs !== undefined && (status === 'passed' || status === 'failed')
        ? ` in ${Math.round(info.durationMs)} ms`
        : '';
    const endLine =
      step.range.endColumn === 1 && step.range.endLine > step.range.line
        ? step.range.endLine - 1
        : step.range.endLine;
    return {
      index: i,
      line: step.headerRange.line,
      endLine: Math.max(step.headerRange.line, endLine),
      status,
      current: i === current,
      hover: `Step ${i + 1}: ${stepText(step)} — ${status}${duration}`,
    };
  });
}

/** Marker code of a strict-element sentence; the quick fix (quickFixes.ts) relaxes that element. */
export const RELAX_STRICT_CODE = 'relax-strict';

/** What a failure sentence needs to become a marker (src/scansion/explain.ts's Explanation). */
export interface ExplainedFailure {
  /** The failing step's action line: sentences without a node of their own (order) go there. */
  header: Range;
  explanations: ReadonlyArray<{ sentence: string; loc?: Range; relax?: { loc?: Range } }>;
}

/**
 * Failure sentences to markers on the exact expected node or attribute they are about, the sentence
 * as the hover message. A sentence about a strict element sits on that element's name, with the code
 * the quick fix looks for.
 */
export function failuresToMarkers(failures: readonly ExplainedFailure[]): MarkerData[] {
  const out: MarkerData[] = [];
  for (const f of failures) {
    for (const e of f.explanations) {
      const at = e.relax?.loc ?? e.loc ?? f.header;
      const [m] = diagnosticsToMarkers([
        {
          ...at,
          severity: 'error',
          code: e.relax?.loc ? RELAX_STRICT_CODE : 'mismatch',
          message: e.sentence,
        },
      ]);
      out.push({ ...m, source: 'scansion run' });
    }
  }
  return out;
}
