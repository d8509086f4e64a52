// The mock against real Prosody, script by script: each case runs on a freshly restarted Prosody of the
// suite's own and on the in-process mock, and must get the same verdict, the same failing step and the
// same number of passed steps, and the verdict the case names. Shared by the differential suites
// (tests/differential.test.ts, tests/mock-core.test.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/scansion/index';
import { createRunner } from '../../src/runner/index';
import type { RunResult } from '../../src/runner/events';
import type { Transport } from '../../src/runner/transport';
import { createInProcessTransport } from '../../src/mock/index';
import { startTestProsody, type TestProsody } from './prosody';

export interface DifferentialCase {
  file: string;
  verdict: 'pass' | 'fail';
  /** The failing step's line, for expected failures. */
  line?: number;
  needsCorpus?: boolean;
  /**
   * Lines where real Prosody may fail by a race or by Lua hash order the mock does not have; a Prosody
   * run failing there is retried (up to 3 runs), and one that fails there every time is inconclusive.
   */
  racyLines?: number[];
}

/** One script through the real parser and runner on `transport` (disposed afterwards). */
export async function runScriptFile(
  file: string,
  transport: Transport,
  nothingMs: number,
): Promise<RunResult> {
  const { script, diagnostics } = parse(readFileSync(file, 'utf8'));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  expect(errors, `${path.basename(file)} parses`).toEqual([]);
  const runner = createRunner({ script, transport, timeouts: { nothingMs } });
  try {
    return await runner.start();
  } finally {
    await transport.dispose?.();
  }
}

export interface DifferentialOptions {
  /** Names the suite's Prosody (its temporary directory) and each case's test. */
  prosodyName: string;
  name: (c: DifferentialCase) => string;
  haveCorpus: boolean;
  /** Also retry a Prosody run whose verdict is not the case's (timing under load), not only a racy line. */
  retryUnexpected?: boolean;
  timeoutMs: number;
}

/** The Prosody half of a differential suite: a describe of one test a case. */
export function describeMockVsProsody(
  title: string,
  cases: DifferentialCase[],
  opts: DifferentialOptions,
): void {
  describe(title, () => {
    let createNodeTransport: (url: string) => Transport;
    let prosody: TestProsody;
    beforeAll(async () => {
      ({ createNodeTransport } = await import('../../src/runner/transports/node'));
      prosody = await startTestProsody(opts.prosodyName);
    }, 60_000);
    afterAll(() => prosody?.stop(), 30_000);
    for (const c of cases) {
      it.skipIf(c.needsCorpus && !opts.haveCorpus)(
        opts.name(c),
        async (ctx) => {
          const racy = (r: RunResult) =>
            r.failure !== undefined && (c.racyLines ?? []).includes(r.failure.line);
          // The mock runs once: it is deterministic. Prosody's own randomness and timing under load make
          // single runs flaky; a real difference fails every time.
          const retry = (r: RunResult) => racy(r) || (!!opts.retryUnexpected && r.verdict !== c.verdict);
          let onProsody: RunResult;
          let attempts = 0;
          do {
            prosody.restart();
            onProsody = await runScriptFile(c.file, createNodeTransport(prosody.wsUrl), 500);
            attempts++;
          } while (attempts < 3 && retry(onProsody));
          if (racy(onProsody)) {
            // Inconclusive, not a pass: Prosody lost the race every time (see racyLines).
            console.warn(
              `${opts.name(c)}: Prosody failed at racy line ${onProsody.failure?.line}, ${attempts} times`,
            );
            ctx.skip();
            return;
          }
          const onMock = await runScriptFile(c.file, createInProcessTransport(), 500);
          const why = `mock: ${onMock.failure?.line ?? '-'} ${onMock.failure?.message ?? ''}; prosody: ${onProsody.failure?.line ?? '-'} ${onProsody.failure?.message ?? ''}`;
          expect(onMock.verdict, why).toBe(onProsody.verdict);
          expect(onMock.failure?.line).toBe(onProsody.failure?.line);
          expect(onMock.stepsPassed).toBe(onProsody.stepsPassed);
          expect(onProsody.verdict, onProsody.failure?.message).toBe(c.verdict);
        },
        opts.timeoutMs,
      );
    }
  });
}
