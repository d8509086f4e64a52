// The Monaco editor itself (lazy chunk): one model bound to the store's script text, markers from the
// store's diagnostics, step glyphs and the current-step highlight from the run slice, reveal requests,
// and the cursor line written back. LazyEditor.tsx loads this module with import().
import { useEffect, useRef } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { useAppStoreApi, type AppState } from '../store';
import { diagnosticsToMarkers, stepMarks } from './marks';
import { registerScsProviders, setProviderContext } from './monacoProviders';
import { setupMonaco } from './monacoSetup';
import { SCS_LANGUAGE_ID } from './scsMonarch';
import { minimalEdit } from './textEdit';
import { monacoThemeName } from './themes';
import './editor.css';

/** What the wrapper (LazyEditor) can do with the mounted editor. */
export interface EditorApi {
  getValue(): string;
  setValue(text: string): void;
  setCursor(line: number, column?: number): void;
  focus(): void;
}

export interface MonacoEditorProps {
  onReady?: (api: EditorApi | null) => void;
  /** Ctrl/Cmd+Enter inside the editor. */
  onRun?: () => void;
  /** Ctrl/Cmd+F10 inside the editor (and the context menu entry). */
  onRunToCursor?: () => void;
}

const MARKER_OWNER = 'scansion';

export default function MonacoEditor(props: MonacoEditorProps) {
  const store = useAppStoreApi();
  const hostRef = useRef<HTMLDivElement>(null);
  const propsRef = useRef(props);
  useEffect(() => {
    propsRef.current = props;
  });

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const monaco = setupMonaco();
    registerScsProviders(monaco);
    const initial = store.getState();
    const model = monaco.editor.createModel(initial.text, SCS_LANGUAGE_ID);
    const editor = monaco.editor.create(host, {
      model,
      theme: monacoThemeName(initial.theme),
      ariaLabel: 'Script editor',
      automaticLayout: true,
      glyphMargin: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      tabSize: 4,
      insertSpaces: false,
      detectIndentation: false,
      folding: true,
      foldingStrategy: 'indentation',
      quickSuggestions: { other: true, comments: false, strings: true },
      wordBasedSuggestions: 'off',
      // A list opened by a trigger character (`<`, `"`, a space) has nothing selected until the
      // user types or picks: Enter then ends the line instead of accepting an unchosen item.
      suggest: {
        showWords: false,
        snippetsPreventQuickSuggestions: false,
        selectionMode: 'whenQuickSuggestion',
      },
      // Tab leaves the editor (Ctrl+M or the status bar toggles it, as in VS Code).
      tabFocusMode: initial.tabMovesFocus,
      fixedOverflowWidgets: true,
      hover: { delay: 250 },
      renderLineHighlight: 'line',
      'semanticHighlighting.enabled': false,
    });

    setProviderContext(() => {
      const s = store.getState();
      return { parsed: s.parsed, variables: s.variables, runStarted: s.runId !== null };
    });

    // --- text: editor -> store, store -> editor -----------------------------------------------
    let applying = false;
    const applyExternal = (text: string, replaceAll: boolean) => {
      const current = model.getValue();
      if (current === text) return;
      applying = true;
      try {
        if (replaceAll) {
          model.setValue(text);
        } else {
          const edit = minimalEdit(current, text);
          if (edit) {
            const a = model.getPositionAt(edit.start);
            const b = model.getPositionAt(edit.end);
            model.pushEditOperations(
              [],
              [{ range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column), text: edit.text }],
              () => null,
            );
          }
        }
      } finally {
        applying = false;
      }
      // Monaco may normalise line ends: the store follows the model.
      const v = model.getValue();
      if (v !== store.getState().text) store.getState().setText(v);
    };
    const disposables: Monaco.IDisposable[] = [
      model.onDidChangeContent(() => {
        if (applying) return;
        const v = model.getValue();
        if (v !== store.getState().text) store.getState().setText(v);
      }),
      editor.onDidChangeCursorPosition((e) => store.getState().setCursorLine(e.position.lineNumber)),
    ];

    // --- markers -------------------------------------------------------------------------------
    const updateMarkers = (s: AppState) =>
      monaco.editor.setModelMarkers(model, MARKER_OWNER, diagnosticsToMarkers(s.diagnostics));

    // --- run decorations ----------------------------------------------------------------------
    const stepDecorations = editor.createDecorationsCollection();
    let lastCurrentLine: number | null = null;
    const updateSteps = (s: AppState) => {
      const marks = stepMarks(s.runScript, s.steps, s.currentStep, s.status === 'paused' ? s.nextStep : null);
      const lineCount = model.getLineCount();
      const decos: Monaco.editor.IModelDeltaDecoration[] = [];
      let currentLine: number | null = null;
      for (const m of marks) {
        if (m.line > lineCount) continue;
        decos.push({
          range: new monaco.Range(m.line, 1, m.line, 1),
          options: {
            glyphMarginClassName: `scs-glyph scs-glyph-${
              m.current && s.status === 'paused' ? 'next' : m.status
            }`,
            glyphMarginHoverMessage: { value: m.hover },
            stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
          },
        });
        if (m.current && (s.status === 'running' || s.status === 'paused')) {
          currentLine = m.line;
          const end = Math.min(m.endLine, lineCount);
          if (end > m.line) {
            decos.push({
              range: new monaco.Range(m.line + 1, 1, end, 1),
              options: { isWholeLine: true, className: 'scs-step-current-block' },
            });
          }
          decos.push({
            range: new monaco.Range(m.line, 1, m.line, 1),
            options: {
              isWholeLine: true,
              className: 'scs-step-current',
              linesDecorationsClassName: 'scs-step-current-bar',
              overviewRuler: {
                color: 'rgba(9, 105, 218, 0.8)',
                position: monaco.editor.OverviewRulerLane.Full,
              },
            },
          });
        } else if (m.status === 'failed') {
          decos.push({
            range: new monaco.Range(m.line, 1, m.line, 1),
            options: {
              isWholeLine: true,
              className: 'scs-step-failed',
              linesDecorationsClassName: 'scs-step-failed-bar',
              overviewRuler: {
                color: 'rgba(207, 34, 46, 0.9)',
                position: monaco.editor.OverviewRulerLane.Full,
              },
            },
          });
        }
      }
      stepDecorations.set(decos);
      host.classList.toggle('scs-paused', s.status === 'paused');
      // Follow the run: keep the current step on screen (without moving the cursor).
      if (currentLine !== null && currentLine !== lastCurrentLine) {
        editor.revealLineInCenterIfOutsideViewport(currentLine, monaco.editor.ScrollType.Smooth);
      }
      lastCurrentLine = currentLine;
    };

    // --- reveal requests (step list clicks) -------------------------------------------------
    const flash = editor.createDecorationsCollection();
    let flashTimer: ReturnType<typeof setTimeout> | undefined;
    const reveal = (line: number) => {
      const l = Math.max(1, Math.min(line, model.getLineCount()));
      editor.revealLineInCenter(l, monaco.editor.ScrollType.Smooth);
      editor.setPosition({ lineNumber: l, column: 1 });
      flash.set([
        { range: new monaco.Range(l, 1, l, 1), options: { isWholeLine: true, className: 'scs-flash' } },
      ]);
      clearTimeout(flashTimer);
      flashTimer = setTimeout(() => flash.clear(), 1500);
    };

    updateMarkers(initial);
    updateSteps(initial);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.text !== prev.text && s.text !== model.getValue()) {
        applyExternal(s.text, s.loadNonce !== prev.loadNonce);
      } else if (s.loadNonce !== prev.loadNonce && s.text !== model.getValue()) {
        applyExternal(s.text, true);
      }
      if (s.diagnostics !== prev.diagnostics) updateMarkers(s);
      if (
        s.steps !== prev.steps ||
        s.currentStep !== prev.currentStep ||
        s.nextStep !== prev.nextStep ||
        s.runScript !== prev.runScript ||
        s.status !== prev.status
      ) {
        updateSteps(s);
      }
      if (s.revealRequest && s.revealRequest !== prev.revealRequest) reveal(s.revealRequest.line);
      if (s.theme !== prev.theme) monaco.editor.setTheme(monacoThemeName(s.theme));
      if (s.tabMovesFocus !== prev.tabMovesFocus) editor.updateOptions({ tabFocusMode: s.tabMovesFocus });
    });
    // A script loaded between the first render and now.
    if (store.getState().text !== model.getValue()) applyExternal(store.getState().text, true);

    // --- actions ------------------------------------------------------------------------------
    disposables.push(
      editor.addAction({
        id: 'scansion.toggleTabMovesFocus',
        label: 'Toggle Tab key moves focus',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyM],
        run: () => store.getState().toggleTabMovesFocus(),
      }),
      editor.addAction({
        id: 'scansion.runToCursor',
        label: 'Run to cursor',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.F10],
        contextMenuGroupId: 'navigation',
        contextMenuOrder: 1,
        run: () => {
          const h = propsRef.current.onRunToCursor;
          if (h) h();
          else forwardShortcut(host, 'F10');
        },
      }),
      editor.addAction({
        id: 'scansion.run',
        label: 'Run script',
        keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
        contextMenuGroupId: 'navigation',
        contextMenuOrder: 0,
        run: () => {
          const h = propsRef.current.onRun;
          if (h) h();
          else forwardShortcut(host, 'Enter');
        },
      }),
    );

    const api: EditorApi = {
      getValue: () => model.getValue(),
      setValue: (text) => {
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      },
      setCursor: (line, column = 1) => {
        editor.setPosition({ lineNumber: line, column });
        editor.revealLineInCenterIfOutsideViewport(line);
        editor.focus();
      },
      focus: () => editor.focus(),
    };
    propsRef.current.onReady?.(api);

    return () => {
      propsRef.current.onReady?.(null);
      unsubscribe();
      clearTimeout(flashTimer);
      for (const d of disposables) d.dispose();
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      editor.dispose();
      model.dispose();
    };
  }, [store]);

  return <div ref={hostRef} className="scs-editor-host" />;
}

/**
 * Without a handler from the page, re-dispatch the shortcut from outside Monaco's key handling so the
 * page's own keyboard shortcuts (Ctrl/Cmd+Enter runs) still see it.
 */
function forwardShortcut(host: HTMLElement, key: 'Enter' | 'F10') {
  const target = host.parentElement ?? document.body;
  const mac = /Mac|iP(hone|ad)/.test(navigator.platform);
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, ctrlKey: !mac, metaKey: mac, cancelable: true }),
  );
}
