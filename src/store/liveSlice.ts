// Live slice: the live console's clients and log, the recorder's choices, the room inspector's snapshots
// (per step of the current run, or live) and the presentation option. The live service writes it.
import type { StateCreator } from 'zustand';
import type { AppState } from './types';

export type LiveEntryKind = 'in' | 'out' | 'stream' | 'error' | 'note';

export interface LiveLogEntry {
  id: number;
  at: number;
  client: string;
  kind: LiveEntryKind;
  text: string;
  /** Raw stream traffic (authentication, binding, stream headers). */
  raw?: boolean;
  /** Sent into a paused run from the console, or the reply to it. */
  adHoc?: boolean;
  /** A stanza that went to the paused run's client (its script reads it), shown here for context. */
  toScript?: boolean;
}

export interface LiveClientView {
  name: string;
  jid: string;
  state: 'connecting' | 'online' | 'closed' | 'error';
  fullJid?: string;
}

export interface PresentationSettings {
  on: boolean;
  /** Delay between steps when auto-stepping, in ms. */
  autoStepMs: number;
  autoStep: boolean;
}

export interface LiveSlice {
  liveLog: LiveLogEntry[];
  liveClients: LiveClientView[];
  /** The label of the live session's target while one is open. */
  liveTarget: string | null;
  /** Show raw stream traffic (authentication, binding) in the live console. */
  liveShowRaw: boolean;
  /** Decorations the recorder drops from received stanzas. */
  liveDrop: string[];
  /** The last error the console met (bad XML with its position, connection refused). */
  liveError: string | null;
  /** Room snapshots of the current run, by step index (from `inspection` events). */
  inspections: Record<number, unknown>;
  inspectionRunId: string | null;
  /** A snapshot taken outside a run (the live session on the mock). */
  liveSnapshot: unknown;
  presentation: PresentationSettings;
  /** The script a recording or an import replaced in the editor, so the user can bring it back. */
  liveReplaced: { text: string; fileName: string } | null;
  liveSetReplaced(replaced: { text: string; fileName: string } | null): void;
  liveAppend(entries: LiveLogEntry[]): void;
  liveSetClient(view: LiveClientView): void;
  liveSetTarget(label: string | null): void;
  liveSetShowRaw(on: boolean): void;
  liveSetDrop(drop: string[]): void;
  liveSetError(message: string | null): void;
  liveClear(): void;
  addInspection(runId: string, step: number, snapshot: unknown): void;
  /** Several steps' snapshots at once (a batch of a run's `inspection` events). */
  addInspections(runId: string, snapshots: Record<number, unknown>): void;
  setLiveSnapshot(snapshot: unknown): void;
  setPresentation(patch: Partial<PresentationSettings>): void;
}

export const MAX_LIVE_LOG = 2000;
export const DEFAULT_DROP = ['delay', 'urn:xmpp:sid:0', 'urn:xmpp:occupant-id:0', 'vcard-temp:x:update'];

export const createLiveSlice: StateCreator<AppState, [], [], LiveSlice> = (set) => ({
  liveLog: [],
  liveClients: [],
  liveTarget: null,
  liveShowRaw: false,
  liveDrop: DEFAULT_DROP,
  liveError: null,
  inspections: {},
  inspectionRunId: null,
  liveSnapshot: null,
  presentation: { on: false, autoStepMs: 1500, autoStep: false },
  liveReplaced: null,
  liveSetReplaced: (liveReplaced) => set({ liveReplaced }),
  liveAppend: (entries) =>
    set((s) => {
      const log = s.liveLog.concat(entries);
      return { liveLog: log.length > MAX_LIVE_LOG ? log.slice(log.length - MAX_LIVE_LOG) : log };
    }),
  liveSetClient: (view) =>
    set((s) => {
      const i = s.liveClients.findIndex((c) => c.name === view.name);
      const clients = s.liveClients.slice();
      if (i === -1) clients.push(view);
      else clients[i] = view;
      return { liveClients: clients };
    }),
  liveSetTarget: (liveTarget) => set({ liveTarget }),
  liveSetShowRaw: (liveShowRaw) => set({ liveShowRaw }),
  liveSetDrop: (liveDrop) => set({ liveDrop }),
  liveSetError: (liveError) => set({ liveError }),
  liveClear: () => set({ liveLog: [], liveError: null }),
  addInspection: (runId, step, snapshot) =>
    set((s) =>
      s.inspectionRunId === runId
        ? { inspections: { ...s.inspections, [step]: snapshot } }
        : { inspectionRunId: runId, inspections: { [step]: snapshot } },
    ),
  addInspections: (runId, snapshots) =>
    set((s) =>
      s.inspectionRunId === runId
        ? { inspections: { ...s.inspections, ...snapshots } }
        : { inspectionRunId: runId, inspections: { ...snapshots } },
    ),
  setLiveSnapshot: (liveSnapshot) => set({ liveSnapshot }),
  setPresentation: (patch) => set((s) => ({ presentation: { ...s.presentation, ...patch } })),
});
