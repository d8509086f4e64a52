// Two targets side by side: a verdict matrix of the suite's scripts (or the workbench's script), and for
// each script that differs, the first step where the two runs diverge with both stanzas and the sentence.
import { DEFAULT_WS_URL, selectCompare, useAppStore, type CompareRow, type Target } from '../../store';
import type { StepOutcome } from '../../runner/compare';
import { useServices } from '../ServicesContext';
import { XmlBlock } from '../XmlBlock';
import './suite.css';

function TargetField(props: {
  side: 'A' | 'B';
  target: Target;
  onChange(t: Target): void;
  disabled: boolean;
}) {
  const { side, target, onChange, disabled } = props;
  const id = side.toLowerCase();
  return (
    <div className="compare-target" role="group" aria-label={`Target ${side}`}>
      <span className="compare-side">{side}</span>
      <select
        className="select"
        data-testid={`compare-target-${id}`}
        aria-label={`Target ${side}`}
        disabled={disabled}
        value={target.kind}
        onChange={(e) =>
          onChange(e.target.value === 'ws' ? { kind: 'ws', url: DEFAULT_WS_URL } : { kind: 'mock' })
        }
      >
        <option value="mock">Mock server (in browser)</option>
        <option value="ws">WebSocket URL</option>
      </select>
      {target.kind === 'ws' && (
        <input
          className="text-input target-url"
          data-testid={`compare-url-${id}`}
          aria-label={`WebSocket URL of target ${side}`}
          spellCheck={false}
          disabled={disabled}
          value={target.url}
          onChange={(e) => onChange({ kind: 'ws', url: e.target.value })}
        />
      )}
    </div>
  );
}

const VERDICT: Record<string, string> = {
  queued: 'queued',
  running: 'running…',
  idle: '—',
  pass: 'pass',
  fail: 'fail',
  error: 'error',
};

function Side(props: { label: string; o: StepOutcome; testId: string }) {
  const { o } = props;
  return (
    <div className="compare-side-detail" data-testid={props.testId}>
      <div className="compare-side-title">
        {props.label}: <span className={`verdict-${o.status}`}>{o.status}</span>
      </div>
      {o.message && <p className="compare-message">{o.message}</p>}
      {o.received ? (
        <>
          <div className="compare-caption">received</div>
          <XmlBlock xml={o.received} label={`received on ${props.label}`} />
        </>
      ) : (
        <div className="compare-caption">nothing received</div>
      )}
      {o.expected && (
        <>
          <div className="compare-caption">expected</div>
          <XmlBlock xml={o.expected} label={`expected on ${props.label}`} />
        </>
      )}
    </div>
  );
}

function Row(props: { row: CompareRow; labels: { a: string; b: string }; expanded: boolean }) {
  const { compare } = useServices();
  const expand = useAppStore((s) => s.compareExpand);
  const { row, labels } = props;
  const c = row.comparison;
  const d = c?.divergence;
  const same = c ? c.sameVerdict && !d : null;
  return (
    <>
      <tr
        className={`compare-row${same === false ? ' differs' : ''}`}
        data-testid="compare-row"
        data-id={row.id}
      >
        <th scope="row" className="compare-script">
          {row.id}
        </th>
        <td className={`verdict-${row.a}`} data-testid="compare-row.a">
          {VERDICT[row.a]}
        </td>
        <td className={`verdict-${row.b}`} data-testid="compare-row.b">
          {VERDICT[row.b]}
        </td>
        <td data-testid="compare-row.same">{same === null ? '' : same ? 'same' : 'differs'}</td>
        <td className="compare-sentence" data-testid="compare-row.divergence">
          {d ? (
            <button
              type="button"
              className="link-button"
              aria-expanded={props.expanded}
              onClick={() => expand(props.expanded ? null : row.id)}
            >
              {d.sentence}
            </button>
          ) : null}
        </td>
        <td className="compare-open">
          <button
            type="button"
            className="tool-button"
            disabled={!c}
            onClick={() => compare.open(row.id, 'a')}
          >
            Open A
          </button>
          <button
            type="button"
            className="tool-button"
            disabled={!c}
            onClick={() => compare.open(row.id, 'b')}
          >
            Open B
          </button>
        </td>
      </tr>
      {d && props.expanded && (
        <tr className="compare-detail-row">
          <td colSpan={6}>
            <div className="compare-detail" data-testid="compare-detail">
              <Side label={labels.a} o={d.a} testId="compare-detail.a" />
              <Side label={labels.b} o={d.b} testId="compare-detail.b" />
            </div>
          </td>
        </tr>
      )}
    </>
  );
}

export function CompareView() {
  const { compare } = useServices();
  const state = useAppStore(selectCompare);
  const setTargets = useAppStore((s) => s.compareSetTargets);
  const suiteSize = useAppStore((s) => s.suiteEntries.length);
  const rows = Object.values(state.rows);
  const differ = rows.filter(
    (r) => r.comparison && (!r.comparison.sameVerdict || r.comparison.divergence),
  ).length;
  const done = rows.filter((r) => r.comparison).length;
  return (
    <main className="suite-view compare-view" data-testid="compare-view" aria-label="Compare two targets">
      <div className="suite-toolbar">
        <TargetField
          side="A"
          target={state.targetA}
          disabled={state.running}
          onChange={(t) => setTargets({ targetA: t })}
        />
        <TargetField
          side="B"
          target={state.targetB}
          disabled={state.running}
          onChange={(t) => setTargets({ targetB: t })}
        />
        <button
          type="button"
          className="run-button primary"
          data-testid="compare-run"
          disabled={state.running}
          onClick={() => void compare.run()}
        >
          Compare {suiteSize > 0 ? `${suiteSize} scripts` : 'the script'}
        </button>
        <button
          type="button"
          className="tool-button"
          disabled={!state.running}
          onClick={() => compare.stop()}
        >
          Stop
        </button>
      </div>
      <div className="suite-summary" data-testid="compare-summary" aria-live="polite">
        {rows.length === 0
          ? 'Runs the suite (or, with an empty suite, the workbench’s script) on both targets.'
          : `${done} of ${rows.length} compared · ${differ} differ${state.running ? ' · running…' : ''}`}
      </div>
      {rows.length > 0 && state.labels && (
        <div className="suite-tree">
          <table className="compare-matrix" data-testid="compare-matrix">
            <thead>
              <tr>
                <th scope="col">script</th>
                <th scope="col">{state.labels.a.startsWith('A: ') ? state.labels.a : `A: ${state.labels.a}`}</th>
                <th scope="col">{state.labels.b.startsWith('B: ') ? state.labels.b : `B: ${state.labels.b}`}</th>
                <th scope="col">verdicts</th>
                <th scope="col">first divergent step</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <Row key={r.id} row={r} labels={state.labels!} expanded={state.expanded === r.id} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
