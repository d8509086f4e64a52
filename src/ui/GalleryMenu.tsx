// The examples gallery: scripts from public/examples/index.json, opened through the loader.
import { useCallback, useRef, useState } from 'react';
import type { GalleryEntry } from '../services';
import { useServices } from './ServicesContext';
import { BookIcon } from './icons';
import { Popover } from './Popover';

export function GalleryMenu() {
  const { loader } = useServices();
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<GalleryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next && !entries) {
      setError(null);
      loader.gallery().then(setEntries, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    }
  };

  const pick = async (name: string) => {
    setOpen(false);
    await loader.loadExample(name);
  };

  return (
    <div className="menu-anchor">
      <button
        ref={button}
        type="button"
        className="tool-button"
        data-testid="gallery"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={toggle}
      >
        <BookIcon /> Examples
      </button>
      <Popover open={open} onClose={close} anchor={button} label="Examples" className="gallery-popover">
        <div className="popover-title">Examples</div>
        {error && <div className="popover-error">{error}</div>}
        {!error && !entries && <div className="popover-empty">Loading…</div>}
        {entries && entries.length === 0 && <div className="popover-empty">No examples yet.</div>}
        {entries && entries.length > 0 && (
          <ul className="gallery-list">
            {entries.map((e, i) => (
              <li key={e.name}>
                <button
                  type="button"
                  className="gallery-item"
                  data-testid="gallery.item"
                  data-name={e.name}
                  autoFocus={i === 0}
                  onClick={() => void pick(e.name)}
                >
                  <span className="gallery-item-title">{e.title}</span>
                  {e.description && <span className="gallery-item-desc">{e.description}</span>}
                  <span className="gallery-item-file">{e.file}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Popover>
    </div>
  );
}
