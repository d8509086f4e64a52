// Prosody's scansion corpus (read-only fixture in ../shared/corpus): every script parses with zero
// errors, and two are asserted in full. Skips with a message when the corpus is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locOf, parse, serialize } from './index';
import type { XmlStep } from './index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpusDir = path.resolve(repoRoot, '../shared/corpus');
const haveCorpus = existsSync(corpusDir);
if (!haveCorpus) console.warn(`corpus tests skipped: ${corpusDir} is absent`);

function corpusFiles(): string[] {
  if (!haveCorpus) return [];
  const out: string[] = [];
  for (const branch of ['prosody-0.12', 'prosody-trunk']) {
    const dir = path.join(corpusDir, branch);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.scs')) out.push(path.join(dir, f));
  }
  return out;
}

describe.skipIf(!haveCorpus)('corpus', () => {
  const files = corpusFiles();

  it('holds the 97 scripts of both branches', () => {
    expect(files.length).toBe(97);
  });

  it.each(files.map((f) => [path.relative(corpusDir, f), f]))('%s parses with zero errors', (_rel, file) => {
    const text = readFileSync(file, 'utf8');
    const { script, diagnostics } = parse(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(script.steps.length).toBeGreaterThan(0);
    // Only server_contact_info.scs has a multi-stanza block; trunk's muc_outcast_reason.scs sends
    // after its client disconnected. Nothing else warns.
    const warnings = diagnostics.filter((d) => d.severity === 'warning').map((w) => [w.code, w.line]);
    const rel = path.relative(corpusDir, file);
    if (path.basename(file) === 'server_contact_info.scs')
      expect(warnings).toEqual([['multiple-stanzas', 58]]);
    else if (rel === 'prosody-trunk/muc_outcast_reason.scs')
      expect(warnings).toEqual([['not-connected', 70]]);
    else expect(warnings).toEqual([]);
    const lines = text.split('\n');
    for (const step of script.steps) {
      if (step.action !== 'sends' && step.action !== 'receives') continue;
      expect(step.stanzas.length).toBeGreaterThan(0);
      for (const el of step.stanzas) {
        // The element's source range starts at its '<name' in the file.
        const loc = locOf(el)!;
        expect(lines[loc.range.line - 1].slice(loc.range.column - 1)).toMatch(new RegExp(`^<${el.name}\\b`));
        expect(
          lines[loc.nameRange.line - 1].slice(loc.nameRange.column - 1, loc.nameRange.endColumn - 1),
        ).toBe(el.name);
      }
    }
  });

  it('muc_password.scs: clients and the full step sequence', () => {
    const file = path.join(corpusDir, 'prosody-0.12/muc_password.scs');
    const { script, diagnostics } = parse(readFileSync(file, 'utf8'));
    expect(diagnostics).toEqual([]);
    expect(script.metadata.title).toBe('MUC: Password-protected rooms');
    expect(script.clients.map((c) => [c.name, c.className, c.jid, c.password])).toEqual([
      ['Romeo', 'Client', 'user@localhost', 'password'],
      ['Juliet', 'Client', 'user2@localhost', 'password'],
    ]);
    expect(script.clients[0].nameRange).toEqual({ line: 3, column: 10, endLine: 3, endColumn: 15 });
    expect(script.separator).toEqual({ line: 11, column: 1, endLine: 11, endColumn: 6 });
    expect(script.steps.map((s) => `${s.client} ${s.action}`)).toEqual([
      'Romeo connects',
      'Romeo sends',
      'Romeo receives',
      'Romeo receives',
      'Romeo sends',
      'Romeo receives',
      'Juliet connects',
      'Juliet sends',
      'Juliet receives',
      'Juliet sends',
      'Juliet receives',
      'Juliet receives',
      'Juliet receives',
      'Romeo receives',
      'Juliet sends',
      'Romeo receives',
      'Juliet receives',
      'Romeo sends',
      'Romeo receives',
      'Romeo receives',
      'Juliet sends',
      'Juliet receives',
      'Juliet receives',
      'Juliet receives',
      'Romeo receives',
    ]);
    const first = script.steps[1] as XmlStep;
    expect(first.headerRange).toEqual({ line: 15, column: 1, endLine: 15, endColumn: 13 });
    expect(first.xmlRange).toEqual({ line: 16, column: 2, endLine: 18, endColumn: 13 });
    expect(first.xml).toBe(
      '<presence to="room@conference.localhost/Romeo">\n\t<x xmlns="http://jabber.org/protocol/muc"/>\n</presence>',
    );
    expect(serialize(first.stanzas[0])).toBe(
      '<presence to="room@conference.localhost/Romeo"><x xmlns="http://jabber.org/protocol/muc"/></presence>',
    );
    const join = script.steps[2] as XmlStep;
    const item = join.stanzas[0].getChild('x')!.getChildren('item')[0];
    expect(item.attrs).toEqual({ jid: "${Romeo's full JID}", affiliation: 'owner', role: 'moderator' });
    expect(locOf(item)!.attrs.role).toEqual({ line: 24, column: 56, endLine: 24, endColumn: 72 });
    expect(script.steps[4].section).toBe('Submit config form');
    expect(script.steps[24].section).toBe('Room topic');
  });

  it('server_contact_info.scs: the two-stanza sends block', () => {
    const file = path.join(corpusDir, 'prosody-0.12/server_contact_info.scs');
    const { script } = parse(readFileSync(file, 'utf8'));
    expect(script.metadata).toEqual({
      title: 'XEP-0157: Contact Addresses for XMPP Services',
      description: ['mod_server_contact_info'],
      tags: [],
    });
    expect(script.clients.map((c) => c.name)).toEqual(['Romeo']);
    expect(script.steps.map((s) => `${s.client} ${s.action}`)).toEqual([
      'Romeo connects',
      'Romeo sends',
      'Romeo receives',
      'Romeo sends',
      'Romeo disconnects',
    ]);
    // Both stanzas sit in one sends: block (the second, a disco#info result, is indented after a blank
    // line); scansion accepts it, we parse it as a sequence with a warning.
    const multi = script.steps[3] as XmlStep;
    expect(multi.stanzas.map((s) => `${s.name}#${s.attrs.id}:${s.attrs.type}`)).toEqual([
      'iq#lx2:get',
      'iq#lx2:result',
    ]);
    expect(locOf(multi.stanzas[1])!.range.line).toBe(62);
    const form = (script.steps[2] as XmlStep).stanzas[0].getChild('query')!.getChild('x')!;
    expect(form.getChildren('field').length).toBe(8);
    expect(form.getChildren('field')[0].getChildText('value')).toBe('http://jabber.org/network/serverinfo');
  });
});
