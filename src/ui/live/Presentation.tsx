// Presentation: for demos on a projector. Larger type, the sequence view and the room inspector side by
// side, the run's controls, and auto-step with a delay (src/services/livePresenter.ts steps).
import { useEffect } from 'react';
import { selectDisplayStatus, selectNextStep, selectStepScript, useAppStore } from '../../store';
import { RoomInspector } from '../inspector/RoomInspector';
import { SequenceView } from '../SequenceView';
import { useServices } from '../ServicesContext';

export function Presentation() {
  const { run } = useServices();
  const p = useAppStore((s) => s.presentation);
  const set = useAppStore((s) => s.setPresentation);
  const status = useAppStore(selectDisplayStatus);
  const next = useAppStore(selectNextStep);
  const script = useAppStore(selectStepScript);
  const nextStep = next === null ? null : script.steps[next];

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') set({ on: false });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [set]);

  if (!p.on) return null;
  return (
    <div className="presentation" data-testid="presentation" role="dialog" aria-label="Presentation">
      <div className="presentation-bar">
        <button
          type="button"
          className="tool-button"
          data-testid="presentation.step"
          onClick={() => void run.step()}
        >
          Step
        </button>
        <button type="button" className="tool-button" onClick={() => void run.run()}>
          Run
        </button>
        <label className="live-check">
          <input
            type="checkbox"
            data-testid="presentation.auto"
            checked={p.autoStep}
            onChange={(e) => set({ autoStep: e.target.checked })}
          />
          Auto-step every
        </label>
        <input
          className="text-input presentation-delay"
          type="number"
          min={200}
          step={100}
          aria-label="Delay between steps (ms)"
          value={p.autoStepMs}
          onChange={(e) => set({ autoStepMs: Math.max(200, Number(e.target.value) || 1500) })}
        />
        <span>ms</span>
        <span className="presentation-status" data-testid="presentation.status" data-status={status}>
          {status}
          {nextStep ? ` · next: ${nextStep.client} ${nextStep.action.replace('-', ' ')}` : ''}
        </span>
        <button
          type="button"
          className="tool-button"
          data-testid="presentation.exit"
          onClick={() => set({ on: false })}
        >
          Exit (Esc)
        </button>
      </div>
      <div className="presentation-panes">
        <div className="presentation-pane">
          <SequenceView />
        </div>
        <div className="presentation-pane">
          <RoomInspector compact />
        </div>
      </div>
    </div>
  );
}
