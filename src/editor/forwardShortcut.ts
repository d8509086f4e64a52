// Keyboard shortcuts Monaco swallows, handed back to the page.

/**
 * Without a handler from the page, re-dispatch the shortcut from outside Monaco's key handling so the
 * page's own keyboard shortcuts (Ctrl/Cmd+Enter runs) still see it.
 */
export function forwardShortcut(host: HTMLElement, key: 'Enter' | 'F10') {
  const target = host.parentElement ?? document.body;
  const mac = /Mac|iP(hone|ad)/.test(navigator.platform);
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, ctrlKey: !mac, metaKey: mac, cancelable: true }),
  );
}
