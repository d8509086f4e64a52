// Open (file picker), Download and Share. The share link is copied and shown for manual copying.
import { useCallback, useRef, useState } from 'react';
import { useAppStore } from '../store';
import { useServices } from './ServicesContext';
import { DownloadIcon, FolderIcon, ShareIcon } from './icons';
import { Popover } from './Popover';

export function OpenButton() {
  const { loader } = useServices();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="tool-button"
        onClick={() => input.current?.click()}
        title="Open a .scs file"
      >
        <FolderIcon /> Open
      </button>
      <input
        ref={input}
        type="file"
        accept=".scs,.txt,text/plain"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Open a script file"
        data-testid="open-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void loader.loadFile(f, 'file');
          e.target.value = '';
        }}
      />
    </>
  );
}

export function DownloadButton() {
  const services = useServices();
  return (
    <button
      type="button"
      className="tool-button"
      data-testid="download-button"
      title="Download the script"
      onClick={() => services.download()}
    >
      <DownloadIcon /> Download
    </button>
  );
}

export function ShareButton() {
  const services = useServices();
  const notify = useAppStore((s) => s.notify);
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setLink(null), []);

  const share = async () => {
    const l = services.shareLink();
    setLink(l);
    setCopied(false);
    try {
      await navigator.clipboard.writeText(l);
      setCopied(true);
      notify('info', 'Share link copied to the clipboard');
    } catch {
      // Clipboard refused (permissions, http): the link stays visible to copy by hand.
    }
  };

  return (
    <div className="menu-anchor">
      <button
        ref={button}
        type="button"
        className="tool-button"
        data-testid="share-button"
        title="Copy a link that opens this script"
        onClick={() => void share()}
      >
        <ShareIcon /> Share
      </button>
      <Popover
        open={link !== null}
        onClose={close}
        anchor={button}
        label="Share link"
        className="share-popover"
      >
        <label className="popover-title" htmlFor="share-link">
          {copied ? 'Link copied — it opens this script ready to run' : 'Copy this link to share the script'}
        </label>
        <input
          id="share-link"
          className="text-input share-input"
          data-testid="share-link"
          readOnly
          value={link ?? ''}
          autoFocus
          onFocus={(e) => e.currentTarget.select()}
        />
        <div className="popover-hint">{link ? `${link.length.toLocaleString()} characters` : ''}</div>
      </Popover>
    </div>
  );
}
