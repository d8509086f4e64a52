// Import of a recording by Prosody's mod_scansion_record (a header of `[Client]` blocks with the bound
// full JIDs, then the log in the server's global order). As written it rarely replays: clients'
// stanzas interleave, and under the runner's burst rule a client's stanzas from one burst must be read
// by its directly following `receives:` steps. We read it as a transcript (connects with the recorded
// full JIDs, sends, receives) and write it again through the recorder (record.ts), which regroups the
// receives per client between actions and generalises JIDs, ids and stamps.
import { parse } from './parser';
import { serialize } from './serialize';
import type { Diagnostic } from './types';
import type { Transcript, TranscriptEntry } from './transcript';
import { recordScript, type RecordOptions, type RecordResult } from './record';

export interface ImportResult extends RecordResult {
  /** Errors that stopped the import (the recording is not a readable script). */
  errors: Diagnostic[];
}

/** Recognises a recording by the header line the module writes. */
export function isScansionRecording(text: string): boolean {
  return /^# mod_scansion_record on host '/.test(text.trimStart());
}

function bare(jid: string): string {
  const i = jid.indexOf('/');
  return i === -1 ? jid : jid.slice(0, i);
}

/** The recording as a transcript; clients declared by bare JID (the server chooses resources on replay). */
export function recordingToTranscript(text: string): { transcript: Transcript; errors: Diagnostic[] } {
  const { script, diagnostics } = parse(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const started = /^# mod_scansion_record on host '([^']*)' recording started (\S+)/.exec(text.trimStart());
  const title = started
    ? `Imported from mod_scansion_record (host ${started[1]}, ${started[2]})`
    : 'Imported recording';
  const recorded = new Map(script.clients.map((c) => [c.name, c.jid ?? '']));
  const entries: TranscriptEntry[] = [];
  for (const step of script.steps) {
    switch (step.action) {
      case 'connects':
        entries.push({ kind: 'connect', client: step.client, fullJid: recorded.get(step.client) ?? '' });
        break;
      case 'disconnects':
        entries.push({ kind: 'disconnect', client: step.client });
        break;
      case 'receives-nothing':
        entries.push({ kind: 'quiet', client: step.client });
        break;
      case 'sends':
        entries.push({ kind: 'send', client: step.client, xml: step.xml });
        break;
      case 'receives':
        for (const stanza of step.stanzas) {
          entries.push({ kind: 'receive', client: step.client, xml: serialize(stanza), burst: step.index });
        }
        break;
    }
  }
  const clients = script.clients.map((c) => ({
    name: c.name,
    jid: bare(c.jid ?? ''),
    password: c.password ?? 'password',
  }));
  return { transcript: { title, clients, entries }, errors };
}

export function importScansionRecording(text: string, options: RecordOptions = {}): ImportResult {
  const { transcript, errors } = recordingToTranscript(text);
  if (errors.length) return { text: '', warnings: [], errors };
  return { ...recordScript(transcript, options), errors };
}
