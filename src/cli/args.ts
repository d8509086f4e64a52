// Shared flag parsing for `scs` subcommands: a thin wrapper over node:util parseArgs that turns its
// exceptions into usage errors (exit 2 with a clear message, never a stack trace).
import { parseArgs } from 'node:util';

export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Allowed values of a string flag. */
  choices?: readonly string[];
  multiple?: boolean;
}

export type ParsedArgs =
  | { ok: true; positionals: string[]; values: Record<string, string | boolean | string[] | undefined> }
  | { ok: false; error: string };

export function parseFlags(args: string[], flags: Record<string, FlagSpec>): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(flags).map(([k, f]) => [
          k,
          { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    // parseArgs messages are long ("Unknown option '--x'. To specify a positional..."): keep the lead.
    const msg = String((e as Error)?.message ?? e).split('\n')[0];
    const cut = msg.indexOf('. ');
    return { ok: false, error: cut > 0 ? msg.slice(0, cut) : msg };
  }
  for (const [k, f] of Object.entries(flags)) {
    const v = parsed.values[k];
    if (f.choices && typeof v === 'string' && !f.choices.includes(v)) {
      return { ok: false, error: `--${k} must be one of ${f.choices.join(', ')} (got '${v}')` };
    }
  }
  return {
    ok: true,
    positionals: parsed.positionals,
    values: parsed.values as Record<string, string | boolean | string[] | undefined>,
  };
}
