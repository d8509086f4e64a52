// Bottom status bar: diagnostics count, target, cursor line, and transient notices.
import { useEffect } from 'react';
import { selectCursorLine, selectNotice, selectTarget, useAppStore } from '../store';

export function StatusBar() {
  const notice = useAppStore(selectNotice);
  const clear = useAppStore((s) => s.clearNotice);
  const target = useAppStore(selectTarget);
  const line = useAppStore(selectCursorLine);
  const errors = useAppStore((s) => s.diagnostics.filter((d) => d.severity === 'error').length);
  const warnings = useAppStore((s) => s.diagnostics.filter((d) => d.severity === 'warning').length);
  const status = useAppStore((s) => s.status);
  const reveal = useAppStore((s) => s.requestReveal);
  const firstDiag = useAppStore((s) => s.diagnostics[0]?.line);
  const steps = useAppStore((s) => s.parsed.script.steps.length);
  const clients = useAppStore((s) => s.parsed.script.clients.length);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(clear, notice.kind === 'error' ? 8000 : 3000);
    return () => clearTimeout(t);
  }, [notice, clear]);

  return (
    <footer className={`status-bar sb-${status}`}>
      <button
        type="button"
        className="sb-item sb-button"
        title="Problems (click to go to the first)"
        onClick={() => firstDiag && reveal(firstDiag)}
        disabled={!firstDiag}
      >
        <span className={errors ? 'sb-err' : ''}>⨯ {errors}</span>{' '}
        <span className={warnings ? 'sb-warn' : ''}>⚠ {warnings}</span>
      </button>
      <span className="sb-item">{target.kind === 'mock' ? 'Mock server' : target.url}</span>
      <span className="sb-notice" role="status" aria-live="polite">
        {notice && <span className={`notice notice-${notice.kind}`}>{notice.text}</span>}
      </span>
      <span className="sb-item">Ln {line}</span>
      <span className="sb-item">
        {steps} step{steps === 1 ? '' : 's'} · {clients} client{clients === 1 ? '' : 's'}
      </span>
    </footer>
  );
}
