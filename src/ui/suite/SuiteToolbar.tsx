// The suite's sources (files, a folder, the directory picker, the gallery, URLs) and its run controls.
import { useRef, useState } from 'react';
import { selectSuiteCounts, selectSuiteRunning, selectSuiteWatch, useAppStore } from '../../store';
import { useServices } from '../ServicesContext';
import { Popover } from '../Popover';

const hasDirectoryPicker = () => typeof window !== 'undefined' && 'showDirectoryPicker' in window;

function UrlListButton() {
  const { suite } = useServices();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const anchor = useRef<HTMLButtonElement>(null);
  return (
    <span className="menu-anchor">
      <button
        ref={anchor}
        type="button"
        className="tool-button"
        data-testid="suite-open-urls"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        URLs…
      </button>
      <Popover open={open} anchor={anchor} onClose={() => setOpen(false)} label="Open scripts from URLs">
        <div className="popover-title">Scripts at these URLs, one a line</div>
        <textarea
          className="text-input suite-urls"
          data-testid="suite-urls"
          rows={5}
          spellCheck={false}
          value={text}
          placeholder="https://example.org/tests/room.scs"
          onChange={(e) => setText(e.target.value)}
        />
        <button
          type="button"
          className="tool-button primary"
          data-testid="suite-urls-open"
          onClick={() => {
            setOpen(false);
            void suite.openUrls(text);
          }}
        >
          Open
        </button>
      </Popover>
    </span>
  );
}

export function SuiteToolbar() {
  const { suite } = useServices();
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  const running = useAppStore(selectSuiteRunning);
  const watch = useAppStore(selectSuiteWatch);
  const counts = useAppStore(selectSuiteCounts);
  const anyChecked = useAppStore((s) => Object.keys(s.suiteChecked).length > 0 || s.suiteSelected !== null);
  return (
    <div className="suite-toolbar" role="toolbar" aria-label="Suite">
      <div className="suite-group" role="group" aria-label="Open scripts">
        <button type="button" className="tool-button" onClick={() => files.current?.click()}>
          Files…
        </button>
        <button type="button" className="tool-button" onClick={() => folder.current?.click()}>
          Folder…
        </button>
        {hasDirectoryPicker() && (
          <button
            type="button"
            className="tool-button"
            data-testid="suite-pick-directory"
            title="Pick a folder; watch mode reruns a script when its file changes"
            onClick={() => void suite.pickDirectory()}
          >
            Watch folder…
          </button>
        )}
        <button
          type="button"
          className="tool-button"
          data-testid="suite-gallery"
          onClick={() => void suite.openGallery()}
        >
          Gallery
        </button>
        <UrlListButton />
        <button
          type="button"
          className="tool-button"
          title="Add the workbench's script"
          onClick={() => suite.addCurrent()}
        >
          + Current
        </button>
        <button
          type="button"
          className="tool-button"
          disabled={counts.total === 0}
          onClick={() => suite.clear()}
        >
          Clear
        </button>
        <input
          ref={files}
          type="file"
          multiple
          accept=".scs"
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Open script files"
          data-testid="suite-files"
          onChange={(e) => {
            if (e.target.files) void suite.openFiles(Array.from(e.target.files), 'file');
            e.target.value = '';
          }}
        />
        <input
          ref={folder}
          type="file"
          // @ts-expect-error: webkitdirectory is not in React's input attributes
          webkitdirectory=""
          className="visually-hidden"
          tabIndex={-1}
          aria-label="Open a folder of scripts"
          data-testid="suite-folder"
          onChange={(e) => {
            if (e.target.files) void suite.openFiles(Array.from(e.target.files), 'folder');
            e.target.value = '';
          }}
        />
      </div>
      <div className="suite-group" role="group" aria-label="Run">
        <button
          type="button"
          className="run-button primary"
          data-testid="suite-run-all"
          disabled={counts.total === 0}
          onClick={() => void suite.runAll()}
        >
          Run all
        </button>
        <button
          type="button"
          className="tool-button"
          data-testid="suite-run-failed"
          disabled={counts.failed === 0}
          onClick={() => void suite.runFailed()}
        >
          Run failed
        </button>
        <button
          type="button"
          className="tool-button"
          data-testid="suite-run-selected"
          disabled={!anyChecked}
          onClick={() => void suite.runSelected()}
        >
          Run selected
        </button>
        <button
          type="button"
          className="tool-button"
          data-testid="suite-stop"
          disabled={!running}
          onClick={() => suite.stop()}
        >
          Stop
        </button>
        <label
          className="suite-watch"
          title="Rerun a script when its picked file changes, or when its workbench tab is saved (checked every second)"
        >
          <input
            type="checkbox"
            data-testid="suite-watch"
            checked={watch}
            onChange={(e) => suite.setWatch(e.target.checked)}
          />
          Watch
        </label>
      </div>
    </div>
  );
}
