// The script editor the page shows (default export, loaded with React.lazy by the app UI). It renders
// a plain textarea bound to the store at once (data-testid="editor-fallback": usable, and what the
// page shows if Monaco cannot load), then loads Monaco in its own chunk and swaps it in.
// Also installs window.__scsEditor for end-to-end tests.
import { useEffect, useRef, useState, type ComponentType } from 'react';
import { selectLoadNonce, selectText, useAppStore, useAppStoreApi } from '../store';
import type { EditorApi, MonacoEditorProps } from './MonacoEditor';

export interface ScsEditorProps {
  className?: string;
  /** Ctrl/Cmd+Enter inside the editor (without it the key is re-dispatched to the page). */
  onRun?: () => void;
  /** Ctrl/Cmd+F10 inside the editor: run to the cursor line (the store's cursorLine). */
  onRunToCursor?: () => void;
}

interface ScsEditorHook {
  getValue(): string;
  setValue(text: string): void;
  setCursor(line: number, column?: number): void;
  /** True once Monaco has replaced the fallback textarea. */
  readonly monaco: boolean;
  /** ms from this module's first mount to an editable Monaco editor (undefined until then). */
  readonly readyMs: number | undefined;
}

let monacoModule: Promise<{ default: ComponentType<MonacoEditorProps> }> | null = null;
/** Set once loaded, so a remount shows Monaco at once instead of a frame of fallback. */
let loadedImpl: ComponentType<MonacoEditorProps> | null = null;
/** Start loading Monaco (idempotent; the app may call it early, e.g. on idle). */
export function preloadMonaco() {
  monacoModule ??= import('./MonacoEditor').then((m) => {
    loadedImpl = m.default;
    return m;
  });
  return monacoModule;
}

export default function ScsEditor(props: ScsEditorProps) {
  const store = useAppStoreApi();
  const [Impl, setImpl] = useState<ComponentType<MonacoEditorProps> | null>(() => loadedImpl);
  const [loadError, setLoadError] = useState<string | null>(null);
  const apiRef = useRef<EditorApi | null>(null);
  const readyMs = useRef<number | undefined>(undefined);
  const mountedAt = useRef(0);

  useEffect(() => {
    let live = true;
    mountedAt.current = performance.now();
    // The module may have finished loading between this component's first render (which read
    // loadedImpl as null) and this effect: switch now, or the fallback would stay forever (a warm cache
    // on a reload or a second tab makes that window likely).
    if (loadedImpl) {
      const impl = loadedImpl;
      setImpl(() => impl);
      return;
    }
    preloadMonaco().then(
      (m) => live && setImpl(() => m.default),
      (e: unknown) => {
        monacoModule = null;
        if (live) setLoadError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const hook: ScsEditorHook = {
      getValue: () => apiRef.current?.getValue() ?? store.getState().text,
      setValue: (text) => {
        if (apiRef.current) apiRef.current.setValue(text);
        else store.getState().setText(text);
      },
      setCursor: (line, column = 1) => {
        if (apiRef.current) apiRef.current.setCursor(line, column);
        else store.getState().setCursorLine(line);
      },
      get monaco() {
        return apiRef.current !== null;
      },
      get readyMs() {
        return readyMs.current;
      },
    };
    const w = window as unknown as { __scsEditor?: ScsEditorHook };
    w.__scsEditor = hook;
    return () => {
      if (w.__scsEditor === hook) delete w.__scsEditor;
    };
  }, [store]);

  const onReady = (api: EditorApi | null) => {
    apiRef.current = api;
    if (api && readyMs.current === undefined) readyMs.current = performance.now() - mountedAt.current;
  };

  return (
    <div
      className={props.className}
      data-testid="editor"
      data-editor={Impl ? 'monaco' : 'fallback'}
      style={{ position: 'relative', minHeight: 0, height: '100%' }}
    >
      {Impl ? (
        <Impl onReady={onReady} onRun={props.onRun} onRunToCursor={props.onRunToCursor} />
      ) : (
        <FallbackTextarea />
      )}
      {loadError && (
        <div role="status" style={{ position: 'absolute', right: 8, bottom: 4, fontSize: 12, opacity: 0.8 }}>
          Plain editor (Monaco failed to load: {loadError})
        </div>
      )}
    </div>
  );
}

/** The plain editor shown while Monaco loads (bound to the same store text and cursor line). */
function FallbackTextarea() {
  const text = useAppStore(selectText);
  const loadNonce = useAppStore(selectLoadNonce);
  const store = useAppStoreApi();
  const ref = useRef<HTMLTextAreaElement>(null);
  const onCursor = () => {
    const el = ref.current;
    if (el) store.getState().setCursorLine(el.value.slice(0, el.selectionStart).split('\n').length);
  };
  return (
    <textarea
      key={loadNonce}
      ref={ref}
      data-testid="editor-fallback"
      aria-label="Script"
      spellCheck={false}
      value={text}
      onChange={(e) => store.getState().setText(e.target.value)}
      onSelect={onCursor}
      onKeyUp={onCursor}
      onClick={onCursor}
      style={{
        width: '100%',
        height: '100%',
        border: 0,
        resize: 'none',
        outline: 'none',
        padding: '0 12px 0 62px',
        boxSizing: 'border-box',
        font: '13px/19px var(--font-mono, Menlo, Monaco, "Courier New", monospace)',
        background: 'var(--editor-bg, transparent)',
        color: 'inherit',
        tabSize: 4,
        whiteSpace: 'pre',
      }}
    />
  );
}
