// The live console: several clients connected to the chosen target at once, their traffic, a composer,
// and the recorder (Record writes the session as a script; a mod_scansion_record recording can be
// imported and regrouped to replay).
import { useRef, useState } from 'react';
import { useAppStore } from '../../store';
import { useServices } from '../ServicesContext';
import { LiveComposer, decodeSendAs } from './LiveComposer';
import { LiveConnect } from './LiveConnect';
import { LiveLog } from './LiveLog';
import './live.css';

export function LiveConsole() {
  const { live } = useServices();
  const clients = useAppStore((s) => s.liveClients);
  const liveTarget = useAppStore((s) => s.liveTarget);
  const showRaw = useAppStore((s) => s.liveShowRaw);
  const setShowRaw = useAppStore((s) => s.liveSetShowRaw);
  const drop = useAppStore((s) => s.liveDrop);
  const setDrop = useAppStore((s) => s.liveSetDrop);
  const error = useAppStore((s) => s.liveError);
  const replaced = useAppStore((s) => s.liveReplaced);
  const clearLog = useAppStore((s) => s.liveClear);
  const [sendAs, setSendAs] = useState('');
  const [filter, setFilter] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const active = decodeSendAs(sendAs);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    live.importRecording(await file.text(), file.name);
  };

  return (
    <div className="live-console console" data-testid="live">
      <div className="console-toolbar live-toolbar">
        <LiveConnect />
        <span className="live-target" data-testid="live.target">
          {liveTarget ? `on ${liveTarget}` : 'not connected'}
        </span>
        <div className="live-clients" role="list" aria-label="Live clients">
          {clients.map((c) => (
            <span
              key={c.name}
              role="listitem"
              className={`live-chip state-${c.state}`}
              data-testid="live.client"
              data-client={c.name}
              data-state={c.state}
              title={c.fullJid ?? c.jid}
            >
              <button
                type="button"
                className={`live-chip-name${filter === c.name ? ' selected' : ''}`}
                aria-pressed={filter === c.name}
                title="Show only this client's traffic"
                onClick={() => setFilter(filter === c.name ? '' : c.name)}
              >
                {c.name}
              </button>
              {c.state === 'online' && (
                <button
                  type="button"
                  className="icon-button small"
                  aria-label={`Disconnect ${c.name}`}
                  title="Disconnect"
                  onClick={() => void live.disconnect(c.name)}
                >
                  ×
                </button>
              )}
            </span>
          ))}
        </div>
      </div>
      <div className="console-toolbar live-toolbar">
        <label className="live-check">
          <input type="checkbox" checked={showRaw} onChange={(e) => setShowRaw(e.target.checked)} />
          Stream traffic (auth, bind)
        </label>
        <label className="live-drop">
          Drop when recording
          <input
            className="text-input"
            data-testid="live.drop"
            aria-label="Elements the recorder drops (names or namespaces, comma-separated)"
            value={drop.join(', ')}
            onChange={(e) =>
              setDrop(
                e.target.value
                  .split(',')
                  .map((x) => x.trim())
                  .filter(Boolean),
              )
            }
          />
        </label>
        <button
          type="button"
          className="tool-button primary"
          data-testid="live.record"
          disabled={!liveTarget}
          onClick={() => live.record()}
        >
          Record as script
        </button>
        <button type="button" className="tool-button" onClick={() => fileRef.current?.click()}>
          Import recording…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".scs,.txt,text/plain"
          hidden
          data-testid="live.import"
          onChange={(e) => {
            void importFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        {replaced && (
          <button
            type="button"
            className="tool-button"
            data-testid="live.restore"
            onClick={() => live.restoreReplaced()}
          >
            Bring back {replaced.fileName}
          </button>
        )}
        <button type="button" className="tool-button" disabled={!liveTarget} onClick={() => void live.end()}>
          End session
        </button>
        <button type="button" className="tool-button" onClick={clearLog}>
          Clear
        </button>
      </div>
      {error && (
        <div className="live-error" role="alert" data-testid="live.error">
          {error}
        </div>
      )}
      <LiveLog client={filter} />
      <LiveComposer sendAs={active ? sendAs : ''} onSendAs={setSendAs} />
    </div>
  );
}
