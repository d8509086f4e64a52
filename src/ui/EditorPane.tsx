// The editor pane: a tab bar with the file name and the lazily loaded editor.
import { lazy, Suspense } from 'react';
import { useServices } from './ServicesContext';
import { selectText, useAppStore } from '../store';
import { ConflictBanner } from './Banners';
import { DocumentTabs } from './DocumentTabs';

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
  return (
    <section className="editor-pane" aria-label="Script editor" data-pane="editor">
      <DocumentTabs />
      <ConflictBanner />
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
