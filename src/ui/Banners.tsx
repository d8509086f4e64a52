// Banners that ask before anything is lost or connects: the same document edited in two browser tabs,
// and a server address a link asks to use.
import { selectConflict, useAppStore, type Target } from '../store';
import { useServices } from './ServicesContext';

function targetLabelOf(t: Target): string {
  return t.kind === 'mock' ? 'the mock server' : t.url;
}

export function ConflictBanner() {
  const conflict = useAppStore(selectConflict);
  const { documents } = useServices();
  if (!conflict) return null;
  return (
    <div className="banner banner-warn" role="alert" data-testid="conflict-banner">
      <span className="banner-text">
        <strong>{conflict.fileName}</strong> was also changed in another browser tab. Both versions are in its
        history.
      </span>
      <button
        type="button"
        className="tool-button"
        data-testid="conflict.mine"
        onClick={() => documents.resolveConflict('mine')}
      >
        Keep this tab's
      </button>
      <button
        type="button"
        className="tool-button"
        data-testid="conflict.theirs"
        onClick={() => documents.resolveConflict('theirs')}
      >
        Use the other tab's
      </button>
    </div>
  );
}

export function LinkTargetBanner() {
  const pending = useAppStore((s) => s.pendingTarget);
  const setPending = useAppStore((s) => s.setPendingTarget);
  const applyTarget = useAppStore((s) => s.setSessionTarget);
  const { run } = useServices();
  if (!pending) return null;
  const confirm = () => {
    applyTarget(pending.target, 'link');
    if (pending.autorun) void run.run();
  };
  return (
    <div className="banner banner-warn link-banner" role="alert" data-testid="link-target-banner">
      <span className="banner-text">
        The link asks to run against{' '}
        <code data-testid="link-target.url">{targetLabelOf(pending.target)}</code>
        {pending.autorun ? ' and to start at once' : ''}. The script's clients will log in there with their
        passwords. Nothing connects until you agree; your saved target is not changed.
      </span>
      <button
        type="button"
        className="tool-button primary"
        data-testid="link-target.confirm"
        onClick={confirm}
      >
        {pending.autorun ? 'Connect and run' : 'Use this server'}
      </button>
      <button
        type="button"
        className="tool-button"
        data-testid="link-target.dismiss"
        onClick={() => setPending(null)}
      >
        Ignore
      </button>
    </div>
  );
}
