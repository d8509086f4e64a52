// How the page words a stanza's attribution: the step that matched (or sent) it, or that it was
// dropped (a burst leftover, with the runner's reason), unread at the end, or not read yet. The fields
// come from the run reducer (StanzaEntry.fate/.reason/.step); without a fate, the step is the one that
// was running when the stanza was seen.
import type { StanzaEntry } from '../store';

export type StanzaFate = 'matched' | 'dropped' | 'unread' | 'pending' | 'sent' | 'adhoc';

/** A stanza entry with the attribution fields (optional until every reducer fills them). */
export type AttributedEntry = StanzaEntry & { fate?: StanzaFate; reason?: string; seq?: number };

export interface Attribution {
  /** What the console and the sequence view print next to the stanza. */
  label: string;
  /** CSS/test hook: matched, dropped, unread, pending, sent, adhoc, or 'step' (no fate known). */
  kind: StanzaFate | 'step';
  /** Longer words (the reason for a dropped stanza). */
  title?: string;
  /** The step it belongs to (0-based), if any. */
  step: number | null;
}

export function attributionOf(entry: StanzaEntry): Attribution | null {
  const e = entry as AttributedEntry;
  const step = e.step ?? null;
  const n = step === null ? '' : ` ${step + 1}`;
  switch (e.fate) {
    case 'matched':
      return { kind: 'matched', label: `step${n}`, step, title: `Matched by step${n}` };
    case 'sent':
      return { kind: 'sent', label: `step${n}`, step, title: `Sent by step${n}` };
    case 'dropped':
      return {
        kind: 'dropped',
        label: 'dropped',
        step,
        title: e.reason ? `Dropped: ${e.reason}` : 'Dropped by the runner without being read',
      };
    case 'unread':
      return {
        kind: 'unread',
        label: 'unread',
        step: null,
        title: 'No step read this stanza before the run ended',
      };
    case 'pending':
      return { kind: 'pending', label: 'not read yet', step: null, title: 'Waiting for a step to read it' };
    case 'adhoc':
      return {
        kind: 'adhoc',
        label: 'console',
        step: null,
        title: 'Sent from the console, not by the script',
      };
    default:
      return step === null ? null : { kind: 'step', label: `step${n}`, step };
  }
}

export interface AttributionSummary {
  /** Received stanzas matched, per step index. */
  matchedByStep: Map<number, number>;
  dropped: AttributedEntry[];
  unread: AttributedEntry[];
}

const cache = new WeakMap<readonly StanzaEntry[], AttributionSummary>();

/** Per-step counts and the leftovers of a run (memoized per stanza list). */
export function summarizeAttribution(stanzas: readonly StanzaEntry[]): AttributionSummary {
  let out = cache.get(stanzas);
  if (out) return out;
  out = { matchedByStep: new Map(), dropped: [], unread: [] };
  for (const s of stanzas as readonly AttributedEntry[]) {
    if (s.direction !== 'in') continue;
    if (s.fate === 'matched' && s.step !== null) {
      out.matchedByStep.set(s.step, (out.matchedByStep.get(s.step) ?? 0) + 1);
    } else if (s.fate === 'dropped') out.dropped.push(s);
    else if (s.fate === 'unread') out.unread.push(s);
  }
  cache.set(stanzas, out);
  return out;
}
