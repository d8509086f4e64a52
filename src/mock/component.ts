// The door between the mock server core (sessions, routing) and its services (the MUC at
// conference.localhost). A component receives every stanza addressed to its domain (or a JID on it)
// and answers through `send`, which the core routes to local sessions.
import type { Element } from 'ltx';
import type { RoomSnapshot } from './inspect';

export interface ComponentContext {
  /** Route a stanza from the component to its `to` (a local user's bare or full JID). */
  send(stanza: Element): void;
  /** The full JIDs of a local user's online sessions (for presence probes, etc.). */
  sessionsOf(bareJid: string): string[];
  /** Fresh id for generated stanzas (deterministic in tests). */
  nextId(): string;
  /**
   * Run `fn`, a broadcast: while it runs, the component promises not to change the children of any
   * element it sends (it may change their attributes, e.g. `to`, between sends). Every recipient of the
   * same element then shares one frozen copy of its children instead of getting a deep copy each
   * (CORE-WIRE-2): fan-out to N occupants costs N top-level elements, not N trees. Optional: a context
   * without it needs no batching.
   */
  broadcast?<T>(fn: () => T): T;
  /**
   * Send a stanza the component built for this one send and will never touch again: the core may hand
   * that very element to its recipient instead of a deep copy (CORE-WIRE-3). Optional; `send` otherwise.
   */
  give?(stanza: Element): void;
}

export interface Component {
  /** e.g. 'conference.localhost' */
  readonly domain: string;
  /** A stanza whose `to` is this domain or a JID on it; `from` is set by the core to the sender's full JID. */
  handle(stanza: Element, ctx: ComponentContext): void;
  /** Forget all state (the server was reset). */
  reset?(): void;
  /** Its rooms' state, for the inspector (INSPECT-1): plain JSON, never live objects. */
  inspect?(): RoomSnapshot[];
}
