// The run worker's messages are validated where they arrive, both ways: a message that does not fit is
// refused with a sentence naming what is wrong.
import { describe, expect, it } from 'vitest';
import { parseRunPageMessage, parseRunWorkerMessage } from './protocol';

describe('run worker protocol: page -> worker', () => {
  it('accepts the page messages', () => {
    expect(
      parseRunPageMessage({
        type: 'open',
        runId: 'r',
        source: 'x',
        timeouts: { receiveMs: 5 },
        inspect: true,
      }),
    ).toEqual({
      ok: true,
      message: { type: 'open', runId: 'r', source: 'x', timeouts: { receiveMs: 5 }, inspect: true },
    });
    expect(
      parseRunPageMessage({ type: 'intent', runId: 'r', intent: { type: 'run-to', line: 4 }, id: 2 }),
    ).toEqual({
      ok: true,
      message: { type: 'intent', runId: 'r', intent: { type: 'run-to', line: 4 }, id: 2 },
    });
    expect(parseRunPageMessage({ type: 'intent', runId: 'r', intent: { type: 'stop' } }).ok).toBe(true);
    expect(parseRunPageMessage({ type: 'adhoc', runId: 'r', id: 1, client: 'A', xml: '<a/>' }).ok).toBe(true);
    expect(parseRunPageMessage({ type: 'ping', id: 0 }).ok).toBe(true);
  });
  it.each([
    [null, 'not an object'],
    [{ type: 'open', runId: 'r', timeouts: {}, inspect: true }, 'open: needs string runId and source'],
    [
      { type: 'open', runId: 'r', source: '', timeouts: { receiveMs: -1 }, inspect: true },
      'timeouts.receiveMs',
    ],
    [{ type: 'open', runId: 'r', source: '', timeouts: {}, inspect: 'yes' }, 'inspect must be a boolean'],
    [{ type: 'intent', runId: 'r', intent: { type: 'explode' } }, 'unknown intent "explode"'],
    [{ type: 'intent', runId: 'r', intent: { type: 'run-to' } }, 'run-to: needs a line number'],
    [{ type: 'intent', runId: 'r', intent: { type: 'run' }, id: 1.5 }, 'intent: id'],
    [{ type: 'adhoc', runId: 'r', id: 1, client: 'A' }, 'adhoc: needs'],
    [{ type: 'ping' }, 'ping: id'],
    [{ type: 'reset', id: 1 }, 'unknown message type "reset"'],
  ])('refuses %j', (data, error) => {
    const r = parseRunPageMessage(data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });
});

const ev = (e: Record<string, unknown>) => ({ runId: 'r', at: 1, ...e });

describe('run worker protocol: worker -> page', () => {
  it('accepts batches of valid events and the answers', () => {
    const events = [
      ev({ type: 'run-started', target: 'mock', steps: 2 }),
      ev({ type: 'step-started', step: 0 }),
      ev({ type: 'stanza', client: 'A', direction: 'out', xml: '<presence/>', seq: 1 }),
      ev({ type: 'step-passed', step: 0, durationMs: 1 }),
      ev({ type: 'paused', nextStep: 1 }),
      ev({
        type: 'run-finished',
        result: { verdict: 'pass', durationMs: 2, stepsPassed: 2, stepsTotal: 2, variables: {} },
      }),
    ];
    const r = parseRunWorkerMessage({ type: 'events', runId: 'r', events, status: 'finished' });
    expect(r).toEqual({ ok: true, message: { type: 'events', runId: 'r', events, status: 'finished' } });
    expect(parseRunWorkerMessage({ type: 'done', id: 3, error: 'no' }).ok).toBe(true);
    expect(parseRunWorkerMessage({ type: 'failed', runId: 'r', message: 'm' }).ok).toBe(true);
    expect(parseRunWorkerMessage({ type: 'pong', id: 0 }).ok).toBe(true);
    expect(parseRunWorkerMessage({ type: 'error', message: 'm' }).ok).toBe(true);
  });
  it.each([
    [{ type: 'events', runId: 'r', events: [], status: 'dancing' }, 'unknown status "dancing"'],
    [{ type: 'events', runId: 'r', events: {}, status: 'running' }, 'events must be an array'],
    [
      { type: 'events', runId: 'r', events: [ev({ type: 'step-started' })], status: 'running' },
      'events[0] (step-started) needs a step index',
    ],
    [
      { type: 'events', runId: 'r', events: [{ ...ev({ type: 'resumed' }), runId: 'q' }], status: 'running' },
      'belongs to another run',
    ],
    [
      { type: 'events', runId: 'r', events: [{ type: 'resumed', runId: 'r' }], status: 'running' },
      'no numeric "at"',
    ],
    [
      {
        type: 'events',
        runId: 'r',
        events: [ev({ type: 'stanza', client: 'A', direction: 'sideways', xml: '' })],
        status: 'running',
      },
      'needs client, direction and xml',
    ],
    [
      {
        type: 'events',
        runId: 'r',
        events: [ev({ type: 'run-finished', result: { verdict: 'maybe' } })],
        status: 'finished',
      },
      'needs a result',
    ],
    [
      { type: 'events', runId: 'r', events: [ev({ type: 'teleported' })], status: 'running' },
      'unknown type "teleported"',
    ],
    [{ type: 'done' }, 'done: needs an id'],
    [{ type: 'settled', id: 1 }, 'unknown message type "settled"'],
  ])('refuses %j', (data, error) => {
    const r = parseRunWorkerMessage(data);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });
});
