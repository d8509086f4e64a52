import { describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../store';
import { warmRunWorkerWhenIdle } from './runWarmup';

function idleWindow() {
  const idle: Array<() => void> = [];
  return { idle, win: { requestIdleCallback: (cb: () => void) => idle.push(cb) } };
}

describe('run worker warm-up', () => {
  it('starts a run worker once the page is idle with the mock target, once', () => {
    const store = createAppStore();
    const { idle, win } = idleWindow();
    const warm = vi.fn();
    warmRunWorkerWhenIdle(store, win, warm);
    expect(warm).not.toHaveBeenCalled();
    expect(idle).toHaveLength(1);
    idle[0]();
    expect(warm).toHaveBeenCalledTimes(1);
    store.getState().setTarget({ kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' });
    store.getState().setTarget({ kind: 'mock' });
    expect(idle).toHaveLength(1);
  });

  it('waits for the mock target, and does nothing once disposed', () => {
    const store = createAppStore();
    store.getState().setTarget({ kind: 'ws', url: 'ws://127.0.0.1:5280/xmpp-websocket' });
    const { idle, win } = idleWindow();
    const warm = vi.fn();
    const dispose = warmRunWorkerWhenIdle(store, win, warm);
    expect(idle).toHaveLength(0);
    store.getState().setTarget({ kind: 'mock' });
    expect(idle).toHaveLength(1);
    dispose();
    idle[0]();
    expect(warm).not.toHaveBeenCalled();
  });
});
