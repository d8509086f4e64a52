// Global keys: Ctrl/Cmd+Enter runs (or continues), F10 steps, Shift+F5 stops. Captured before Monaco.
import { useEffect } from 'react';
import type { AppServices } from '../services';

export function useShortcuts(services: AppServices) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !e.shiftKey && !e.altKey) {
        e.preventDefault();
        e.stopPropagation();
        void services.run.run();
      } else if (e.key === 'F10' && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        void services.run.step();
      } else if (e.key === 'F5' && e.shiftKey) {
        e.preventDefault();
        void services.run.stop();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [services]);
}
