// The `scs run` reporters by name.
import { jsonReporter } from './json';
import { junitReporter } from './junit';
import { prettyReporter } from './pretty';
import { tapReporter } from './tap';
import type { Reporter } from './types';

export const REPORTERS: Record<'pretty' | 'json' | 'tap' | 'junit', Reporter> = {
  pretty: prettyReporter,
  json: jsonReporter,
  tap: tapReporter,
  junit: junitReporter,
};

export type ReporterName = keyof typeof REPORTERS;
export type { Reporter, ScriptEntry } from './types';
