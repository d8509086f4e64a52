// Type a stanza and send it as a live client, or (while a run is paused) as one of the run's clients.
// Completion reuses the editor's stanza skeletons; Ctrl/Cmd+Enter sends.
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { snippetPreview, STANZA_SNIPPETS } from '../../editor/snippets';
import { selectConnections, selectRunStatus, useAppStore } from '../../store';
import { useServices } from '../ServicesContext';
import { applyCompletion, liveCompletions, type LiveCompletion } from './liveCompletion';

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
  const [items, setItems] = useState<LiveCompletion[]>([]);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLTextAreaElement>(null);

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

  const complete = (value: string, caret: number) => {
    setItems(liveCompletions(value, caret, target?.client ?? 'Romeo'));
    setActive(0);
  };
  const accept = (c: LiveCompletion) => {
    const next = applyCompletion(text, c);
    setText(next.text);
    setItems([]);
    requestAnimationFrame(() => {
      inputRef.current?.focus();
      inputRef.current?.setSelectionRange(next.caret, next.caret);
    });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      setItems([]);
      void send();
    } else if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      complete(text, e.currentTarget.selectionStart);
    } else if (items.length && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (items.length && (e.key === 'Tab' || e.key === 'Enter')) {
      e.preventDefault();
      accept(items[active]);
    } else if (items.length && e.key === 'Escape') {
      e.preventDefault();
      setItems([]);
    }
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
        ref={inputRef}
        onChange={(e) => {
          const value = e.target.value;
          const caret = e.target.selectionStart;
          setText(value);
          // The list opens on the characters that start a name or a value, and follows typing once open.
          if (items.length || /[<"' ]$/.test(value.slice(0, caret))) complete(value, caret);
        }}
        onBlur={() => setItems([])}
        onKeyDown={onKeyDown}
        aria-autocomplete="list"
        aria-controls="live-completions"
      />
      {items.length > 0 && (
        <ul className="live-completions" id="live-completions" role="listbox" data-testid="live.completions">
          {items.map((c, i) => (
            <li
              key={`${c.label}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                accept(c);
              }}
            >
              <span className="live-completion-label">{c.label}</span>
              {c.detail && <span className="live-completion-detail">{c.detail}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
