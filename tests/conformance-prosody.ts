// Kept for the suites and tools that import the harness from here: it lives in ./support/prosody.
export {
  cleanToolProsody,
  corpusDir,
  corpusPresent,
  listCorpus,
  needs,
  prosodyInstalled,
  repoRoot,
  startTestProsody,
} from './support/prosody';
export type { TestProsody } from './support/prosody';
