// Where a drop goes: in the suite view, every dropped script or folder joins the suite; elsewhere a
// trace file (*.json) opens as a trace. Returns false when the drop is the workbench's (a script).
import type { AppServices } from '../../services';
import type { AppStore } from '../../store';

export function routeDrop(services: AppServices, store: AppStore, dt: DataTransfer): boolean {
  if (store.getState().view === 'suite') {
    void services.suite.openDrop(dt);
    return true;
  }
  const f = dt.files?.[0];
  if (f && /\.json$/i.test(f.name)) {
    void services.trace.openFile(f);
    return true;
  }
  return false;
}
