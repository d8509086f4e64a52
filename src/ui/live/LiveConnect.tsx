// Connect a client to the live session: one the script declares, or a new one.
import { useMemo, useState } from 'react';
import { selectScript, useAppStore } from '../../store';
import { useServices } from '../ServicesContext';

const NEW = '__new__';

export function LiveConnect() {
  const { live } = useServices();
  const script = useAppStore(selectScript);
  const liveClients = useAppStore((s) => s.liveClients);
  const declared = useMemo(() => script.clients.filter((c) => c.jid), [script.clients]);
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const [jid, setJid] = useState('');
  const [password, setPassword] = useState('password');
  const [busy, setBusy] = useState(false);

  const online = new Set(liveClients.filter((c) => c.state === 'online').map((c) => c.name));
  const firstFree = declared.find((c) => !online.has(c.name))?.name ?? NEW;
  const selected = choice || firstFree;
  const isNew = selected === NEW;

  const connect = async () => {
    const decl = isNew
      ? { name: name.trim(), jid: jid.trim(), password }
      : (() => {
          const c = declared.find((d) => d.name === selected)!;
          return { name: c.name, jid: c.jid ?? '', password: c.password ?? '' };
        })();
    setBusy(true);
    const ok = await live.connect(decl);
    setBusy(false);
    if (ok) setChoice('');
  };

  return (
    <form
      className="live-connect"
      data-testid="live.connect"
      onSubmit={(e) => {
        e.preventDefault();
        void connect();
      }}
    >
      <select
        className="select"
        aria-label="Client to connect"
        data-testid="live.connect.client"
        value={selected}
        onChange={(e) => setChoice(e.target.value)}
      >
        {declared.map((c) => (
          <option key={c.name} value={c.name} disabled={online.has(c.name)}>
            {c.name} ({c.jid})
          </option>
        ))}
        <option value={NEW}>New client…</option>
      </select>
      {isNew && (
        <>
          <input
            className="text-input live-name"
            aria-label="Client name"
            data-testid="live.connect.name"
            placeholder="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <input
            className="text-input"
            aria-label="JID"
            data-testid="live.connect.jid"
            placeholder="user@localhost"
            value={jid}
            onChange={(e) => setJid(e.target.value)}
          />
          <input
            className="text-input live-password"
            aria-label="Password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </>
      )}
      <button type="submit" className="tool-button" data-testid="live.connect.go" disabled={busy}>
        {busy ? 'Connecting…' : 'Connect'}
      </button>
    </form>
  );
}
