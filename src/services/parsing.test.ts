import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store';
import { startParsing } from './parsing';

const GOOD = '[Client] Romeo\n\tjid: romeo@localhost\n\tpassword: p\n-----\nRomeo connects\n';

describe('parsing service', () => {
  it('parses at once, then debounces typing, and flush() parses pending text now', () => {
    const timers: (() => void)[] = [];
    const store = createAppStore();
    store.getState().setText(GOOD);
    const p = startParsing(store, { setTimer: (fn) => timers.push(fn), clearTimer: () => {} });
    expect(store.getState().parsed.script.steps).toHaveLength(1);
    store.getState().setText(GOOD + 'Romeo disconnects\n');
    expect(store.getState().parsed.script.steps).toHaveLength(1);
    expect(timers.length).toBeGreaterThan(0);
    p.flush();
    expect(store.getState().parsed.script.steps).toHaveLength(2);
    expect(store.getState().parsedText).toBe(store.getState().text);
    p.dispose();
  });

  it('a loaded script is parsed without waiting', () => {
    const store = createAppStore();
    startParsing(store, { setTimer: () => 0, clearTimer: () => {} });
    store
      .getState()
      .loadScript({ text: GOOD + 'Romeo sends:\n\t<iq><bad></iq>\n', fileName: 'x.scs', source: 'file' });
    const d = store.getState().diagnostics.filter((x) => x.severity === 'error');
    expect(d.length).toBeGreaterThan(0);
    expect(d[0].line).toBe(7);
  });
});
