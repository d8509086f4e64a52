// Kept for the suites and tools that import the harness from here: it lives in ./support/prosody.
export {
  corpusDir,
  corpusPresent,
  listCorpus,
  needs,
  prosodyInstalled,
  repoRoot,
  startTestProsody,
  testProsody,
} from './support/prosody';
export type { FixedProsody, TestProsody } from './support/prosody';
