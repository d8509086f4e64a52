// The differential fuzzer in CI: the shrunk regression scripts (tests/fixtures/fuzz) replayed on the
// mock and on Prosody 0.12, and a fixed-seed fuzz of the mock against Prosody capped at 60 s of wall
// time whose divergences must all be known open ones (tests/tools/fuzz-mock/known.ts). Prosody gets its
// own temporary dir and OS-given ports and is stopped afterwards. Without
// Prosody the Prosody halves skip with a message, and fail when CI is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '../src/scansion/index';
import { createRunner } from '../src/runner/index';
import type { RunResult } from '../src/runner/events';
import type { Transport } from '../src/runner/transport';
import { createInProcessTransport } from '../src/mock/index';
import { needs, repoRoot, startTestProsody, type TestProsody } from './conformance-prosody';
import { fuzz } from './tools/fuzz-mock/fuzz';
import { knownOpen } from './tools/fuzz-mock/known';
import { FUZZ_PROSODY, fuzzMock } from './tools/fuzz-mock/admins';
import { mockWithFault } from './tools/fuzz-mock/plant';

const dir = path.join(repoRoot, 'tests/fixtures/fuzz');
const scripts = readdirSync(dir).filter((f) => f.endsWith('.scs') && !f.startsWith('draft-'));

async function run(file: string, transport: Transport, nothingMs: number): Promise<RunResult> {
  const { script, diagnostics } = parse(readFileSync(path.join(dir, file), 'utf8'));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const runner = createRunner({ script, transport, timeouts: { nothingMs } });
  try {
    return await runner.start();
  } finally {
    await transport.dispose?.();
  }
}

describe('fuzz regression scripts on the mock', () => {
  it('there are some', () => expect(scripts.length).toBeGreaterThan(0));
  for (const f of scripts) {
    it(f, async () => {
      const r = await run(f, createInProcessTransport(), 1000);
      expect(r.verdict, r.failure?.message).toBe('pass');
    });
  }
});

const haveProsody = needs('fuzz-mock.test: the Prosody halves', { prosody: true });

describe.skipIf(!haveProsody)('the fuzzer against Prosody 0.12', () => {
  let prosody: TestProsody;
  let createNodeTransport: (url: string) => Transport;
  beforeAll(async () => {
    prosody = await startTestProsody('mock-fuzz-test', FUZZ_PROSODY);
    ({ createNodeTransport } = await import('../src/runner/transports/node'));
  });
  afterAll(() => prosody?.stop());

  for (const f of scripts) {
    it(`${f} passes on Prosody`, async () => {
      const r = await run(f, createNodeTransport(prosody.wsUrl), 1000);
      expect(r.verdict, r.failure?.message).toBe('pass');
    }, 30_000);
  }

  it('a fixed seed, 60 s at most: every divergence is a known open one', async () => {
    const result = await fuzz(
      {
        mock: (admins) => fuzzMock(admins),
        oracle: () => createNodeTransport(prosody.wsUrl),
      },
      { flows: 60, seed: 20261130, keepGoing: true, budgetMs: 55_000 },
    );
    expect(result.error).toBeUndefined();
    expect(result.flowsRun).toBeGreaterThan(10);
    const unknown = (result.classes ?? []).filter((c) => !knownOpen(c.signature));
    expect(unknown.map((c) => `${c.signature}\n  ${c.example.action}\n  ${c.example.detail}`)).toEqual([]);
  }, 90_000);

  it('finds a fault planted in the mock (a nick change without its 303) within 200 flows', async () => {
    const result = await fuzz(
      {
        mock: (admins) => mockWithFault('missing-303', admins),
        oracle: () => createNodeTransport(prosody.wsUrl),
      },
      { flows: 200, seed: 42, budgetMs: 55_000 },
    );
    expect(result.error).toBeUndefined();
    // The divergence is the planted fault: Prosody's presence has the 303 the mock's lacks.
    const d = result.failure?.divergence;
    expect(d?.oracle.join('\n')).toContain('code="303"');
    expect(d?.mock.join('\n')).not.toContain('code="303"');
  }, 90_000);
});
