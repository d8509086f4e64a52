// Where scripts run: the in-browser mock (default) or a WebSocket URL; remembered by the settings.
import { DEFAULT_WS_URL, selectIsActive, selectRecentUrls, selectTarget, useAppStore } from '../store';

export function TargetPicker() {
  const target = useAppStore(selectTarget);
  const recent = useAppStore(selectRecentUrls);
  const setTarget = useAppStore((s) => s.setTarget);
  const busy = useAppStore(selectIsActive);
  return (
    <div className="target-picker" role="group" aria-label="Target server">
      <label className="target-label" htmlFor="target-select">
        Target
      </label>
      <select
        id="target-select"
        className="select"
        data-testid="target-select"
        value={target.kind}
        disabled={busy}
        onChange={(e) =>
          setTarget(
            e.target.value === 'ws' ? { kind: 'ws', url: recent[0] ?? DEFAULT_WS_URL } : { kind: 'mock' },
          )
        }
      >
        <option value="mock">Mock server (in browser)</option>
        <option value="ws">WebSocket URL</option>
      </select>
      {target.kind === 'ws' && (
        <>
          <input
            className="text-input target-url"
            data-testid="target-url"
            aria-label="WebSocket URL"
            placeholder={DEFAULT_WS_URL}
            list="recent-urls"
            spellCheck={false}
            disabled={busy}
            value={target.url}
            onChange={(e) => setTarget({ kind: 'ws', url: e.target.value })}
          />
          <datalist id="recent-urls">
            {recent.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </>
      )}
    </div>
  );
}
