// The door between the mock server core (sessions, routing) and its services (the MUC at
// conference.localhost). A component receives every stanza addressed to its domain (or a JID on it)
// and answers through `send`, which the core routes to local sessions.
import type { Element } from 'ltx';

export interface ComponentContext {
  /** Route a stanza from the component to its `to` (a local user's bare or full JID). */
  send(stanza: Element): void;
  /** The full JIDs of a local user's online sessions (for presence probes, etc.). */
  sessionsOf(bareJid: string): string[];
  /** Fresh id for generated stanzas (deterministic in tests). */
  nextId(): string;
}

export interface Component {
  /** e.g. 'conference.localhost' */
  readonly domain: string;
  /** A stanza whose `to` is this domain or a JID on it; `from` is set by the core to the sender's full JID. */
  handle(stanza: Element, ctx: ComponentContext): void;
  /** A local session went offline (the core sends the unavailable presence to the component too). */
  reset?(): void;
}
