// A drag handle between panels (pointer or arrow keys). It sets a CSS size variable on its container;
// the grid reads it. The size is remembered for the session only.
import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';

export function Splitter(props: {
  /** 'rows': drags up/down (sets a height); 'columns': drags left/right (sets a width). */
  orientation: 'rows' | 'columns';
  /** CSS variable to set on the container, e.g. '--bottom-size'. */
  cssVar: string;
  /** The size grows when dragging toward the start (up / left): true for a panel below / right. */
  invert?: boolean;
  min: number;
  /** Max as a fraction of the container. */
  maxFraction: number;
  label: string;
  className?: string;
  /** Selector (within the container) of the panel it sizes; default: the next element. */
  panel?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const container = () => ref.current?.parentElement ?? null;
  const panelEl = (): HTMLElement | null =>
    ((props.panel ? container()?.querySelector(props.panel) : ref.current?.nextElementSibling) as
      HTMLElement | null | undefined) ?? null;
  const current = (): number => {
    const c = container();
    if (!c) return 0;
    const v = parseFloat(getComputedStyle(c).getPropertyValue(props.cssVar));
    if (Number.isFinite(v)) return v;
    const panel = panelEl();
    return props.orientation === 'rows' ? (panel?.offsetHeight ?? 0) : (panel?.offsetWidth ?? 0);
  };
  const total = () => {
    const c = container();
    if (!c) return 0;
    return props.orientation === 'rows' ? c.clientHeight : c.clientWidth;
  };
  /** aria-valuenow/min/max in pixels of the panel it sizes, kept in step with the layout. */
  const announce = (size: number) => {
    const el = ref.current;
    if (!el) return;
    const max = Math.max(props.min, Math.round(total() * props.maxFraction));
    el.setAttribute('aria-valuemin', String(props.min));
    el.setAttribute('aria-valuemax', String(max));
    el.setAttribute('aria-valuenow', String(Math.round(Math.max(props.min, Math.min(size, max)))));
  };
  const apply = (size: number) => {
    const c = container();
    if (!c) return;
    const clamped = Math.round(Math.max(props.min, Math.min(size, total() * props.maxFraction)));
    c.style.setProperty(props.cssVar, `${clamped}px`);
    announce(clamped);
  };

  // The panel's size changes with the window too: keep the announced values current.
  useEffect(() => {
    const panel = panelEl();
    const measure = () =>
      announce(props.orientation === 'rows' ? (panel?.offsetHeight ?? 0) : (panel?.offsetWidth ?? 0));
    measure();
    if (!panel || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(panel);
    return () => ro.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.orientation, props.min, props.maxFraction, props.panel]);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const start = props.orientation === 'rows' ? e.clientY : e.clientX;
    const startSize = current();
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => {
      const pos = props.orientation === 'rows' ? ev.clientY : ev.clientX;
      const delta = pos - start;
      apply(startSize + (props.invert ? -delta : delta));
    };
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
      target.removeEventListener('pointercancel', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
    target.addEventListener('pointercancel', up);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const grow =
      props.orientation === 'rows'
        ? props.invert
          ? 'ArrowUp'
          : 'ArrowDown'
        : props.invert
          ? 'ArrowLeft'
          : 'ArrowRight';
    const shrink =
      props.orientation === 'rows'
        ? props.invert
          ? 'ArrowDown'
          : 'ArrowUp'
        : props.invert
          ? 'ArrowRight'
          : 'ArrowLeft';
    if (e.key === grow) apply(current() + 24);
    else if (e.key === shrink) apply(current() - 24);
    else return;
    e.preventDefault();
  };

  return (
    <div
      ref={ref}
      className={`splitter splitter-${props.orientation} ${props.className ?? ''}`}
      role="separator"
      aria-orientation={props.orientation === 'rows' ? 'horizontal' : 'vertical'}
      aria-label={props.label}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
