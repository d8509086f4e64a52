// The mock core end to end: scansion scripts through the real parser and runner on the in-process
// mock transport, and — where Prosody is installed — the same scripts on real Prosody 0.12, asserting the
// same verdict and the same failing step (the mock must give Prosody's verdict).
//
// Scripts: basic.scs, basic_message.scs and the issue* MUC scripts from ../shared/corpus/prosody-0.12
// (skipped when absent), and our own under tests/fixtures/mock-core (written for the CORE-* rules, each
// checked on Prosody first, including deliberately wrong variants that must fail on both).
//
// basic_message.scs passes on both with the runner's scansion-compatible ordering gap between two
// clients' sends; without it Prosody may read Juliet's phone's presence before Romeo's message (line 78,
// see racyLines).
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInProcessTransport } from '../src/mock/index';
import { needs } from './support/prosody';
import {
  describeMockVsProsody,
  runScriptFile as run,
  type DifferentialCase as Case,
} from './support/differential';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '../shared/corpus/prosody-0.12');
const fixtures = path.join(repoRoot, 'tests/fixtures/mock-core');

const cases: Case[] = [
  { file: path.join(corpus, 'basic.scs'), verdict: 'pass', needsCorpus: true },
  // Line 78 on Prosody: Juliet's phone sends presence right after Romeo's bare-JID message; if Prosody
  // reads the phone's presence before Romeo's message, the message arrives live, without <delay>.
  {
    file: path.join(corpus, 'basic_message.scs'),
    verdict: 'pass',
    needsCorpus: true,
    racyLines: [78],
  },
  // MUC scripts of the acceptance list that lean on the core: directed presence to the room, presence
  // errors reaching the component (issue978), the MUC's messages to bare and full JIDs.
  { file: path.join(corpus, 'issue505.scs'), verdict: 'pass', needsCorpus: true },
  { file: path.join(corpus, 'issue978.scs'), verdict: 'pass', needsCorpus: true },
  { file: path.join(corpus, 'issue978-multi.scs'), verdict: 'pass', needsCorpus: true },
  { file: path.join(corpus, 'issue1224.scs'), verdict: 'pass', needsCorpus: true },
  { file: path.join(corpus, 'basic_roster.scs'), verdict: 'pass', needsCorpus: true },
  { file: path.join(corpus, 'keep_full_sub_req.scs'), verdict: 'pass', needsCorpus: true },
  { file: path.join(fixtures, 'presence-resources.scs'), verdict: 'pass' },
  { file: path.join(fixtures, 'offline-messages.scs'), verdict: 'pass' },
  { file: path.join(fixtures, 'server-iq.scs'), verdict: 'pass' },
  { file: path.join(fixtures, 'iq-between-clients.scs'), verdict: 'pass' },
  { file: path.join(fixtures, 'offline-messages-wrong-stamp.scs'), verdict: 'fail', line: 30 },
  { file: path.join(fixtures, 'presence-wrong-echo.scs'), verdict: 'fail', line: 16 },
];

const haveCorpus = needs('mock-core (the corpus scripts)', { corpus: ['prosody-0.12'] });

const name = (c: Case) => path.relative(repoRoot, c.file);

describe('mock core: scripts through the runner on the in-process mock', () => {
  for (const c of cases) {
    it.skipIf(c.needsCorpus && !haveCorpus)(
      `${name(c)}: ${c.verdict}${c.line ? ` at line ${c.line}` : ''}`,
      async () => {
        // nothingMs of a minute: a `receives: nothing` that waited for the wall clock would time the test
        // out; on the mock it is decided by settled() (CORE-Q-1).
        const t0 = performance.now();
        const result = await run(c.file, createInProcessTransport(), 60_000);
        expect(result.verdict, result.failure?.message).toBe(c.verdict);
        expect(result.failure?.line).toBe(c.line);
        expect(performance.now() - t0).toBeLessThan(5_000);
      },
    );
  }
});

const haveProsody = needs('mock-core (the differential half)', { prosody: true });

if (haveProsody)
  describeMockVsProsody('mock core vs Prosody 0.12: same verdict, same failing step', cases, {
    prosodyName: 'mock-core',
    name,
    haveCorpus,
    timeoutMs: 30_000,
  });
