// A small anchored popover: closes on Escape and outside click, returns focus to its button.
import { useEffect, useRef, type ReactNode } from 'react';

export function Popover(props: {
  open: boolean;
  onClose: () => void;
  anchor: React.RefObject<HTMLElement | null>;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const { open, onClose, anchor } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
        anchor.current?.focus();
      }
    };
    const onDown = (e: MouseEvent) => {
      const t = e.target as Node;
      if (ref.current?.contains(t) || anchor.current?.contains(t)) return;
      onClose();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('mousedown', onDown, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('mousedown', onDown, true);
    };
  }, [open, onClose, anchor]);
  if (!open) return null;
  return (
    <div ref={ref} className={`popover ${props.className ?? ''}`} role="dialog" aria-label={props.label}>
      {props.children}
    </div>
  );
}
