// A live session: several clients connected to one target (the mock or a real server), stanzas typed by
// the user sent as those clients, everything they see logged for the console, and a transcript the
// recorder (src/scansion/record.ts) turns into a script. No React, no DOM: the page's live service and
// Node tools (fixture capture) both drive it.
import type { Element } from 'ltx';
import { parseXml, serialize } from '../scansion';
import type { Transcript, TranscriptClient, TranscriptEntry } from '../scansion/transcript';
import type { Session, Transport } from '../runner/transport';
import { maskCredentials } from './liveMask';

export type LiveEntryKind = 'in' | 'out' | 'stream' | 'error' | 'note';

export interface LiveEntry {
  id: number;
  at: number;
  client: string;
  kind: LiveEntryKind;
  text: string;
  /** Raw stream traffic (authentication, binding), not a stanza of the session. */
  raw?: boolean;
  /** Sent from the console into a paused run, or the reply to it. */
  adHoc?: boolean;
  /** A stanza that went to the run's client while the user was typing into it (see the console). */
  toScript?: boolean;
}

export interface LiveClientDecl extends TranscriptClient {
  resource?: string;
}

export class LiveError extends Error {
  constructor(
    message: string,
    /** 1-based position in the typed text, for XML errors. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'LiveError';
  }
}

export interface LiveSession {
  connect(decl: LiveClientDecl): Promise<string>;
  send(client: string, xml: string): Promise<void>;
  disconnect(client: string): Promise<void>;
  markQuiet(client: string): void;
  comment(text: string): void;
  connected(): string[];
  transcript(title?: string): Transcript;
  /** Resolves once the target has nothing left to deliver (the mock), or after `ms` (a real server). */
  idle(ms?: number): Promise<void>;
  dispose(): Promise<void>;
}

export interface LiveSessionOptions {
  transport: Transport;
  onEntry?: (entry: LiveEntry) => void;
  now?: () => number;
}

/** Parses the user's typed stanza: exactly one element, or a located LiveError. */
export function parseTyped(xml: string): Element {
  const { elements, diagnostics } = parseXml(xml);
  const err = diagnostics.find((d) => d.severity === 'error');
  if (err) throw new LiveError(`${err.line}:${err.column}: ${err.message}`, err.line, err.column);
  if (elements.length === 0) throw new LiveError('nothing to send: type one stanza');
  if (elements.length > 1) throw new LiveError(`type one stanza at a time (got ${elements.length})`);
  return elements[0];
}

export function createLiveSession(options: LiveSessionOptions): LiveSession {
  const { transport } = options;
  const now = options.now ?? (() => Date.now());
  const sessions = new Map<string, Session>();
  const declared = new Map<string, LiveClientDecl>();
  const entries: TranscriptEntry[] = [];
  let seq = 0;
  let burst = 0;

  const log = (client: string, kind: LiveEntryKind, text: string, extra: Partial<LiveEntry> = {}) => {
    seq += 1;
    options.onEntry?.({ id: seq, at: now(), client, kind, text, ...extra });
  };

  async function connect(decl: LiveClientDecl): Promise<string> {
    if (!/^[^@/\s]+@[^@/\s]+(\/.+)?$/.test(decl.jid))
      throw new LiveError(`"${decl.jid}" is not a JID like user@host`);
    if (!decl.name.trim()) throw new LiveError('a client needs a name');
    if (sessions.has(decl.name)) throw new LiveError(`${decl.name} is already connected`);
    declared.set(decl.name, decl);
    log(decl.name, 'stream', `connecting as ${decl.jid} to ${transport.label}`);
    burst += 1;
    const session = await transport
      .connect({
        jid: decl.jid,
        password: decl.password,
        resource: decl.resource,
        clientName: decl.name,
        onTraffic: (direction: 'in' | 'out', text: string) =>
          log(decl.name, direction, maskCredentials(text), { raw: true }),
      })
      .catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        log(decl.name, 'error', message);
        throw new LiveError(message);
      });
    sessions.set(decl.name, session);
    entries.push({ kind: 'connect', client: decl.name, fullJid: session.jid });
    log(decl.name, 'stream', `online as ${session.jid}`);
    session.onStanza((stanza) => {
      const xml = serialize(stanza);
      entries.push({ kind: 'receive', client: decl.name, xml, burst });
      log(decl.name, 'in', xml);
    });
    session.onClose((reason) => {
      if (sessions.get(decl.name) !== session) return;
      sessions.delete(decl.name);
      const why =
        reason.kind === 'requested'
          ? 'closed'
          : reason.kind === 'stream-error'
            ? `stream error <${reason.condition}/>`
            : reason.message;
      log(decl.name, reason.kind === 'requested' ? 'stream' : 'error', why);
      if (reason.kind !== 'requested') entries.push({ kind: 'disconnect', client: decl.name });
    });
    return session.jid;
  }

  function sessionOf(client: string): Session {
    const s = sessions.get(client);
    if (!s) throw new LiveError(`${client} is not connected`);
    return s;
  }

  async function send(client: string, xml: string): Promise<void> {
    const session = sessionOf(client);
    const stanza = parseTyped(xml);
    burst += 1;
    entries.push({ kind: 'send', client, xml: xml.trim() });
    log(client, 'out', serialize(stanza));
    await session.send(stanza);
  }

  async function disconnect(client: string): Promise<void> {
    const session = sessionOf(client);
    sessions.delete(client);
    burst += 1;
    entries.push({ kind: 'disconnect', client });
    log(client, 'stream', 'disconnecting');
    await session.close();
    log(client, 'stream', 'closed');
  }

  return {
    connect,
    send,
    disconnect,
    markQuiet(client) {
      if (!declared.has(client)) throw new LiveError(`${client} is not a client of this session`);
      entries.push({ kind: 'quiet', client });
      log(client, 'note', 'quiet point: receives nothing here');
    },
    comment(text) {
      entries.push({ kind: 'comment', text });
    },
    connected: () => [...sessions.keys()],
    transcript: (title) => ({
      title,
      clients: [...declared.values()].map(({ name, jid, password }) => ({ name, jid, password })),
      entries: entries.map((e) => ({ ...e })),
    }),
    async idle(ms = 300) {
      if (transport.settled) await transport.settled();
      else await new Promise((r) => setTimeout(r, ms));
    },
    async dispose() {
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.all(open.map((s) => s.close()));
      await transport.dispose?.();
    },
  };
}
