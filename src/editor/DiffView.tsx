// A read-only, side-by-side Monaco diff of two texts (expected vs received XML): the "raw diff" view.
// Default export, meant to be loaded with React.lazy(() => import('../editor/DiffView')); it shares the
// Monaco chunk with the editor. Text is only ever put in Monaco models (never rendered as HTML).
import { useEffect, useRef } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { selectTheme, useAppStore } from '../store';
import { setupMonaco } from './monacoSetup';
import { SCS_LANGUAGE_ID, XML_LANGUAGE_ID } from './scsMonarch';
import { monacoThemeName } from './themes';

export interface DiffViewProps {
  original: string;
  modified: string;
  language?: 'xml' | 'scs' | 'plaintext';
  className?: string;
  /** Labels shown above each side (default "Expected" / "Received"). */
  originalLabel?: string;
  modifiedLabel?: string;
}

export default function DiffView(props: DiffViewProps) {
  const theme = useAppStore(selectTheme);
  const hostRef = useRef<HTMLDivElement>(null);
  const state = useRef<{
    diff: Monaco.editor.IStandaloneDiffEditor;
    original: Monaco.editor.ITextModel;
    modified: Monaco.editor.ITextModel;
  } | null>(null);
  const language =
    props.language === 'scs'
      ? SCS_LANGUAGE_ID
      : props.language === 'plaintext'
        ? 'plaintext'
        : XML_LANGUAGE_ID;

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const monaco = setupMonaco();
    const original = monaco.editor.createModel('', language);
    const modified = monaco.editor.createModel('', language);
    const diff = monaco.editor.createDiffEditor(host, {
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: true,
      renderSideBySideInlineBreakpoint: 500,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderOverviewRuler: false,
      fontSize: 12,
      lineNumbersMinChars: 3,
      glyphMargin: false,
      folding: false,
      ignoreTrimWhitespace: false,
      renderIndicators: true,
      ariaLabel: 'Expected and received, side by side',
    });
    diff.setModel({ original, modified });
    state.current = { diff, original, modified };
    return () => {
      state.current = null;
      diff.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [language]);

  useEffect(() => {
    const s = state.current;
    if (!s) return;
    if (s.original.getValue() !== props.original) s.original.setValue(props.original);
    if (s.modified.getValue() !== props.modified) s.modified.setValue(props.modified);
  }, [props.original, props.modified, language]);

  useEffect(() => {
    setupMonaco().editor.setTheme(monacoThemeName(theme));
  }, [theme]);

  return (
    <div
      className={props.className}
      data-testid="diff.raw"
      style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 160 }}
    >
      <div style={{ display: 'flex', fontSize: 12, opacity: 0.8, padding: '2px 0' }}>
        <span style={{ flex: 1 }}>{props.originalLabel ?? 'Expected'}</span>
        <span style={{ flex: 1 }}>{props.modifiedLabel ?? 'Received'}</span>
      </div>
      <div ref={hostRef} style={{ flex: 1, minHeight: 140 }} />
    </div>
  );
}
