// Suite slice: the scripts opened together (the suite view's tree), each one's status, the filters, the
// watch switch, the page's view (workbench | suite | compare) and the two-target comparison's matrix.
// State only: the suite and compare services read files, run scripts and write here.
import type { StateCreator } from 'zustand';
import type { Comparison } from '../runner/compare';
import type { AppState, Target } from './types';

export type AppView = 'workbench' | 'suite' | 'compare';
export type SuiteStatus = 'idle' | 'queued' | 'running' | 'pass' | 'fail' | 'error';
export type SuiteOrigin = 'file' | 'folder' | 'picker' | 'drop' | 'gallery' | 'url' | 'workbench';
export type SuiteStatusFilter = 'all' | 'failed' | 'passed' | 'not run';

export interface SuiteEntry {
  /** Unique in the suite: the path as opened (folder-relative), or the URL. */
  id: string;
  name: string;
  text: string;
  /** The script's `##` metadata tags. */
  tags: string[];
  origin: SuiteOrigin;
  status: SuiteStatus;
  durationMs?: number;
  /** The failure sentence of the last run. */
  message?: string;
  /** The picked file's lastModified when its text was read (watch mode compares it). */
  lastModified?: number;
  /** Bumped by every finished run (lets views know a new run replaced the old one). */
  runs: number;
}

export interface SuiteFilter {
  status: SuiteStatusFilter;
  text: string;
  tag: string;
}

export interface CompareRow {
  id: string;
  a: SuiteStatus;
  b: SuiteStatus;
  comparison?: Comparison;
}

export interface CompareState {
  targetA: Target;
  targetB: Target;
  running: boolean;
  rows: Record<string, CompareRow>;
  /** Labels of the targets of the last comparison. */
  labels: { a: string; b: string } | null;
  expanded: string | null;
}

export interface SuiteSlice {
  view: AppView;
  setView(view: AppView): void;
  suiteEntries: SuiteEntry[];
  suiteSelected: string | null;
  /** Ids ticked for "Run selected". */
  suiteChecked: Record<string, true>;
  suiteFilter: SuiteFilter;
  suiteWatch: boolean;
  suiteRunning: boolean;
  /** Add or replace entries (by id); existing ones keep their place. */
  suiteAdd(entries: SuiteEntry[]): void;
  suiteRemoveAll(): void;
  suitePatch(id: string, patch: Partial<SuiteEntry>): void;
  suiteSelect(id: string | null): void;
  suiteToggleChecked(id: string): void;
  suiteSetChecked(ids: string[]): void;
  suiteSetFilter(patch: Partial<SuiteFilter>): void;
  suiteSetWatch(on: boolean): void;
  suiteSetRunning(on: boolean): void;
  compare: CompareState;
  compareSetTargets(patch: { targetA?: Target; targetB?: Target }): void;
  compareBegin(ids: string[], labels: { a: string; b: string }): void;
  comparePatchRow(id: string, patch: Partial<CompareRow>): void;
  compareEnd(): void;
  compareExpand(id: string | null): void;
}

export const createSuiteSlice: StateCreator<AppState, [], [], SuiteSlice> = (set) => ({
  view: 'workbench',
  setView: (view) => set({ view }),
  suiteEntries: [],
  suiteSelected: null,
  suiteChecked: {},
  suiteFilter: { status: 'all', text: '', tag: '' },
  suiteWatch: false,
  suiteRunning: false,
  suiteAdd: (entries) =>
    set((s) => {
      const byId = new Map(entries.map((e) => [e.id, e]));
      const kept = s.suiteEntries.map((e) => byId.get(e.id) ?? e);
      const known = new Set(s.suiteEntries.map((e) => e.id));
      return { suiteEntries: [...kept, ...entries.filter((e) => !known.has(e.id))] };
    }),
  suiteRemoveAll: () => set({ suiteEntries: [], suiteSelected: null, suiteChecked: {} }),
  suitePatch: (id, patch) =>
    set((s) => ({ suiteEntries: s.suiteEntries.map((e) => (e.id === id ? { ...e, ...patch } : e)) })),
  suiteSelect: (id) => set({ suiteSelected: id }),
  suiteToggleChecked: (id) =>
    set((s) => {
      const next = { ...s.suiteChecked };
      if (next[id]) delete next[id];
      else next[id] = true;
      return { suiteChecked: next };
    }),
  suiteSetChecked: (ids) => set({ suiteChecked: Object.fromEntries(ids.map((id) => [id, true as const])) }),
  suiteSetFilter: (patch) => set((s) => ({ suiteFilter: { ...s.suiteFilter, ...patch } })),
  suiteSetWatch: (suiteWatch) => set({ suiteWatch }),
  suiteSetRunning: (suiteRunning) => set({ suiteRunning }),
  compare: {
    targetA: { kind: 'mock' },
    targetB: { kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' },
    running: false,
    rows: {},
    labels: null,
    expanded: null,
  },
  compareSetTargets: (patch) => set((s) => ({ compare: { ...s.compare, ...patch } })),
  compareBegin: (ids, labels) =>
    set((s) => ({
      compare: {
        ...s.compare,
        running: true,
        labels,
        expanded: null,
        rows: Object.fromEntries(ids.map((id) => [id, { id, a: 'queued', b: 'queued' } as CompareRow])),
      },
    })),
  comparePatchRow: (id, patch) =>
    set((s) => {
      const row = s.compare.rows[id];
      if (!row) return s;
      return { compare: { ...s.compare, rows: { ...s.compare.rows, [id]: { ...row, ...patch } } } };
    }),
  compareEnd: () => set((s) => ({ compare: { ...s.compare, running: false } })),
  compareExpand: (expanded) => set((s) => ({ compare: { ...s.compare, expanded } })),
});
