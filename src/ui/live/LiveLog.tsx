// The live console's log: every client's traffic in order, stream-level events and (optionally) the raw
// authentication and binding exchange, credentials already masked by the service.
import { memo, useEffect, useMemo, useRef } from 'react';
import { prettyXml } from '../../services/xmlFormat';
import { useAppStore, type LiveLogEntry } from '../../store';
import { XmlBlock } from '../XmlBlock';

const SHOW_MAX = 300;

function label(e: LiveLogEntry): string {
  if (e.kind === 'out') return e.adHoc ? '→ ad hoc' : '→ sent';
  if (e.kind === 'in') return e.adHoc ? '← reply' : e.toScript ? '← to the script' : '← received';
  if (e.kind === 'error') return '✕';
  return '•';
}

export function LiveLog(props: { client: string }) {
  const log = useAppStore((s) => s.liveLog);
  const showRaw = useAppStore((s) => s.liveShowRaw);
  const listRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const shown = useMemo(() => {
    const f = log.filter((e) => (showRaw || !e.raw) && (!props.client || e.client === props.client));
    return f.length > SHOW_MAX ? f.slice(f.length - SHOW_MAX) : f;
  }, [log, showRaw, props.client]);
  const first = log[0]?.at ?? 0;

  useEffect(() => {
    const el = listRef.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [shown.length]);

  return (
    <div
      className="live-log console-list"
      ref={listRef}
      tabIndex={0}
      aria-label="Live traffic"
      data-testid="live.log"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
    >
      {shown.length === 0 && (
        <div className="empty-hint">
          Connect a client, then type stanzas as it. Everything it sends and receives shows up here; Record
          turns the session into a script.
        </div>
      )}
      {shown.map((e) => (
        <LiveRow key={e.id} entry={e} time={`+${((e.at - first) / 1000).toFixed(3)}s`} />
      ))}
    </div>
  );
}

const LiveRow = memo(function LiveRow(props: { entry: LiveLogEntry; time: string }) {
  const { entry: e } = props;
  const xml = useMemo(() => (e.kind === 'in' || e.kind === 'out' ? prettyXml(e.text) : ''), [e.kind, e.text]);
  const classes = [
    'console-entry',
    'live-entry',
    `dir-${e.kind}`,
    e.raw ? 'live-raw' : '',
    e.adHoc ? 'live-adhoc' : '',
    e.toScript ? 'live-to-script' : '',
  ].join(' ');
  return (
    <div
      className={classes}
      data-testid="live.entry"
      data-kind={e.kind}
      data-client={e.client}
      data-adhoc={e.adHoc ? 'true' : undefined}
      data-to-script={e.toScript ? 'true' : undefined}
      data-raw={e.raw ? 'true' : undefined}
    >
      <div className="console-entry-head">
        <span className="console-time">{props.time}</span>
        <span className="console-client">{e.client}</span>
        <span className="console-dir">{label(e)}</span>
        {e.raw && <span className="live-tag">stream</span>}
        {e.toScript && (
          <span
            className="live-tag"
            title="This stanza went to the paused run's client: a later step reads it"
          >
            to script
          </span>
        )}
      </div>
      {xml ? (
        <XmlBlock xml={xml} lineNumbers={false} className="console-xml" />
      ) : (
        <div className={`live-text live-${e.kind}`}>{e.text}</div>
      )}
    </div>
  );
});
