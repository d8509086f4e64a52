// Suite selectors: the filtered tree, the counts, the tags in use. Derived lists are memoized on the
// arrays they come from, so components get stable values.
import type { AppState } from './types';
import type { SuiteEntry, SuiteFilter, SuiteStatus } from './suiteSlice';

export const selectView = (s: AppState) => s.view;
export const selectSuiteEntries = (s: AppState) => s.suiteEntries;
export const selectSuiteSelected = (s: AppState) => s.suiteSelected;
export const selectSuiteChecked = (s: AppState) => s.suiteChecked;
export const selectSuiteFilter = (s: AppState) => s.suiteFilter;
export const selectSuiteWatch = (s: AppState) => s.suiteWatch;
export const selectSuiteRunning = (s: AppState) => s.suiteRunning;
export const selectCompare = (s: AppState) => s.compare;

const FAILED: ReadonlySet<SuiteStatus> = new Set(['fail', 'error']);
const NOT_RUN: ReadonlySet<SuiteStatus> = new Set(['idle', 'queued', 'running']);

/** Whether an entry passes the filter (status, text in its name or text, a tag). */
export function matchesFilter(e: SuiteEntry, f: SuiteFilter): boolean {
  if (f.status === 'failed' && !FAILED.has(e.status)) return false;
  if (f.status === 'passed' && e.status !== 'pass') return false;
  if (f.status === 'not run' && !NOT_RUN.has(e.status)) return false;
  const tag = f.tag.trim().replace(/^#+/, '').toLowerCase();
  if (tag && !e.tags.some((t) => t.toLowerCase() === tag)) return false;
  const q = f.text.trim().toLowerCase();
  if (q && !e.name.toLowerCase().includes(q) && !e.text.toLowerCase().includes(q)) return false;
  return true;
}

let visibleCache: { entries: SuiteEntry[]; filter: SuiteFilter; out: SuiteEntry[] } | null = null;
/** The entries the tree shows. */
export const selectVisibleEntries = (s: AppState): SuiteEntry[] => {
  const c = visibleCache;
  if (c && c.entries === s.suiteEntries && c.filter === s.suiteFilter) return c.out;
  const out = s.suiteEntries.filter((e) => matchesFilter(e, s.suiteFilter));
  visibleCache = { entries: s.suiteEntries, filter: s.suiteFilter, out };
  return out;
};

export interface SuiteCounts {
  total: number;
  passed: number;
  failed: number;
  notRun: number;
}
const countCache = new WeakMap<SuiteEntry[], SuiteCounts>();
export const selectSuiteCounts = (s: AppState): SuiteCounts => {
  let c = countCache.get(s.suiteEntries);
  if (!c) {
    c = { total: s.suiteEntries.length, passed: 0, failed: 0, notRun: 0 };
    for (const e of s.suiteEntries) {
      if (e.status === 'pass') c.passed++;
      else if (FAILED.has(e.status)) c.failed++;
      else c.notRun++;
    }
    countCache.set(s.suiteEntries, c);
  }
  return c;
};

const tagCache = new WeakMap<SuiteEntry[], string[]>();
/** Every tag used in the suite, sorted. */
export const selectSuiteTags = (s: AppState): string[] => {
  let t = tagCache.get(s.suiteEntries);
  if (!t) {
    t = [...new Set(s.suiteEntries.flatMap((e) => e.tags))].sort();
    tagCache.set(s.suiteEntries, t);
  }
  return t;
};
