// The raw side-by-side diff (Monaco's diff editor), loaded lazily with the editor's Monaco setup so it
// never weighs on the first load.
import { useEffect, useRef } from 'react';
import { setupMonaco } from '../editor/monacoSetup';
import { XML_LANGUAGE_ID } from '../editor/scsMonarch';
import { monacoThemeName } from '../editor/themes';
import { selectTheme, useAppStore } from '../store';

export default function RawDiff(props: { original: string; modified: string }) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useAppStore(selectTheme);
  const editorRef = useRef<ReturnType<ReturnType<typeof setupMonaco>['editor']['createDiffEditor']> | null>(
    null,
  );

  useEffect(() => {
    const monaco = setupMonaco();
    if (!host.current) return;
    const ed = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12,
      renderOverviewRuler: false,
      ignoreTrimWhitespace: false,
    });
    editorRef.current = ed;
    return () => {
      const m = ed.getModel();
      ed.dispose();
      m?.original.dispose();
      m?.modified.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    const monaco = setupMonaco();
    const ed = editorRef.current;
    if (!ed) return;
    const old = ed.getModel();
    ed.setModel({
      original: monaco.editor.createModel(props.original, XML_LANGUAGE_ID),
      modified: monaco.editor.createModel(props.modified, XML_LANGUAGE_ID),
    });
    old?.original.dispose();
    old?.modified.dispose();
  }, [props.original, props.modified]);

  useEffect(() => {
    setupMonaco().editor.setTheme(monacoThemeName(theme));
  }, [theme]);

  return (
    <div className="raw-diff">
      <div className="diff-col-heads">
        <span>Expected</span>
        <span>Received</span>
      </div>
      <div className="raw-diff-host" ref={host} data-testid="diff.raw" />
    </div>
  );
}
