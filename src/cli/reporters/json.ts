// `--reporter json`: exactly the document buildJsonReport makes (the page exposes the same shape as
// window.scansionResult), and nothing else on stdout.
import { buildJsonReport } from '../../runner/index';
import type { Reporter } from './types';

export const jsonReporter: Reporter = {
  start: () => '',
  script: () => '',
  finish: (entries, durationMs) => JSON.stringify(buildJsonReport(entries, { durationMs }), null, 2) + '\n',
};
