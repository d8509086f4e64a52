// The theme follows the system's light/dark preference until the user picks one (the store's
// `themePicked`); a saved pick is restored by persistence before this runs.
import type { AppStore } from '../store';

type MediaWindow = Pick<Window, 'matchMedia'>;

/** Apply the system preference now and on every change. Returns the unsubscribe. */
export function followSystemTheme(store: AppStore, win: MediaWindow | undefined): () => void {
  const query = win?.matchMedia?.('(prefers-color-scheme: dark)');
  if (!query) return () => {};
  const apply = () => store.getState().setSystemTheme(query.matches ? 'dark' : 'light');
  apply();
  const onChange = () => apply();
  query.addEventListener?.('change', onChange);
  return () => query.removeEventListener?.('change', onChange);
}
