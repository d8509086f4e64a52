// Paths the e2e specs need: the repository, Prosody's scansion corpus (read-only, outside the repo) and
// our own fixture scripts. Corpus-dependent specs skip with a clear message when the corpus is absent.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const corpusDir = path.resolve(repoRoot, '../shared/corpus');
export const corpus012 = path.join(corpusDir, 'prosody-0.12');
export const fixturesDir = path.join(repoRoot, 'e2e', 'fixtures');

export const CORPUS_MISSING = `Prosody's scansion corpus not found at ${corpus012} (read-only fixture outside the repo): skipped`;

export function corpusFile(name: string): string {
  return path.join(corpus012, name);
}

export function hasCorpusFile(name: string): boolean {
  return fs.existsSync(corpusFile(name));
}

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(fixturesDir, name), 'utf8');
}

/** The 0.12 MUC scripts checked through the page against `scs run --mock` (issue #7). */
export const MUC_012_SCRIPTS = [
  'muc_affiliation_notify.scs',
  'muc_create_destroy.scs',
  'muc_mediated_invite.scs',
  'muc_members_only_change.scs',
  'muc_members_only_deregister.scs',
  'muc_nickname_change.scs',
  'muc_nickname_robotface.scs',
  'muc_password.scs',
  'muc_presence_probe.scs',
  'muc_register.scs',
  'muc_show_offline.scs',
  'muc_subject_issue_667.scs',
  'muc_whois_anyone_member.scs',
  'issue505.scs',
  'issue978.scs',
  'issue978-multi.scs',
  'issue1224.scs',
];
