// The button that turns the presentation option on and off.
import { useAppStore } from '../../store';

export function PresentationToggle() {
  const on = useAppStore((s) => s.presentation.on);
  const set = useAppStore((s) => s.setPresentation);
  return (
    <button
      type="button"
      className="tool-button"
      data-testid="presentation.toggle"
      aria-pressed={on}
      onClick={() => set({ on: !on })}
    >
      Presentation
    </button>
  );
}
