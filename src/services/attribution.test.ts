import { describe, expect, it } from 'vitest';
import type { StanzaEntry } from '../store';
import { attributionOf, summarizeAttribution, type AttributedEntry } from './attribution';

const entry = (over: Partial<AttributedEntry>): StanzaEntry =>
  ({ id: 1, client: 'Romeo', direction: 'in', xml: '<message/>', at: 0, step: null, ...over }) as StanzaEntry;

describe('stanza attribution words', () => {
  it('names the step that matched or sent a stanza, and marks dropped and unread ones', () => {
    expect(attributionOf(entry({ fate: 'matched', step: 3 }))).toMatchObject({
      kind: 'matched',
      label: 'step 4',
      step: 3,
    });
    expect(attributionOf(entry({ direction: 'out', fate: 'sent', step: 0 }))).toMatchObject({
      label: 'step 1',
    });
    expect(
      attributionOf(entry({ fate: 'dropped', step: 2, reason: 'burst leftover after step 3' })),
    ).toMatchObject({
      kind: 'dropped',
      label: 'dropped',
      title: 'Dropped: burst leftover after step 3',
    });
    expect(attributionOf(entry({ fate: 'unread', step: 5 }))).toMatchObject({ kind: 'unread', step: null });
    // Without a fate: the step running when it was seen (older reducers).
    expect(attributionOf(entry({ step: 1 }))).toMatchObject({ kind: 'step', label: 'step 2' });
    expect(attributionOf(entry({}))).toBeNull();
  });

  it('counts matched stanzas per step and collects the leftovers', () => {
    const list = [
      entry({ id: 1, fate: 'matched', step: 2 }),
      entry({ id: 2, fate: 'matched', step: 2 }),
      entry({ id: 3, fate: 'dropped', step: 2, reason: 'r' }),
      entry({ id: 4, fate: 'unread' }),
      entry({ id: 5, direction: 'out', fate: 'sent', step: 1 }),
    ];
    const s = summarizeAttribution(list);
    expect([...s.matchedByStep]).toEqual([[2, 2]]);
    expect(s.dropped.map((e) => e.id)).toEqual([3]);
    expect(s.unread.map((e) => e.id)).toEqual([4]);
    expect(summarizeAttribution(list)).toBe(s);
  });
});
