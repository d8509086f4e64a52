// Drag and drop a file anywhere on the page to open it.
import { useEffect, useState } from 'react';
import type { AppServices } from '../services';
import { useAppStoreApi } from '../store';
import { routeDrop } from './suite/dropRouting';

export function useDropScript(services: AppServices): boolean {
  const [over, setOver] = useState(false);
  const store = useAppStoreApi();
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overFn = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      if (e.dataTransfer && routeDrop(services, store, e.dataTransfer)) return;
      const f = e.dataTransfer?.files?.[0];
      if (f) void services.loader.loadFile(f, 'drop');
    };
    window.addEventListener('dragenter', enter, true);
    window.addEventListener('dragleave', leave, true);
    window.addEventListener('dragover', overFn, true);
    window.addEventListener('drop', drop, true);
    return () => {
      window.removeEventListener('dragenter', enter, true);
      window.removeEventListener('dragleave', leave, true);
      window.removeEventListener('dragover', overFn, true);
      window.removeEventListener('drop', drop, true);
    };
  }, [services, store]);
  return over;
}
