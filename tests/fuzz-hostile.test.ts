// A small fixed-seed run of the hostile-input fuzzer (the full run: npm run fuzz:hostile): no parse
// throws, hangs or produces an internal-error diagnostic; no mock run throws, hangs or hits an internal
// error in the runner or the mock.
import { describe, expect, it } from 'vitest';
import { fuzzMock, fuzzParser } from './tools/fuzz-hostile';

describe('hostile-input fuzzing (fixed seed)', () => {
  it('parser: 1,500 inputs, no throw, hang or internal error', () => {
    const c = fuzzParser(1500, 20261130);
    expect(c.examples).toEqual([]);
    expect([c.runs, c.throws, c.hangs, c.internalErrors]).toEqual([1500, 0, 0, 0]);
  });

  it('mock: 100 generated scripts, no throw, hang or internal error', async () => {
    const c = await fuzzMock(100, 20261130);
    expect(c.examples).toEqual([]);
    expect([c.runs, c.throws, c.hangs, c.internalErrors]).toEqual([100, 0, 0, 0]);
  }, 60_000);
});
