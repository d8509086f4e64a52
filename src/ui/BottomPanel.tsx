// The lower panel: step details (the diff), the XML console and the sequence view, as tabs.
import { useDeferredValue, type KeyboardEvent } from 'react';
import { selectBottomPanel, selectStanzas, useAppStore, type BottomPanel as Panel } from '../store';
import { Console } from './Console';
import { SequenceView } from './SequenceView';
import { StepDetails } from './StepDetails';
import { LiveConsole } from './live/LiveConsole';
import { RoomInspector } from './inspector/RoomInspector';

const TABS: { id: Panel; label: string }[] = [
  { id: 'details', label: 'Step details' },
  { id: 'console', label: 'XML console' },
  { id: 'sequence', label: 'Sequence' },
  { id: 'live', label: 'Live' },
  { id: 'inspector', label: 'Rooms' },
];

export function BottomPanel() {
  const panel = useAppStore(selectBottomPanel);
  const setPanel = useAppStore((s) => s.setBottomPanel);
  const count = useAppStore((s) => selectStanzas(s).length);
  // The tab follows at once; its content in a render of its own, which React may split: when a run
  // ends and the panel switches to a long console, the run's last results paint first.
  const shown = useDeferredValue(panel);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((t) => t.id === panel);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    setPanel(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };

  return (
    <section className="bottom-panel" aria-label="Run output" data-pane="output">
      <div className="tabs" role="tablist" aria-label="Run output" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            className="tab"
            data-testid={`tab.${t.id}`}
            aria-selected={panel === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={panel === t.id ? 0 : -1}
            onClick={() => setPanel(t.id)}
          >
            {t.label}
            {t.id === 'console' && count > 0 && <span className="tab-badge">{count}</span>}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`tabpanel-${shown}`} aria-labelledby={`tab-${shown}`}>
        {shown === 'details' && <StepDetails />}
        {shown === 'console' && <Console />}
        {shown === 'sequence' && <SequenceView />}
        {shown === 'live' && <LiveConsole />}
        {shown === 'inspector' && <RoomInspector />}
      </div>
    </section>
  );
}
