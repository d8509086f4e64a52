// Sequence view for demos: one lane per client and one for the server, an arrow per stanza in order.
// Clients sit on both sides of the server so MUC flows read left to right and back.
import { Fragment, useMemo, useState } from 'react';
import { summarizeStanza } from '../services/stanzaSummary';
import { prettyXml } from '../services/xmlFormat';
import {
  selectConnectionLog,
  selectStanzas,
  selectStepScript,
  useAppStore,
  type ConnectionEntry,
  type StanzaEntry,
} from '../store';
import { clientSlot } from './StepList';
import { XmlBlock } from './XmlBlock';
import { attributionOf } from '../services/attribution';

const SHOW_MAX = 300;

export function SequenceView() {
  const stanzas = useAppStore(selectStanzas);
  const script = useAppStore(selectStepScript);
  const log = useAppStore(selectConnectionLog);
  const [open, setOpen] = useState<number | null>(null);

  const lanes = useMemo(() => {
    const names = script.clients.map((c) => c.name);
    for (const s of stanzas) if (!names.includes(s.client)) names.push(s.client);
    const left = names.slice(0, Math.ceil(names.length / 2));
    const right = names.slice(Math.ceil(names.length / 2));
    return [...left, '\u0000server', ...right];
  }, [script.clients, stanzas]);

  const n = lanes.length;
  const center = (i: number) => ((i + 0.5) / n) * 100;
  const serverLane = lanes.indexOf('\u0000server');
  const shown = stanzas.length > SHOW_MAX ? stanzas.slice(stanzas.length - SHOW_MAX) : stanzas;
  // Connection changes (online, closed, error) as notes on the client's lane, in order with the stanzas.
  const notesBefore = useMemo(() => {
    // When older stanzas are cut, so are the connection notes before them.
    const firstShown = stanzas.length > SHOW_MAX ? shown[0].id : -Infinity;
    const m = new Map<number, ConnectionEntry[]>();
    const tail: ConnectionEntry[] = [];
    let si = 0;
    for (const c of log) {
      if (c.state === 'connecting' || c.state === 'closing' || c.id === undefined || c.id < firstShown)
        continue;
      while (si < shown.length && shown[si].id < c.id) si++;
      if (si < shown.length) m.set(shown[si].id, [...(m.get(shown[si].id) ?? []), c]);
      else tail.push(c);
    }
    return { m, tail };
  }, [log, shown, stanzas.length]);

  const note = (c: ConnectionEntry) => {
    const lane = lanes.indexOf(c.client);
    const text =
      c.state === 'online'
        ? `online${c.jid ? ` as ${c.jid}` : ''}`
        : c.state === 'closed'
          ? 'disconnected'
          : `error: ${c.message ?? ''}`;
    return (
      <div key={`c${c.id}`} className={`seq-note-row client-${clientSlot(script.clients, c.client)}`}>
        <span className={`seq-note state-${c.state}`} style={{ left: `${center(lane)}%` }} title={text}>
          {text}
        </span>
      </div>
    );
  };

  return (
    // One scroller for heads and body: lanes keep a legible width and scroll sideways together.
    <div
      className="sequence"
      data-testid="sequence"
      role="region"
      aria-label="Sequence of stanzas"
      tabIndex={0}
      style={{ ['--lanes' as string]: n }}
    >
      <div className="seq-heads" style={{ gridTemplateColumns: `repeat(${n}, 1fr)` }}>
        {lanes.map((l) => (
          <div
            key={l}
            className={`seq-head ${l === '\u0000server' ? 'server' : `client-${clientSlot(script.clients, l)}`}`}
          >
            {l === '\u0000server' ? 'Server' : l}
          </div>
        ))}
      </div>
      <div className="seq-body">
        <div className="seq-lifelines" aria-hidden="true">
          {lanes.map((l, i) => (
            <span key={l} className="seq-lifeline" style={{ left: `${center(i)}%` }} />
          ))}
        </div>
        {stanzas.length === 0 && (
          <div className="empty-hint seq-empty">Run a script to see who sends what to whom.</div>
        )}
        {stanzas.length > SHOW_MAX && (
          <div className="console-more">Showing the last {SHOW_MAX} stanzas.</div>
        )}
        {shown.map((s) => {
          const lane = lanes.indexOf(s.client);
          const a = center(lane);
          const b = center(serverLane);
          const left = Math.min(a, b);
          const width = Math.abs(a - b);
          const rightward = s.direction === 'out' ? b > a : a > b;
          const sum = summarizeStanza(s.xml);
          const peer = s.direction === 'out' ? sum.to : sum.from;
          const label = `${s.client} ${s.direction === 'out' ? 'sent' : 'received'} ${sum.text}${peer ? ` (${s.direction === 'out' ? 'to' : 'from'} ${peer})` : ''}`;
          return (
            <Fragment key={s.id}>
              {notesBefore.m.get(s.id)?.map(note)}
              <div className="seq-row-wrap">
                <button
                  type="button"
                  className={`seq-row dir-${s.direction} client-${clientSlot(script.clients, s.client)}`}
                  aria-expanded={open === s.id}
                  aria-label={label}
                  title={peer ? `${s.direction === 'out' ? 'to' : 'from'} ${peer}` : undefined}
                  onClick={() => setOpen(open === s.id ? null : s.id)}
                >
                  <SeqFate entry={s} />
                  <span className="seq-arrow" style={{ left: `${left}%`, width: `${width}%` }}>
                    <span className={`seq-line ${rightward ? 'to-right' : 'to-left'}`} />
                    <span className="seq-label">{sum.text}</span>
                  </span>
                </button>
                {open === s.id && (
                  <div className="seq-xml">
                    {peer && (
                      <div className="seq-peer">
                        {s.direction === 'out' ? 'to' : 'from'} {peer}
                      </div>
                    )}
                    <XmlBlock xml={prettyXml(s.xml)} lineNumbers={false} />
                  </div>
                )}
              </div>
            </Fragment>
          );
        })}
        {notesBefore.tail.map(note)}
      </div>
    </div>
  );
}

/** The step that matched or sent the stanza, or a mark for a dropped / unread one. */
function SeqFate(props: { entry: StanzaEntry }) {
  const fate = attributionOf(props.entry);
  if (!fate) return null;
  const text =
    fate.step !== null && fate.kind !== 'dropped'
      ? String(fate.step + 1)
      : fate.kind === 'dropped'
        ? '✕'
        : '?';
  return (
    <span
      className={`seq-step stanza-fate-${fate.kind}`}
      data-testid="sequence.fate"
      data-fate={fate.kind}
      title={fate.title ?? fate.label}
    >
      {text}
    </span>
  );
}
