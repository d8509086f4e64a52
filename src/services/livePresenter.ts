// Presentation auto-step: while the presentation option's auto-step is on, a paused (or not yet
// started) run takes its next step after the chosen delay, so a demo plays itself at reading speed.
import type { AppStore } from '../store';

export interface Stepper {
  step(): Promise<void>;
}

export function startAutoStep(
  store: AppStore,
  run: Stepper,
  timers: { set: (fn: () => void, ms: number) => unknown; clear: (h: unknown) => void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): () => void {
  let handle: unknown = null;
  let stepping = false;
  const cancel = () => {
    if (handle !== null) timers.clear(handle);
    handle = null;
  };
  const check = () => {
    const s = store.getState();
    const wants = s.presentation.on && s.presentation.autoStep && s.status === 'paused' && !stepping;
    if (!wants) return cancel();
    if (handle !== null) return;
    handle = timers.set(() => {
      handle = null;
      stepping = true;
      void run.step().finally(() => {
        stepping = false;
        check();
      });
    }, s.presentation.autoStepMs);
  };
  const unsubscribe = store.subscribe(check);
  check();
  return () => {
    unsubscribe();
    cancel();
  };
}
