// The active document's version history (IndexedDB): newest first, each restorable as one undoable edit.
import { useCallback, useRef, useState } from 'react';
import type { Version } from '../services';
import { useAppStore } from '../store';
import { Popover } from './Popover';
import { useServices } from './ServicesContext';

function when(at: number): string {
  const d = new Date(at);
  return d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

function firstLine(text: string): string {
  const l = text.split('\n').find((x) => x.trim() && !x.startsWith('#')) ?? text.split('\n')[0] ?? '';
  return l.length > 60 ? `${l.slice(0, 60)}…` : l;
}

export function HistoryMenu() {
  const { documents } = useServices();
  const docId = useAppStore((s) => s.activeDocId);
  const automation = useAppStore((s) => s.automation);
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState<Version[] | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next) {
      setVersions(null);
      void documents.history(docId).then(setVersions);
    }
  };

  return (
    <div className="menu-anchor doc-history">
      <button
        ref={button}
        type="button"
        className="tool-button doc-history-button"
        data-testid="history-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        title={
          automation ? 'No history: this page was opened by automation' : 'Earlier versions of this script'
        }
        disabled={automation}
        onClick={toggle}
      >
        History
      </button>
      <Popover
        open={open}
        onClose={close}
        anchor={button}
        label="Version history"
        className="history-popover"
      >
        <div className="popover-title">Versions of this script</div>
        {!versions && <div className="popover-empty">Loading…</div>}
        {versions && versions.length === 0 && <div className="popover-empty">No earlier versions yet.</div>}
        {versions && versions.length > 0 && (
          <ul className="history-list">
            {versions.map((v, i) => (
              <li key={`${v.at}-${i}`} className="history-item" data-testid="history.item">
                <div className="history-meta">
                  <span className="history-when">{when(v.at)}</span>
                  <span className="history-reason">{v.reason}</span>
                  <span className="history-size">{v.text.split('\n').length} lines</span>
                </div>
                <div className="history-preview">{firstLine(v.text)}</div>
                <button
                  type="button"
                  className="tool-button"
                  data-testid="history.restore"
                  onClick={() => {
                    setOpen(false);
                    void documents.restoreVersion(docId, v.text);
                  }}
                >
                  Restore
                </button>
              </li>
            ))}
          </ul>
        )}
      </Popover>
    </div>
  );
}
