import { describe, expect, it } from 'vitest';
import { createInProcessTransport } from '../mock';
import { parse } from '../scansion';
import { RemoteRunner } from '../worker/remoteRunner';
import { fakeRunPool } from '../worker/testing';
import { DEFAULT_SCRIPT } from './defaultScript';
import { createPageRunner } from './runners';

describe("the page's runner factory", () => {
  const { script } = parse(DEFAULT_SCRIPT);
  it('runs on the page over an ordinary transport', async () => {
    const runner = createPageRunner({ script, transport: createInProcessTransport() });
    expect(runner).not.toBeInstanceOf(RemoteRunner);
    expect((await runner.start()).verdict).toBe('pass');
  });
  it('runs in the run worker over a run host, from the script text', async () => {
    const { pool } = fakeRunPool();
    const runner = createPageRunner({
      script,
      source: DEFAULT_SCRIPT,
      transport: pool.acquire(),
      runId: 'w',
    });
    expect(runner).toBeInstanceOf(RemoteRunner);
    expect((await runner.start()).verdict).toBe('pass');
    expect(() => createPageRunner({ script, transport: pool.acquire() })).toThrow(
      'a run in the mock worker needs the script text it was parsed from',
    );
    pool.dispose();
  });
});
