// Global keys: Ctrl/Cmd+Enter runs (or continues), F10 steps, Shift+F5 stops, F6 / Shift+F6 move focus
// between the page's panes (the editor keeps Tab for indentation, as VS Code does). Captured before Monaco.
import { useEffect } from 'react';
import type { AppServices } from '../services';

export function useShortcuts(services: AppServices) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A field with its own Ctrl+Enter (the live console's composer) keeps it.
      const own = e.target instanceof Element && e.target.closest('[data-own-enter]');
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !e.shiftKey && !e.altKey && !own) {
        e.preventDefault();
        e.stopPropagation();
        void services.run.run();
      } else if (e.key === 'F10' && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        void services.run.step();
      } else if (e.key === 'F5' && e.shiftKey) {
        e.preventDefault();
        void services.run.stop();
      } else if (e.key === 'F6') {
        e.preventDefault();
        focusPane(e.shiftKey ? -1 : 1);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [services]);
}

const FOCUSABLE =
  'textarea:not([disabled]), input:not([disabled]):not([tabindex="-1"]), select:not([disabled]), button:not([disabled]), [tabindex="0"]';

/** Moves focus to the first focusable element of the next (or previous) `[data-pane]` region. */
export function focusPane(dir: 1 | -1, doc: Document = document): void {
  const panes = Array.from(doc.querySelectorAll<HTMLElement>('[data-pane]'));
  if (panes.length === 0) return;
  const active = doc.activeElement;
  const at = panes.findIndex((p) => active && p.contains(active));
  const next = panes[(at + dir + panes.length) % panes.length] ?? panes[0];
  const target = next.querySelector<HTMLElement>(FOCUSABLE);
  target?.focus();
}
