// The workbench of automation.html (automationMain.ts), mounted when the first script does not pass: the
// ordinary page (App) on the page's store and services, so a driver's screenshot shows what a user would
// see for that run, editor included.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';
import { preloadMonaco } from './editor/LazyEditor';
import type { AppServices } from './services';
import type { AppStore } from './store';

/** How long a screenshot waits for Monaco before it settles for the plain editor. */
const EDITOR_WAIT_MS = 15_000;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** True once the editor shows Monaco's rendered lines (or says it could not load Monaco). */
function editorSettled(): boolean {
  const editor = document.querySelector<HTMLElement>('[data-testid="editor"]');
  if (!editor) return false;
  if (editor.dataset.editor !== 'monaco') return false;
  return editor.querySelector('.monaco-editor .view-lines') !== null;
}

export interface MountedWorkbench {
  /** Resolves once the store's latest state is painted (two frames after React's commit). */
  settle(): Promise<void>;
}

export async function mountWorkbench(
  store: AppStore,
  services: AppServices,
  root: HTMLElement,
): Promise<MountedWorkbench> {
  createRoot(root).render(
    <StrictMode>
      <App store={store} services={services} />
    </StrictMode>,
  );
  let monacoFailed = false;
  await preloadMonaco().catch(() => {
    monacoFailed = true;
  });
  const deadline = performance.now() + EDITOR_WAIT_MS;
  while (!monacoFailed && !editorSettled() && performance.now() < deadline) await nextFrame();
  return {
    async settle() {
      await nextFrame();
      await nextFrame();
    },
  };
}
