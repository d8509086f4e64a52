// The room inspector: every room of the mock after the selected step of the run (or live), with what
// changed since the previous step highlighted and what is gone struck through. The view model and the
// diff are computed by src/services/liveInspect.ts; this only shows them.
import { useMemo } from 'react';
import {
  diffSnapshots,
  keyOf,
  readSnapshot,
  snapshotsForStep,
  type ChangeKind,
  type OccupantView,
  type RoomView,
  type SnapshotDiff,
} from '../../services/liveInspect';
import { selectSelectedStep, selectStepScript, useAppStore } from '../../store';
import { useServices } from '../ServicesContext';
import { PresentationToggle } from '../live/PresentationToggle';
import '../live/live.css';

function mark(diff: SnapshotDiff, key: string): ChangeKind | undefined {
  return diff.changes.get(key);
}
const cls = (k: ChangeKind | undefined) => (k ? ` insp-${k}` : '');

export function RoomInspector(props: { compact?: boolean }) {
  const { live } = useServices();
  const inspections = useAppStore((s) => s.inspections);
  const inspectionRunId = useAppStore((s) => s.inspectionRunId);
  const runId = useAppStore((s) => s.runId);
  const selected = useAppStore(selectSelectedStep);
  const current = useAppStore((s) => s.currentStep);
  const liveSnapshot = useAppStore((s) => s.liveSnapshot);
  const liveTarget = useAppStore((s) => s.liveTarget);
  const script = useAppStore(selectStepScript);

  const fromRun = inspectionRunId !== null && inspectionRunId === runId;
  const picked = useMemo(
    () => (fromRun ? snapshotsForStep(inspections, selected ?? current) : null),
    [fromRun, inspections, selected, current],
  );
  const view = useMemo(() => readSnapshot(picked ? picked.current : liveSnapshot), [picked, liveSnapshot]);
  const diff = useMemo(
    () => diffSnapshots(picked?.previous ? readSnapshot(picked.previous) : null, view),
    [picked, view],
  );
  const step = picked?.step ?? null;
  const stepLabel = step === null ? null : script.steps[step];

  return (
    <div className={`inspector${props.compact ? ' compact' : ''}`} data-testid="inspector">
      <div className="inspector-head">
        <span data-testid="inspector.source">
          {step !== null
            ? `Rooms after step ${step + 1}${stepLabel ? ` (${stepLabel.client} ${stepLabel.action.replace('-', ' ')})` : ''}`
            : liveSnapshot
              ? 'Rooms of the live session'
              : 'No snapshot yet'}
        </span>
        {liveTarget === 'mock' && (
          <button type="button" className="tool-button" onClick={() => void live.inspectLive()}>
            Refresh live
          </button>
        )}
        {!props.compact && <PresentationToggle />}
        {diff.changes.size > 0 && (
          <span className="inspector-legend">
            <span className="insp-changed">changed</span> <span className="insp-added">new</span>{' '}
            <span className="insp-removed">gone</span>
          </span>
        )}
      </div>
      {view.problems.length > 0 && (
        <div className="live-error" role="alert">
          The snapshot could not be read in full: {view.problems.join('; ')}
        </div>
      )}
      {view.rooms.length === 0 && diff.goneRooms.length === 0 && (
        <div className="empty-hint">
          Run a script on the mock (each step leaves a snapshot here), or connect live clients to the mock and
          press Refresh live.
        </div>
      )}
      <div className="inspector-rooms">
        {view.rooms.map((room) => (
          <RoomCard key={room.jid} room={room} diff={diff} />
        ))}
        {diff.goneRooms.map((room) => (
          <div
            key={room.jid}
            className="inspector-room insp-removed"
            data-testid="inspector.room"
            data-gone="true"
          >
            <h3>{room.jid}</h3>
            <div className="inspector-meta">destroyed</div>
          </div>
        ))}
      </div>
    </div>
  );
}

function RoomCard(props: { room: RoomView; diff: SnapshotDiff }) {
  const { room, diff } = props;
  const gone = diff.goneOccupants.filter((g) => g.room === room.jid).map((g) => g.occupant);
  return (
    <section
      className={`inspector-room${cls(mark(diff, keyOf.room(room.jid)))}`}
      data-testid="inspector.room"
      data-room={room.jid}
    >
      <h3>{room.jid}</h3>
      <div className="inspector-meta">
        <span className={cls(mark(diff, keyOf.subject(room.jid)))}>
          Subject: {room.subject === null || room.subject === '' ? <em>none</em> : room.subject}
        </span>
        <span className={cls(mark(diff, keyOf.history(room.jid)))}>History: {room.historySize}</span>
        {room.archiveSize > 0 && <span>Archive: {room.archiveSize}</span>}
        <span className={cls(mark(diff, keyOf.locked(room.jid)))} data-testid="inspector.locked">
          {room.locked ? 'locked (awaiting configuration)' : 'open'}
        </span>
      </div>
      <table className="inspector-table">
        <thead>
          <tr>
            <th>Nick</th>
            <th>Real JID</th>
            <th>Role</th>
            <th>Affiliation</th>
            <th>Sessions</th>
          </tr>
        </thead>
        <tbody>
          {room.occupants.map((o) => (
            <OccupantRow key={o.nick} room={room.jid} o={o} diff={diff} />
          ))}
          {gone.map((o) => (
            <OccupantRow key={`gone-${o.nick}`} room={room.jid} o={o} diff={diff} gone />
          ))}
        </tbody>
      </table>
      {room.affiliations.length > 0 && (
        <div className="inspector-affs">
          <span className="inspector-label">Affiliations</span>
          {room.affiliations.map((a) => (
            <span
              key={a.jid}
              className={`inspector-aff${cls(mark(diff, keyOf.affiliation(room.jid, a.jid)))}`}
              data-testid="inspector.affiliation"
            >
              {a.jid}: {a.affiliation}
            </span>
          ))}
        </div>
      )}
      {room.config.length > 0 && (
        <details className="inspector-config">
          <summary>
            Configuration
            {room.config.some(([k]) => mark(diff, keyOf.config(room.jid, k))) && (
              <span className="insp-changed"> (changed)</span>
            )}
          </summary>
          <dl>
            {room.config.map(([k, v]) => (
              <div key={k} className={cls(mark(diff, keyOf.config(room.jid, k)))}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </section>
  );
}

function OccupantRow(props: { room: string; o: OccupantView; diff: SnapshotDiff; gone?: boolean }) {
  const { room, o, diff } = props;
  const rowMark = mark(diff, keyOf.occupant(room, o.nick));
  const f = (field: keyof OccupantView) => cls(mark(diff, keyOf.occupantField(room, o.nick, field)));
  return (
    <tr
      className={`inspector-occupant${cls(rowMark)}`}
      data-testid="inspector.occupant"
      data-nick={o.nick}
      data-change={rowMark}
    >
      <td>{props.gone ? <s>{o.nick}</s> : o.nick}</td>
      <td className={f('realJids')}>{o.realJids.join(', ')}</td>
      <td className={f('role')}>{o.role}</td>
      <td className={f('affiliation')}>{o.affiliation}</td>
      <td className={f('sessions')}>{o.sessions}</td>
    </tr>
  );
}
