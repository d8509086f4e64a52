// The per-client XML console: every stanza in and out with its time, pretty-printed, filterable and
// copyable. Stanza text is rendered as text.
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { prettyXml } from '../services/xmlFormat';
import { selectStanzas, selectStepScript, useAppStore, type StanzaEntry } from '../store';
import { clientSlot } from './StepList';
import { CopyIcon } from './icons';
import { XmlBlock } from './XmlBlock';
import { attributionOf } from '../services/attribution';
import { useFrameTask } from './frameTask';

/** A first guess of an entry's height (px) before it is measured. */
const ESTIMATED_ENTRY_PX = 72;
/** Added to the rows' height when sticking to the bottom, so the offset is past the end for sure. */
const SCROLL_PAST_END_PX = 100_000;
/** The viewport assumed while the list has no layout yet (a hidden panel, a DOM without layout). */
const NO_LAYOUT_RECT = { width: 800, height: 1200 };

// Only the entries in view (and a few around them) are in the DOM: a long run's console costs the
// same per frame as a short one's.
// An entry's height comes from the ResizeObserver's entry (read after the frame's layout); a row just
// mounted keeps its last size or the estimate until then, instead of reading offsetHeight during the
// render's commit (a forced layout per new row).
const measureEntry = (
  el: Element,
  entry: ResizeObserverEntry | undefined,
  instance: Virtualizer<HTMLDivElement, Element>,
): number => {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const key = instance.options.getItemKey(instance.indexFromElement(el));
  return instance.itemSizeCache.get(key) ?? ESTIMATED_ENTRY_PX;
};

function formatTime(at: number, start: number | null): string {
  const ms = start === null ? at : at - start;
  return `+${(ms / 1000).toFixed(3)}s`;
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function Console() {
  const stanzas = useAppStore(selectStanzas);
  const script = useAppStore(selectStepScript);
  const startedAt = useAppStore((s) => s.startedAt);
  const notify = useAppStore((s) => s.notify);
  const [query, setQuery] = useState('');
  const [client, setClient] = useState('');
  const [direction, setDirection] = useState<'' | 'in' | 'out'>('');
  const listRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  // The list's height as last observed (0 while the panel is hidden: nothing to follow then).
  const viewHeight = useRef(-1);
  const frame = useFrameTask();

  const clients = useMemo(() => {
    const names = script.clients.map((c) => c.name);
    for (const s of stanzas) if (!names.includes(s.client)) names.push(s.client);
    return names;
  }, [script.clients, stanzas]);

  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    return stanzas.filter(
      (s) =>
        (!client || s.client === client) &&
        (!direction || s.direction === direction) &&
        (!q || s.xml.toLowerCase().includes(q) || s.client.toLowerCase().includes(q)),
    );
  }, [stanzas, query, client, direction]);
  const shown = filtered;
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ESTIMATED_ENTRY_PX,
    getItemKey: (i) => shown[i]?.id ?? i,
    overscan: 4,
    initialRect: NO_LAYOUT_RECT,
    // A console opened at the end of a run starts at its newest entries (where it sticks), instead of
    // rendering the first ones and then the last ones.
    initialOffset: () => (stick.current ? shown.length * ESTIMATED_ENTRY_PX : 0),
    // Scrolling re-renders in a task of its own, not inside the scroll event.
    useFlushSync: false,
    measureElement: measureEntry,
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => {
        viewHeight.current = rect.height;
        cb(rect.height > 0 ? rect : NO_LAYOUT_RECT);
      }),
  });

  // Stick to the bottom while the user is there: one write per frame at most, when the list grows
  // (new entries, or entries measured taller than estimated), and none while the list is hidden.
  const total = virtualizer.getTotalSize();
  useEffect(() => {
    if (!stick.current || shown.length === 0) return;
    frame.schedule(() => {
      const el = listRef.current;
      if (!el || viewHeight.current === 0 || !stick.current) return;
      // Past the end (the browser clamps it to the bottom): no layout is read to compute it.
      el.scrollTop = total + SCROLL_PAST_END_PX;
    });
  }, [shown.length, total, frame]);

  const onCopy = useCallback(
    async (xml: string) => {
      const ok = await copy(prettyXml(xml));
      notify(ok ? 'info' : 'error', ok ? 'Copied the stanza' : 'The clipboard refused the copy');
    },
    [notify],
  );

  const copyAll = async () => {
    const text = filtered
      .map(
        (s) =>
          `<!-- ${formatTime(s.at, startedAt)} ${s.client} ${s.direction === 'out' ? 'sent' : 'received'} -->\n${prettyXml(s.xml)}`,
      )
      .join('\n\n');
    const ok = await copy(text);
    notify(
      ok ? 'info' : 'error',
      ok ? `Copied ${filtered.length} stanzas` : 'The clipboard refused the copy',
    );
  };

  return (
    <div className="console" data-testid="console">
      <div className="console-toolbar">
        <input
          className="text-input console-filter"
          data-testid="console.filter"
          type="search"
          placeholder="Filter stanzas (text, client)"
          aria-label="Filter stanzas"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <select
          className="select"
          aria-label="Client"
          value={client}
          onChange={(e) => setClient(e.target.value)}
        >
          <option value="">All clients</option>
          {clients.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <select
          className="select"
          aria-label="Direction"
          value={direction}
          onChange={(e) => setDirection(e.target.value as '' | 'in' | 'out')}
        >
          <option value="">In and out</option>
          <option value="out">Sent</option>
          <option value="in">Received</option>
        </select>
        <span className="console-count">
          {filtered.length === stanzas.length
            ? `${stanzas.length}`
            : `${filtered.length} of ${stanzas.length}`}{' '}
          stanzas
        </span>
        <button
          type="button"
          className="tool-button"
          onClick={() => void copyAll()}
          disabled={filtered.length === 0}
        >
          <CopyIcon /> Copy all
        </button>
      </div>
      <div
        className="console-list"
        ref={listRef}
        tabIndex={0}
        aria-label="Stanzas"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {stanzas.length === 0 && (
          <div className="empty-hint">Stanzas sent and received during a run show up here.</div>
        )}
        {shown.length > 0 && (
          <div className="console-rows" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((row) => {
              const s = shown[row.index];
              return (
                <div
                  key={row.key}
                  className="console-row"
                  data-index={row.index}
                  ref={virtualizer.measureElement}
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <ConsoleEntry
                    entry={s}
                    time={formatTime(s.at, startedAt)}
                    slot={clientSlot(script.clients, s.client)}
                    onCopy={onCopy}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

const ConsoleEntry = memo(function ConsoleEntry(props: {
  entry: StanzaEntry;
  time: string;
  slot: number;
  onCopy: (xml: string) => void;
}) {
  const { entry: s } = props;
  const xml = useMemo(() => prettyXml(s.xml), [s.xml]);
  const fate = attributionOf(s);
  return (
    <div
      className={`console-entry dir-${s.direction} client-${props.slot}`}
      data-testid="console.entry"
      data-client={s.client}
      data-direction={s.direction}
    >
      <div className="console-entry-head">
        <span className="console-time">{props.time}</span>
        <span className={`console-client client-${props.slot}`}>{s.client}</span>
        <span className="console-dir">{s.direction === 'out' ? '→ sent' : '← received'}</span>
        {fate && (
          <span
            className={`console-step stanza-fate stanza-fate-${fate.kind}`}
            data-testid="console.fate"
            data-fate={fate.kind}
            data-step={fate.step ?? undefined}
            title={fate.title}
          >
            {fate.label}
            {fate.kind === 'dropped' && fate.title ? ` — ${fate.title.replace(/^Dropped: /, '')}` : ''}
          </span>
        )}
        <button
          type="button"
          className="icon-button small"
          aria-label="Copy this stanza"
          title="Copy"
          onClick={() => props.onCopy(s.xml)}
        >
          <CopyIcon />
        </button>
      </div>
      <XmlBlock xml={xml} lineNumbers={false} className="console-xml" />
    </div>
  );
});
