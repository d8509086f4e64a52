// Details of the selected step. For receives: expected (variables expanded) beside received, each
// mismatch marked at its line with its sentence, and a raw side-by-side diff as a second view.
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { locateCounterpartRange, locateMismatchRange, prettyXml } from '../services/xmlFormat';
import {
  expectedXml,
  failureExplanations,
  formatDuration,
  readableXml,
  stepLabel,
} from '../services/stepView';
import { acceptAllReceived, acceptReceived, receivedByStep } from '../services/acceptReceived';
import type { Explanation } from '../scansion/explain';
import type { Step } from '../scansion/types';
import type { StepFailure } from '../runner';
import {
  selectConnections,
  selectFailures,
  selectRunSteps,
  selectSelectedStep,
  selectStanzas,
  selectStepScript,
  selectVariables,
  useAppStore,
  useAppStoreApi,
  type StepRunState,
} from '../store';
import { StatusGlyph } from './StepList';
import { XmlBlock, type LineMark } from './XmlBlock';
import './stepDetails.css';

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

const DiffView = lazy(() => import('../editor/DiffView'));

export function StepDetails() {
  const script = useAppStore(selectStepScript);
  const selected = useAppStore(selectSelectedStep);
  const runSteps = useAppStore(selectRunSteps);
  const failures = useAppStore(selectFailures);
  const variables = useAppStore(selectVariables);
  const step = selected !== null ? script.steps[selected] : undefined;

  if (!step) return <RunSummary />;
  const st: StepRunState = runSteps[step.index] ?? { status: 'pending' };
  const failure = failures.find((f) => f.step === step.index);
  return (
    <div className="details">
      <div className="details-head">
        <StatusGlyph status={st.status} />
        <span className="details-title">
          Step {step.index + 1} · {stepLabel(step)}
        </span>
        <span className="details-line">line {step.headerRange.line}</span>
        {st.durationMs !== undefined && (
          <span className="details-duration">{formatDuration(st.durationMs)}</span>
        )}
      </div>
      {/* With mismatches, their list below says it better (and once); otherwise the runner's message. */}
      {failure && failure.mismatches.length === 0 && <div className="details-message">{failure.message}</div>}
      <StepBody step={step} st={st} failure={failure} variables={variables} />
    </div>
  );
}

function StepBody(props: {
  step: Step;
  st: StepRunState;
  failure?: StepFailure;
  variables: Record<string, string>;
}) {
  const { step, st, failure, variables } = props;
  if (step.action === 'receives')
    return <ReceiveDiff step={step} st={st} failure={failure} variables={variables} />;
  if (step.action === 'receives-nothing') return <NothingDetails st={st} failure={failure} />;
  if (step.action === 'sends') return <SentDetails step={step} variables={variables} />;
  return <ConnectionDetails step={step} />;
}

/** The expected-side paths an explanation is about (a grouped strict sentence: the element itself). */
function markPaths(e: Explanation): string[] {
  if (e.kind === 'strict-children')
    return [e.relax?.path ?? e.paths[0].slice(0, e.paths[0].lastIndexOf('/'))];
  if (e.kind === 'strict-attributes') return [e.paths[0].replace(/@[^/]*$/, '')];
  return e.paths;
}

/** Marks on the expected XML: each explained node, with the sentence under its first line. */
function marksFor(xml: string, explanations: Explanation[]): LineMark[] {
  return explanations.flatMap((e) =>
    markPaths(e).map((path, i) => {
      const notes = i === 0 ? [e.sentence] : [];
      const r = locateMismatchRange(xml, path);
      if (!r) return { line: 1, notes };
      const span = r.endLine === r.line ? { start: r.column, end: r.endColumn } : undefined;
      return { line: r.line, notes, span };
    }),
  );
}

/** Accept what arrived, for this step or for the whole run, and say what happened. */
function AcceptControls(props: { step: number; failed: boolean }) {
  const store = useAppStoreApi();
  const runStatus = useAppStore((s) => s.status);
  const runScript = useAppStore((s) => s.runScript);
  const steps = useAppStore(selectRunSteps);
  const failures = useAppStore(selectFailures);
  const [note, setNote] = useState<string | null>(null);
  const finished = runStatus === 'pass' || runStatus === 'fail' || runStatus === 'error';
  const all = useMemo(
    () => (finished ? receivedByStep(store.getState()).length : 0),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [finished, runScript, steps, failures, store],
  );
  const done = (r: ReturnType<typeof acceptReceived>, what: string) =>
    setNote(r.ok ? `${what} Undo with ${MOD}+Z in the editor.` : r.message);
  if (!props.failed && all === 0) return null;
  return (
    <div className="accept-controls">
      {props.failed && (
        <button
          type="button"
          className="accept-button"
          data-testid="diff.accept"
          title="Replace this step's expected XML with the stanza that arrived, written with the script's variables"
          onClick={() => done(acceptReceived(store, props.step), 'Expected XML replaced with what arrived.')}
        >
          Accept received
        </button>
      )}
      {all > 0 && (
        <button
          type="button"
          className="accept-button"
          data-testid="diff.accept-all"
          title="Replace the expected XML of every receives step of this run with what arrived (a snapshot update)"
          onClick={() =>
            done(acceptAllReceived(store), `Expected XML of ${all} steps replaced with what arrived.`)
          }
        >
          Accept all ({all})
        </button>
      )}
      {note && (
        <span className="accept-note" role="status" data-testid="diff.accept-note">
          {note}
        </span>
      )}
    </div>
  );
}

function ReceiveDiff(props: {
  step: Step;
  st: StepRunState;
  failure?: StepFailure;
  variables: Record<string, string>;
}) {
  const { step, st, failure, variables } = props;
  const [raw, setRaw] = useState(false);
  const reveal = useAppStore((s) => s.requestReveal);
  const columns = useRef<HTMLDivElement>(null);
  const expected = useMemo(
    () => readableXml(st.expected ?? failure?.expected ?? expectedXml(step, variables) ?? ''),
    [st.expected, failure?.expected, step, variables],
  );
  const receivedRaw = st.received ?? failure?.received;
  const received = useMemo(() => (receivedRaw ? prettyXml(receivedRaw) : null), [receivedRaw]);
  const mismatches = useMemo(() => failure?.mismatches ?? [], [failure]);
  const explanations = useMemo(
    () => failureExplanations(step, failure, variables),
    [step, failure, variables],
  );
  const expectedMarks = useMemo(() => marksFor(expected, explanations), [expected, explanations]);
  const receivedMarks = useMemo(
    (): LineMark[] =>
      received
        ? mismatches
            .filter((m) => m.kind !== 'missing-attribute' && m.kind !== 'missing-child')
            .flatMap((m) => {
              const r = locateCounterpartRange(expected, received, m.path);
              if (!r) return [];
              const span = r.endLine === r.line ? { start: r.column, end: r.endColumn } : undefined;
              return [{ line: r.line, notes: [], span }];
            })
        : [],
    [expected, received, mismatches],
  );
  const waiting = st.status === 'pending' || st.status === 'running';
  // Bring the first marked line of the expected XML into view when a failure is shown.
  useEffect(() => {
    columns.current?.querySelector('.xml-row.marked')?.scrollIntoView?.({ block: 'nearest' });
  }, [expectedMarks]);

  return (
    <div className="diff" data-testid="diff">
      <div className="diff-toolbar">
        <div className="segmented" role="group" aria-label="Diff view">
          <button type="button" aria-pressed={!raw} onClick={() => setRaw(false)}>
            Structured
          </button>
          <button
            type="button"
            aria-pressed={raw}
            data-testid="diff.raw-toggle"
            onClick={() => setRaw((r) => !r)}
          >
            Raw diff
          </button>
        </div>
        {mismatches.length > 0 && (
          <span className="diff-count">
            {mismatches.length} mismatch{mismatches.length === 1 ? '' : 'es'}
          </span>
        )}
        {received !== null && <AcceptControls step={step.index} failed={!!failure} />}
      </div>
      {explanations.length > 0 && (
        <ul className="mismatch-list">
          {explanations.map((e, i) => (
            <li
              key={i}
              className={`mismatch mismatch-${e.kind}`}
              data-testid="diff.mismatch"
              data-kind={e.kind}
              data-path={e.paths.join(' ')}
            >
              {e.loc ? (
                <button
                  type="button"
                  className="mismatch-link"
                  title={`Go to line ${e.loc.line} of the script`}
                  onClick={() => reveal(e.loc!.line)}
                >
                  {e.sentence}
                </button>
              ) : (
                e.sentence
              )}
            </li>
          ))}
        </ul>
      )}
      {raw ? (
        <Suspense fallback={<div className="diff-loading">Loading diff…</div>}>
          <div className="raw-diff">
            <DiffView original={expected} modified={received ?? ''} language="xml" />
          </div>
        </Suspense>
      ) : (
        <div className="diff-columns" ref={columns}>
          <div className="diff-col">
            <div className="diff-col-head">Expected (variables expanded)</div>
            <XmlBlock xml={expected} marks={expectedMarks} testId="diff.expected" label="Expected XML" />
          </div>
          <div className="diff-col">
            <div className="diff-col-head">Received</div>
            {received !== null ? (
              <XmlBlock xml={received} marks={receivedMarks} testId="diff.received" label="Received XML" />
            ) : (
              <div className="xml-block placeholder" data-testid="diff.received">
                {waiting ? 'Not received yet.' : failure ? 'Nothing arrived.' : 'Not recorded.'}
              </div>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function NothingDetails(props: { st: StepRunState; failure?: StepFailure }) {
  const received = props.st.received ?? props.failure?.received;
  if (!received) {
    return (
      <div className="details-note">
        {props.st.status === 'passed' ? 'Nothing arrived, as expected.' : 'Expects that nothing arrives.'}
      </div>
    );
  }
  return (
    <div className="diff" data-testid="diff">
      <div className="diff-col">
        <div className="diff-col-head">Expected nothing, but this arrived</div>
        <XmlBlock xml={prettyXml(received)} testId="diff.received" label="Received XML" />
      </div>
    </div>
  );
}

function SentDetails(props: { step: Step; variables: Record<string, string> }) {
  const stanzas = useAppStore(selectStanzas);
  const sent = useMemo(
    () => stanzas.filter((s) => s.step === props.step.index && s.direction === 'out'),
    [stanzas, props.step.index],
  );
  const xml =
    sent.length > 0 ? sent.map((s) => prettyXml(s.xml)).join('\n') : expectedXml(props.step, props.variables);
  return (
    <div className="diff-col">
      <div className="diff-col-head">{sent.length > 0 ? 'Sent' : 'Will send (variables expanded)'}</div>
      <XmlBlock xml={xml ?? ''} label="Sent XML" />
    </div>
  );
}

function ConnectionDetails(props: { step: Step }) {
  const connections = useAppStore(selectConnections);
  const c = connections[props.step.client];
  if (!c) return <div className="details-note">Not connected yet.</div>;
  return (
    <dl className="details-facts">
      <dt>Connection</dt>
      <dd>{c.state}</dd>
      {c.jid && (
        <>
          <dt>Bound JID</dt>
          <dd className="mono">{c.jid}</dd>
        </>
      )}
      {c.message && (
        <>
          <dt>Message</dt>
          <dd>{c.message}</dd>
        </>
      )}
    </dl>
  );
}

/** With no step selected: the last run in brief and the variables it bound, or a hint. */
function RunSummary() {
  const result = useAppStore((s) => s.result);
  const target = useAppStore((s) => s.runTarget);
  const variables = useAppStore(selectVariables);
  const names = Object.keys(variables).sort();
  const diagnostics = useAppStore((s) => s.diagnostics);
  const reveal = useAppStore((s) => s.requestReveal);
  const problems =
    diagnostics.length > 0 ? (
      <section className="problems" aria-label="Problems">
        <div className="diff-col-head problems-head">Problems ({diagnostics.length})</div>
        <ul className="problem-list">
          {diagnostics.map((d, i) => (
            <li key={i}>
              <button
                type="button"
                className={`problem sev-${d.severity}`}
                data-testid="problem"
                onClick={() => reveal(d.line)}
                title="Go to this line"
              >
                <span className="problem-sev">{d.severity}</span>
                <span className="problem-pos">
                  line {d.line}:{d.column}
                </span>
                <span className="problem-msg">{d.message}</span>
                <span className="problem-code">{d.code}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    ) : null;
  if (!result && names.length === 0 && problems) {
    return <div className="details">{problems}</div>;
  }
  if (!result && names.length === 0) {
    return (
      <div className="details empty">
        <div className="empty-hint">
          Select a step to see what was expected and what arrived. When a run fails, its first failure is
          selected.
          <div className="keys-hint">
            <kbd>{MOD}</kbd>+<kbd>Enter</kbd> run · <kbd>F10</kbd> step · <kbd>Shift</kbd>+<kbd>F5</kbd> stop
            · <kbd>F6</kbd> next pane
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="details">
      {result && (
        <div className="details-head">
          <StatusGlyph status={result.verdict === 'pass' ? 'passed' : 'failed'} />
          <span className="details-title">
            {result.verdict === 'pass' ? 'Passed' : result.verdict === 'fail' ? 'Failed' : 'Error'}:{' '}
            {result.stepsPassed} of {result.stepsTotal} steps
          </span>
          <span className="details-duration">{formatDuration(result.durationMs)}</span>
          {target && <span className="details-line">on {target}</span>}
        </div>
      )}
      <div className="details-note">Select a step to see what was expected and what arrived.</div>
      {problems}
      {names.length > 0 && (
        <table className="vars-table" aria-label="Variables of the run">
          <thead>
            <tr>
              <th>Variable</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {names.map((n) => (
              <tr key={n}>
                <td className="mono">{`\${${n}}`}</td>
                <td className="mono">{variables[n]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
