// Type a stanza and send it as a live client, or (while a run is paused) as one of the run's clients.
// Completion reuses the editor's stanza skeletons; Ctrl/Cmd+Enter sends.
import { useMemo, useState } from 'react';
import { snippetPreview, STANZA_SNIPPETS } from '../../editor/snippets';
import { selectConnections, selectRunStatus, useAppStore } from '../../store';
import { useServices } from '../ServicesContext';

export interface SendAs {
  kind: 'live' | 'run';
  client: string;
}

export function encodeSendAs(s: SendAs): string {
  return `${s.kind}:${s.client}`;
}
export function decodeSendAs(v: string): SendAs | null {
  const i = v.indexOf(':');
  if (i === -1) return null;
  const kind = v.slice(0, i);
  return kind === 'live' || kind === 'run' ? { kind, client: v.slice(i + 1) } : null;
}

export function LiveComposer(props: { sendAs: string; onSendAs: (v: string) => void }) {
  const { live } = useServices();
  const liveClients = useAppStore((s) => s.liveClients);
  const status = useAppStore(selectRunStatus);
  const connections = useAppStore(selectConnections);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  const options = useMemo(() => {
    const out: Array<{ value: string; label: string }> = liveClients
      .filter((c) => c.state === 'online')
      .map((c) => ({ value: encodeSendAs({ kind: 'live', client: c.name }), label: c.name }));
    if (status === 'paused') {
      for (const [name, c] of Object.entries(connections)) {
        if (c.state === 'online')
          out.push({ value: encodeSendAs({ kind: 'run', client: name }), label: `${name} (paused run)` });
      }
    }
    return out;
  }, [liveClients, status, connections]);
  const value = options.some((o) => o.value === props.sendAs) ? props.sendAs : (options[0]?.value ?? '');
  const target = decodeSendAs(value);

  const send = async () => {
    if (!target || !text.trim()) return;
    setBusy(true);
    const ok =
      target.kind === 'run'
        ? await live.sendToRun(target.client, text)
        : await live.send(target.client, text);
    setBusy(false);
    if (ok) setText('');
  };

  const insertSnippet = (label: string) => {
    const snippet = STANZA_SNIPPETS.find((s) => s.label === label);
    if (!snippet) return;
    setText(snippetPreview(snippet.body({ client: target?.client ?? 'Romeo' })));
  };

  return (
    <div className="live-composer" data-testid="live.composer">
      <div className="live-composer-bar">
        <select
          className="select"
          aria-label="Send as"
          data-testid="live.sendAs"
          value={value}
          onChange={(e) => props.onSendAs(e.target.value)}
          disabled={options.length === 0}
        >
          {options.length === 0 && <option value="">No client online</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <select
          className="select"
          aria-label="Insert a stanza skeleton"
          data-testid="live.snippet"
          value=""
          onChange={(e) => insertSnippet(e.target.value)}
        >
          <option value="">Insert a stanza…</option>
          {STANZA_SNIPPETS.filter((s) => s.fits === 'sends').map((s) => (
            <option key={s.label} value={s.label} title={s.detail}>
              {s.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="tool-button"
          data-testid="live.quiet"
          disabled={!target || target.kind !== 'live'}
          title="The recorded script expects this client to receive nothing here"
          onClick={() => target && live.markQuiet(target.client)}
        >
          Quiet point
        </button>
        <button
          type="button"
          className="tool-button primary"
          data-testid="live.send"
          disabled={!target || busy || !text.trim()}
          onClick={() => void send()}
        >
          {target?.kind === 'run' ? 'Send ad hoc' : 'Send'}
        </button>
      </div>
      <textarea
        className="live-input text-input"
        data-testid="live.input"
        data-own-enter
        aria-label="Stanza to send"
        spellCheck={false}
        placeholder={
          '<message to="juliet@localhost" type="chat"><body>Hi</body></message>   (Ctrl+Enter sends)'
        }
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
      />
    </div>
  );
}
