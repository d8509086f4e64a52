// A report, not a test: Prosody's trunk scansion corpus run by our runner against Debian's Prosody 0.12
// (trunk scripts may expect newer behaviour). Prints one line per script and, for those that do not pass,
// the failing step and the known reason. `npx tsx tests/conformance-trunk.ts [--json]`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from '../src/scansion';
import { createRunner, type RunResult } from '../src/runner';
import { createNodeTransport } from '../src/runner/transports/node';
import { corpusPresent, listCorpus, prosodyInstalled, startTestProsody } from './support/prosody';

/** Why a trunk script cannot pass on 0.12.3, where we know (checked against what Prosody sent). */
export const TRUNK_REASONS: Record<string, string> = {
  'bookmarks2.scs':
    "trunk's PEP leaves out the item publisher by default (pubsub#itemreply, default none); 0.12 sends <item publisher=...> in notifications",
  'pep_nickname.scs': 'same: 0.12 sends <item publisher="romeo@localhost">, trunk expects no publisher',
  'pep_publish_subscribe.scs': 'same: 0.12 sends the item publisher in PEP notifications, trunk expects none',
  'pubsub_config.scs':
    'trunk node config forms add pubsub#roster_groups_allowed and pubsub#itemreply fields that 0.12 does not have',
  'pubsub_max_items.scs':
    'same: the config form lacks the trunk-only pubsub#roster_groups_allowed / itemreply fields',
  'pubsub_multi_items.scs': 'same: the config form lacks the trunk-only fields',
  'pubsub_preconditions.scs': 'same: the config form lacks the trunk-only fields',
  'muc_outcast_reason.scs':
    'trunk keeps the reason given when banning (<item affiliation="outcast"><reason>); 0.12 returns the outcast list without it',
  'disco_self.scs':
    "as in the 0.12 corpus: Debian's 0.12.3 mod_disco does not list disco#info/#items on the account's bare JID",
};

export async function trunkReport(): Promise<Array<{ file: string; result: RunResult; reason?: string }>> {
  const prosody = await startTestProsody('trunk-report');
  const out: Array<{ file: string; result: RunResult; reason?: string }> = [];
  try {
    for (const full of listCorpus('prosody-trunk')) {
      const file = path.basename(full);
      prosody.restart();
      const { script } = parse(readFileSync(full, 'utf8'));
      const transport = createNodeTransport(prosody.wsUrl);
      const result = await createRunner({ script, transport }).start();
      await transport.dispose?.();
      out.push({ file, result, ...(result.verdict !== 'pass' ? { reason: TRUNK_REASONS[file] } : {}) });
    }
  } finally {
    prosody.stop();
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  if (!prosodyInstalled() || !corpusPresent('prosody-trunk')) {
    console.error('needs prosody and ../shared/corpus/prosody-trunk');
    process.exit(2);
  }
  const rows = await trunkReport();
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else {
    for (const { file, result, reason } of rows) {
      const f = result.failure;
      console.log(
        `${result.verdict.toUpperCase().padEnd(5)} ${file}` +
          (f
            ? `\n      line ${f.line} (${f.stepText}): ${f.message.slice(0, 160)}\n      reason: ${reason ?? 'UNKNOWN'}`
            : ''),
      );
    }
    const bad = rows.filter((r) => r.result.verdict !== 'pass');
    console.log(`\n${rows.length} trunk scripts: ${rows.length - bad.length} pass, ${bad.length} do not`);
  }
}
