// An occupant: one nickname in a room, held by one bare JID through one or more sessions (Prosody
// muc/occupant.lib.lua). Each session keeps the last presence it sent (MUC namespaces filtered out,
// from = the occupant's room JID, to = the session), which is the template for broadcasts.
import type { Element } from 'ltx';
import { clone, NS_MUC, NS_MUC_USER, removeChildren } from './xml';
import { deepFreeze } from '../stanza';
import type { Role } from './roles';

export class Occupant {
  /** Real full JID -> that session's stored presence. Insertion-ordered. */
  sessions = new Map<string, Element>();
  role: Role | undefined;
  /** The primary session's real JID. */
  jid: string | undefined;
  /** XEP-0421 occupant id, cached once computed. */
  stableId: string | undefined;

  constructor(
    readonly bareJid: string,
    /** The in-room JID, room@service/nick. */
    public nick: string,
  ) {}

  copy(): Occupant {
    const o = new Occupant(this.bareJid, this.nick);
    for (const [jid, pr] of this.sessions) {
      if (pr.attrs.type !== 'unavailable' || jid === this.jid) o.sessions.set(jid, pr);
    }
    o.role = this.role;
    o.jid = this.jid;
    o.stableId = this.stableId;
    return o;
  }

  private chooseNewPrimary(): string | undefined {
    for (const [jid, pr] of this.sessions) if (pr.attrs.type === undefined) return jid;
    return undefined;
  }

  setSession(realJid: string, presence: Element, replacePrimary = false): void {
    const pr = clone(presence);
    removeChildren(pr, (c) => c.attrs.xmlns === NS_MUC || c.attrs.xmlns === NS_MUC_USER);
    pr.attrs.from = this.nick;
    pr.attrs.to = realJid;
    // A stored presence is replaced, never changed (readers clone it; the occupant list shares its
    // children, see sendOccupantList): frozen, so that a change would throw rather than go stale.
    this.sessions.set(realJid, deepFreeze(pr));
    if (replacePrimary) this.jid = realJid;
    else if (this.jid === undefined || (pr.attrs.type === 'unavailable' && this.jid === realJid)) {
      this.jid = this.chooseNewPrimary() ?? realJid;
    }
  }

  removeSession(realJid: string): void {
    this.sessions.delete(realJid);
    if (this.jid === realJid) this.jid = this.chooseNewPrimary();
  }

  presence(realJid?: string): Element | undefined {
    const key = realJid ?? this.jid;
    return key === undefined ? undefined : this.sessions.get(key);
  }
}
