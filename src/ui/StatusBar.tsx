// Bottom status bar: diagnostics count, target, cursor line, and transient notices.
import { useEffect } from 'react';
import { selectCursorLine, selectNotice, selectTabMovesFocus, selectTarget, useAppStore } from '../store';

const mod = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

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
  const tabMovesFocus = useAppStore(selectTabMovesFocus);
  const toggleTab = useAppStore((s) => s.toggleTabMovesFocus);

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
      <button
        type="button"
        className="sb-item sb-button"
        data-testid="tab-mode"
        aria-pressed={tabMovesFocus}
        title={
          tabMovesFocus
            ? `Tab moves the focus out of the editor; click or press ${mod}+M in the editor to indent with Tab`
            : `Tab inserts a tab in the editor; click or press ${mod}+M in the editor to move the focus with Tab`
        }
        onClick={toggleTab}
      >
        {tabMovesFocus ? 'Tab moves focus' : 'Tab indents'}
      </button>
      <span className="sb-item">Ln {line}</span>
      <span className="sb-item">
        {steps} step{steps === 1 ? '' : 's'} · {clients} client{clients === 1 ? '' : 's'}
      </span>
    </footer>
  );
}
