// The editor pane: a tab bar with the file name and the lazily loaded editor.
import { lazy, Suspense } from 'react';
import { useServices } from './ServicesContext';
import { selectFileName, selectText, useAppStore } from '../store';

const ScsEditor = lazy(() => import('../editor/LazyEditor'));

/** Shown while the editor chunk loads: a plain textarea so the script can be read and edited at once. */
function EditorFallback() {
  const text = useAppStore(selectText);
  const setText = useAppStore((s) => s.setText);
  return (
    <div className="editor-host" data-testid="editor">
      <textarea
        className="editor-fallback"
        data-testid="editor-fallback"
        aria-label="Script"
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}

export function EditorPane() {
  const { run } = useServices();
  const fileName = useAppStore(selectFileName);
  const errors = useAppStore((s) => s.diagnostics.filter((d) => d.severity === 'error').length);
  return (
    <section className="editor-pane" aria-label="Script editor" data-pane="editor">
      <div className="pane-tabs">
        <div className="file-tab" title={fileName}>
          <span className="file-icon" aria-hidden="true">
            ◆
          </span>
          <span className="file-name" data-testid="file-name">
            {fileName}
          </span>
          {errors > 0 && <span className="file-errors">{errors}</span>}
        </div>
      </div>
      <div className="editor-body">
        <Suspense fallback={<EditorFallback />}>
          <ScsEditor
            className="editor-host"
            onRun={() => void run.run()}
            onRunToCursor={() => void run.runToCursor()}
          />
        </Suspense>
      </div>
    </section>
  );
}
