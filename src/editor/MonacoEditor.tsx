// The Monaco editor itself (lazy chunk): one model per open document (each with its own undo history),
// the active one bound to the store's script text, markers from the store's diagnostics, step glyphs and
// the current-step highlight from the run slice (following the text as it is edited after the run),
// reveal requests, and the cursor line written back. LazyEditor.tsx loads this module with import().
import { useEffect, useRef } from 'react';
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { selectRunIsOfActiveDoc, useAppStoreApi, type AppState } from '../store';
import { diagnosticsToMarkers, failuresToMarkers } from './marks';
import { createRunMarks } from './runMarks';
import { failureExplanations } from '../services/stepView';
import { registerScsProviders, setProviderContext } from './monacoProviders';
import { setupMonaco } from './monacoSetup';
import { SCS_LANGUAGE_ID } from './scsMonarch';
import { minimalEdit } from './textEdit';
import { forwardShortcut } from './forwardShortcut';
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
    // One model per document: switching tabs swaps the model (and its undo stack and view state).
    const models = new Map<string, Monaco.editor.ITextModel>();
    const viewStates = new Map<string, Monaco.editor.ICodeEditorViewState | null>();
    const modelFor = (id: string, text: string) => {
      let m = models.get(id);
      if (!m || m.isDisposed()) {
        m = monaco.editor.createModel(text, SCS_LANGUAGE_ID);
        models.set(id, m);
      }
      return m;
    };
    let model = modelFor(initial.activeDocId, initial.text);
    let modelDocId = initial.activeDocId;
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
      // The textarea input, not the EditContext one: that one reads the editor's bounds from the layout
      // on every redraw (getBoundingClientRect in onBeforeRender), a forced layout of the whole page per
      // keystroke and per run update.
      editContext: false,
      // Indent guides measure the indentation of every line in view from the DOM (getClientRects) on
      // each redraw; a script's blocks are one or two tabs deep and read well without them.
      guides: { indentation: false },
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
            // Its own undo step: Ctrl+Z undoes exactly this change (e.g. an accepted received stanza).
            model.pushStackElement();
            model.pushEditOperations(
              [],
              [{ range: new monaco.Range(a.lineNumber, a.column, b.lineNumber, b.column), text: edit.text }],
              () => null,
            );
            model.pushStackElement();
          }
        }
      } finally {
        applying = false;
      }
      // Monaco may normalise line ends: the store follows the model.
      const v = model.getValue();
      if (v !== store.getState().text) store.getState().setText(v);
    };
    let changedTimer: ReturnType<typeof setTimeout> | undefined;
    const disposables: Monaco.IDisposable[] = [
      editor.onDidChangeModelContent(() => {
        clearTimeout(changedTimer);
        changedTimer = setTimeout(updateChanged, 150);
        if (applying) return;
        const v = model.getValue();
        if (v !== store.getState().text) store.getState().setText(v);
      }),
      editor.onDidChangeCursorPosition((e) => store.getState().setCursorLine(e.position.lineNumber)),
    ];

    // --- markers -------------------------------------------------------------------------------
    // Diagnostics, and the failed steps' sentences on the expected nodes they are about.
    let markersModel: Monaco.editor.ITextModel | null = null;
    let markersKey = '';
    const updateMarkers = (s: AppState) => {
      const failed = (selectRunIsOfActiveDoc(s) ? s.failures : []).flatMap((f) => {
        const step = s.runScript?.steps[f.step];
        return step
          ? [{ header: step.headerRange, explanations: failureExplanations(step, f, s.variables) }]
          : [];
      });
      const markers = [...diagnosticsToMarkers(s.diagnostics), ...failuresToMarkers(failed)];
      // A keystroke's parse mostly finds what the last one found: the same markers are not set again
      // (setting them redraws every decoration in view).
      const key = JSON.stringify(markers);
      if (model === markersModel && key === markersKey) return;
      markersModel = model;
      markersKey = key;
      monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
    };

    // --- run decorations (runMarks.ts) ---------------------------------------------------------
    const runMarks = createRunMarks(monaco, editor, host, () => model);
    const updateSteps = (s: AppState) => runMarks.update(s);
    const updateChanged = () => runMarks.updateChanged(store.getState());

    // --- documents: one model each ----------------------------------------------------------
    const switchTo = (s: AppState) => {
      const next = modelFor(s.activeDocId, s.text);
      if (next !== model) {
        viewStates.set(modelDocId, editor.saveViewState());
        applying = true;
        try {
          if (next.getValue() !== s.text) next.setValue(s.text);
          runMarks.clear();
          editor.setModel(next);
        } finally {
          applying = false;
        }
        model = next;
        modelDocId = s.activeDocId;
        const vs = viewStates.get(modelDocId);
        if (vs) editor.restoreViewState(vs);
      }
      for (const [id, m] of models) {
        if (s.docs.some((d) => d.id === id)) continue;
        runMarks.forget(m);
        m.dispose();
        models.delete(id);
        viewStates.delete(id);
      }
      updateMarkers(s);
      updateSteps(s);
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
    // Markers and run marks follow the store once per frame: a store update (a batch of run events,
    // the end of a run, a keystroke's parse) does not redraw the editor's decorations in its own task,
    // and several updates within a frame cost one redraw.
    const dirty = { markers: false, steps: false };
    let marksFrame: number | null = null;
    const flushMarks = () => {
      marksFrame = null;
      const s = store.getState();
      if (dirty.markers) updateMarkers(s);
      if (dirty.steps) updateSteps(s);
      dirty.markers = dirty.steps = false;
    };
    const scheduleMarks = () => {
      if (typeof requestAnimationFrame !== 'function') return flushMarks();
      marksFrame ??= requestAnimationFrame(flushMarks);
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.activeDocId !== prev.activeDocId || (s.docs !== prev.docs && s.docs.length < prev.docs.length)) {
        switchTo(s);
      }
      if (s.runId !== prev.runId) runMarks.forget();
      if (s.text !== prev.text && s.text !== model.getValue()) {
        applyExternal(s.text, s.loadNonce !== prev.loadNonce);
      } else if (s.loadNonce !== prev.loadNonce && s.text !== model.getValue()) {
        applyExternal(s.text, true);
      }
      if (
        s.diagnostics !== prev.diagnostics ||
        s.failures !== prev.failures ||
        s.variables !== prev.variables
      )
        dirty.markers = true;
      if (
        s.steps !== prev.steps ||
        s.currentStep !== prev.currentStep ||
        s.nextStep !== prev.nextStep ||
        s.runScript !== prev.runScript ||
        s.status !== prev.status ||
        s.changedSteps !== prev.changedSteps ||
        s.runDocId !== prev.runDocId
      ) {
        dirty.steps = true;
      }
      if (dirty.markers || dirty.steps) scheduleMarks();
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
      if (marksFrame !== null) cancelAnimationFrame(marksFrame);
      clearTimeout(flashTimer);
      clearTimeout(changedTimer);
      for (const d of disposables) d.dispose();
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      runMarks.dispose();
      editor.dispose();
      for (const m of models.values()) m.dispose();
    };
  }, [store]);

  return <div ref={hostRef} className="scs-editor-host" />;
}
