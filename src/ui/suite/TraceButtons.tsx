// Save the current run as a trace file; open a trace file again (every view works offline).
import { useRef } from 'react';
import { selectResult, useAppStore } from '../../store';
import { useServices } from '../ServicesContext';
import { DownloadIcon, FolderIcon } from '../icons';

export function TraceButtons() {
  const { trace } = useServices();
  const input = useRef<HTMLInputElement>(null);
  const hasRun = useAppStore((s) => s.runId !== null && (selectResult(s) !== null || s.stopped));
  return (
    <>
      <button
        type="button"
        className="tool-button"
        data-testid="save-trace"
        title="Save this run as a trace file (script, target, every event, the result)"
        disabled={!hasRun}
        onClick={() => trace.save()}
      >
        <DownloadIcon /> Save trace
      </button>
      <button
        type="button"
        className="tool-button"
        title="Open a trace file"
        aria-label="Open trace"
        onClick={() => input.current?.click()}
      >
        <FolderIcon /> Open trace
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Open a trace file"
        data-testid="open-trace"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void trace.openFile(f);
          e.target.value = '';
        }}
      />
    </>
  );
}
