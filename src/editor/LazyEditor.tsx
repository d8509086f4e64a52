// PLACEHOLDER written by the app-UI helper so the shell builds before the Monaco editor lands.
// The editor helper replaces this file with the Monaco editor (same default export and test ids).
import { useEffect, useRef } from 'react';
import { selectLoadNonce, selectText, useAppStore, useAppStoreApi } from '../store';

export default function ScsEditor(props: { className?: string }) {
  const text = useAppStore(selectText);
  const loadNonce = useAppStore(selectLoadNonce);
  const setText = useAppStore((s) => s.setText);
  const setCursorLine = useAppStore((s) => s.setCursorLine);
  const store = useAppStoreApi();
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const w = window as unknown as { __scsEditor?: unknown };
    w.__scsEditor = {
      getValue: () => store.getState().text,
      setValue: (t: string) => store.getState().setText(t),
      setCursor: (line: number) => store.getState().setCursorLine(line),
    };
  }, [store]);

  const onCursor = () => {
    const el = ref.current;
    if (!el) return;
    setCursorLine(el.value.slice(0, el.selectionStart).split('\n').length);
  };

  return (
    <div className={props.className} data-testid="editor">
      <textarea
        key={loadNonce}
        ref={ref}
        data-testid="editor-fallback"
        aria-label="Script"
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSelect={onCursor}
        onKeyUp={onCursor}
        onClick={onCursor}
        style={{
          width: '100%',
          height: '100%',
          border: 0,
          resize: 'none',
          outline: 'none',
          padding: '8px 12px',
          boxSizing: 'border-box',
          font: '13px/1.5 var(--font-mono, monospace)',
          background: 'var(--editor-bg, transparent)',
          color: 'inherit',
          tabSize: 4,
        }}
      />
    </div>
  );
}
