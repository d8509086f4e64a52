import { DocLinks } from './DocLinks';
import { DownloadButton, OpenButton, ShareButton } from './FileButtons';
import { GalleryMenu } from './GalleryMenu';
import { TargetPicker } from './TargetPicker';
import { ThemeToggle } from './ThemeToggle';
import { TraceButtons } from './suite/TraceButtons';
import { ViewSwitch } from './suite/ViewSwitch';

export function Header() {
  return (
    <header className="app-header" data-pane="header">
      <h1 className="brand">
        <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M2 3h12v2H2zM2 7h8v2H2zM2 11h10v2H2z" fill="var(--accent)" />
        </svg>
        <span className="brand-name">scansion</span>
        <span className="brand-sub">playground</span>
      </h1>
      <ViewSwitch />
      <nav className="header-tools" aria-label="Script">
        <GalleryMenu />
        <OpenButton />
        <DownloadButton />
        <ShareButton />
        <TraceButtons />
      </nav>
      <div className="header-spacer" />
      <DocLinks />
      <TargetPicker />
      <ThemeToggle />
    </header>
  );
}
