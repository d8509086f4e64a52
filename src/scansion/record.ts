// The recorder: a live session's transcript (per client: connects, sends as typed, received stanzas,
// quiet points) written as a `.scs` script that replays.
//
// Received stanzas are written as a scansion author would, through the one generaliser
// (generalise.ts): clients' JIDs as variables, server-chosen ids and stamps as {scansion:any},
// decorations dropped where the user chooses.
//
// Order. The runner reads a client's stanzas in bursts (src/runner/runner.ts, "Bursts"): whatever a
// client received in one burst is kept only for that client's directly following `receives:` and is
// dropped before any other step. A transcript in arrival order interleaves clients (Romeo's presence,
// Juliet's copy, Romeo's subject, ...), and read in that order Romeo's subject would be dropped. So every
// stanza a client received between two actions (connect, send, disconnect, quiet point) is written as
// that client's consecutive `receives:` steps, clients in the order their first stanza arrived, before
// the next action. Within a client the arrival order is kept.
import type { Transcript, TranscriptEntry } from './transcript';
import { parseXml } from './xml';
import { jidVariable } from './variables';
import { generaliseStanza } from './generalise';

export interface RecordOptions {
  /** Elements an author would not assert on, dropped from received stanzas (e.g. 'delay', 'stanza-id'). */
  dropDecorations?: string[];
  /** Script title (first comment line). */
  title?: string;
}

export interface RecordResult {
  text: string;
  /** Things the recorder could not write as recorded (each also left as a comment in the script). */
  warnings: string[];
}

const TAB = '\t';

/** Re-indents a block (common leading whitespace removed) one tab deep, as scansion scripts are written. */
export function indentBlock(xml: string): string {
  const lines = xml.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const widths = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = widths.length ? Math.min(...widths) : 0;
  return lines.map((l) => (l.trim() ? TAB + l.slice(cut).replace(/\s+$/, '') : '')).join('\n');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A typed stanza as the user wrote it, only each client's bound full JID (server-chosen) as its variable. */
function writeSend(xml: string, fullJids: Map<string, string>): string {
  const pairs = [...fullJids]
    .filter(([, full]) => full.includes('/'))
    .map(
      ([name, full]) =>
        [new RegExp(escapeRegExp(full), 'g'), '${' + jidVariable(name, 'full JID') + '}'] as const,
    );
  const replaceAll = (s: string) => pairs.reduce((acc, [re, v]) => acc.replace(re, () => v), s);
  // A variable holds an apostrophe ("Romeo's"): a single-quoted value that gets one is re-quoted.
  const requoted = xml.replace(/=(\s*)'([^']*)'/g, (m, space: string, value: string) => {
    const replaced = replaceAll(value);
    return replaced === value ? m : `=${space}"${replaced.replace(/"/g, '&quot;')}"`;
  });
  return indentBlock(replaceAll(requoted));
}

function header(t: Transcript, title: string | undefined): string[] {
  const out: string[] = [];
  if (title) out.push(`# ${title.replace(/\n/g, ' ')}`, '');
  for (const c of t.clients) {
    out.push(`[Client] ${c.name}`, `${TAB}jid: ${c.jid}`, `${TAB}password: ${c.password}`, '');
  }
  out.push('-----', '');
  return out;
}

export function recordScript(t: Transcript, options: RecordOptions = {}): RecordResult {
  const warnings: string[] = [];
  const lines = header(t, options.title ?? t.title);
  const fullJids = new Map<string, string>();
  const known = new Set(t.clients.map((c) => c.name));
  const pending = new Map<string, string[]>();
  const clientIds = new Set<string>();

  const step = (text: string) => lines.push(text, '');
  const generaliseFor = (client: string, xml: string): string | undefined => {
    const { elements, diagnostics } = parseXml(xml);
    if (elements.length !== 1 || diagnostics.some((d) => d.severity === 'error')) return undefined;
    return generaliseStanza(elements[0], {
      clients: [...fullJids].map(([name, fullJid]) => ({ name, fullJid })),
      recipient: client,
      dropDecorations: options.dropDecorations,
      indent: TAB,
      baseIndent: TAB,
      clientIds,
    });
  };
  const flush = () => {
    for (const [client, stanzas] of pending) {
      for (const xml of stanzas) step(`${client} receives:\n${xml}`);
    }
    pending.clear();
  };

  for (const [i, e] of t.entries.entries()) {
    if (e.kind === 'comment') {
      flush();
      lines.push(...e.text.split('\n').map((l) => `# ${l}`), '');
      continue;
    }
    if (!known.has(e.client)) {
      const w = `entry ${i + 1} (${e.kind}): ${e.client} is not a declared client; left out`;
      warnings.push(w);
      continue;
    }
    if (e.kind === 'receive') {
      const written = generaliseFor(e.client, e.xml);
      if (written === undefined) {
        warnings.push(`entry ${i + 1}: a stanza ${e.client} received is not well-formed XML; left out`);
        continue;
      }
      const list = pending.get(e.client) ?? [];
      list.push(written);
      pending.set(e.client, list);
      continue;
    }
    flush();
    if (e.kind === 'send') {
      for (const el of parseXml(e.xml).elements) if (el.attrs.id) clientIds.add(String(el.attrs.id));
    }
    writeAction(e, step, fullJids);
  }
  flush();
  for (const w of warnings) lines.push(`# recorder: ${w}`);
  return { text: lines.join('\n').replace(/\n+$/, '\n'), warnings };
}

function writeAction(
  e: Exclude<TranscriptEntry, { kind: 'receive' } | { kind: 'comment' }>,
  step: (text: string) => void,
  fullJids: Map<string, string>,
): void {
  switch (e.kind) {
    case 'connect':
      fullJids.set(e.client, e.fullJid);
      step(`${e.client} connects`);
      return;
    case 'disconnect':
      step(`${e.client} disconnects`);
      return;
    case 'quiet':
      step(`${e.client} receives: nothing`);
      return;
    case 'send':
      step(`${e.client} sends:\n${writeSend(e.xml, fullJids)}`);
      return;
  }
}
