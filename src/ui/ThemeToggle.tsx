import { selectTheme, useAppStore } from '../store';
import { MoonIcon, SunIcon } from './icons';

export function ThemeToggle() {
  const theme = useAppStore(selectTheme);
  const toggle = useAppStore((s) => s.toggleTheme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="icon-button"
      data-testid="theme-toggle"
      aria-label={`Switch to the ${next} theme`}
      title={`Switch to the ${next} theme`}
      onClick={toggle}
    >
      {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
    </button>
  );
}
