// A room's state and the primitives every handler uses, following Prosody 0.12's muc.lib.lua:
// occupants (stored as copies: a handler's changes count only once saved), affiliations with their
// data (reserved nicknames), default roles, role/affiliation changes and their broadcasts.
import type { Element } from 'ltx';
import type { ComponentContext } from '../component';
import { Occupant } from './occupants';
import { defaultConfig, type RoomConfig } from './config';
import { affiliationRank, roleRank, type Affiliation, type Role } from './roles';
import { bare, domainOf } from './xml';
import { occupantId } from './occupant-id';
import type { HistoryEntry } from './history';

/** What a room needs from its service (mod_muc). */
export interface RoomHost {
  readonly domain: string;
  ctx: ComponentContext;
  /** Service admins are owners of every room (component_admins_as_room_owners). */
  isAdmin(jid: string): boolean;
  /** Seconds since the epoch (Prosody's frozen os.time in the corpus config). */
  now(): number;
  /** Fresh id for generated stanzas (util.id.medium). */
  newId(): string;
  /** The room became empty or was destroyed: forget it (MUC-LIFE-*). */
  roomDestroyed(room: Room, info?: { reason?: string; newJid?: string }): void;
}

export interface AffiliationData {
  reservedNickname?: string;
}

export type Failure = { ok: false; type: 'cancel' | 'modify' | 'auth' | 'wait'; condition: string };
export type Outcome = { ok: true } | Failure;
export const OK: Outcome = { ok: true };
export function fail(type: Failure['type'], condition: string): Failure {
  return { ok: false, type, condition };
}

/** The muc#user <x> of a presence broadcast: one template, or one per kind of recipient. */
export interface XSet {
  base: Element;
  self?: Element;
  full?: Element;
  anon?: Element;
}

export class Room {
  config: RoomConfig = defaultConfig();
  /** Locked until the owner configures it (MUC-CREATE-2); a timestamp in seconds. */
  lockedUntil: number | undefined;
  readonly occupants = new Map<string, Occupant>();
  /** Real full JID -> in-room JID. */
  readonly jidNick = new Map<string, string>();
  readonly affiliations = new Map<string, Affiliation>();
  readonly affiliationData = new Map<string, AffiliationData>();
  subjectFrom: string | undefined;
  subject: string | undefined;
  subjectTime: number | undefined;
  /** In-memory history (history.lib) and the muc_mam archive. */
  history: HistoryEntry[] = [];
  archive: HistoryEntry[] = [];
  archiveSeq = 0;
  destroying = false;
  readonly salt: string;

  constructor(
    readonly jid: string,
    readonly host: RoomHost,
  ) {
    this.salt = `${jid}#salt`;
  }

  /** Run a fan-out loop as a core broadcast (CORE-WIRE-2): no child of a sent element changes inside. */
  broadcast<T>(fn: () => T): T {
    const ctx = this.host.ctx;
    return ctx.broadcast ? ctx.broadcast(fn) : fn();
  }

  /** Route an element built for this one send, never touched again (CORE-WIRE-3: no copy needed). */
  give(stanza: Element): void {
    const ctx = this.host.ctx;
    if (ctx.give) ctx.give(stanza);
    else ctx.send(stanza);
  }

  route(stanza: Element): void {
    this.host.ctx.send(stanza);
  }

  // ---- occupants ----------------------------------------------------------------------------

  occupantJidOf(realJid: string): string | undefined {
    return this.jidNick.get(realJid);
  }

  occupantByNick(nick: string): Occupant | undefined {
    return this.occupants.get(nick)?.copy();
  }

  occupantByRealJid(realJid: string): Occupant | undefined {
    const nick = this.occupantJidOf(realJid);
    return nick === undefined ? undefined : this.occupantByNick(nick);
  }

  /** Copies of the occupants, in join order. */
  eachOccupant(): Occupant[] {
    return [...this.occupants.values()].map((o) => o.copy());
  }

  /**
   * The stored occupants themselves, for read-only loops (Prosody's each_occupant(read_only)): the
   * broadcasts, which must not copy every occupant for every stanza in a large room.
   */
  liveOccupants(): IterableIterator<Occupant> {
    return this.occupants.values();
  }

  hasOccupant(): boolean {
    return this.occupants.size > 0;
  }

  newOccupant(bareJid: string, nick: string): Occupant {
    const o = new Occupant(bareJid, nick);
    o.role = this.defaultRole(this.getAffiliation(bareJid));
    return o;
  }

  /** save_occupant: store a copy; an occupant with no available session (or no role) leaves. */
  saveOccupant(occupant: Occupant): Occupant | undefined {
    const o = occupant.copy();
    const id = o.nick;
    const old = this.occupants.get(id);
    if (old) for (const realJid of old.sessions.keys()) this.jidNick.delete(realJid);
    let live = false;
    if (o.role !== undefined) {
      for (const [realJid, pr] of o.sessions) {
        if (pr.attrs.type === undefined) {
          live = true;
          this.jidNick.set(realJid, o.nick);
        }
      }
      if (!live) o.role = undefined;
    }
    if (!live) {
      this.occupants.delete(id);
      return undefined;
    }
    this.occupants.set(id, o);
    return o.copy();
  }

  routeToOccupant(occupant: Occupant, stanza: Element): void {
    for (const realJid of occupant.sessions.keys()) {
      stanza.attrs.to = realJid;
      this.route(stanza);
    }
  }

  /** muc-occupant-left: an empty, non-persistent room is destroyed (MUC-LIFE-1). */
  occupantLeft(): void {
    if (this.destroying) return;
    if (!this.hasOccupant() && !this.config.persistent) this.host.roomDestroyed(this);
  }

  stableId(occupant: Occupant): string {
    return occupantId(occupant.bareJid, this.salt);
  }

  // ---- affiliations and roles ---------------------------------------------------------------

  getAffiliation(jid: string): Affiliation | undefined {
    if (this.host.isAdmin(jid)) return 'owner';
    const b = bare(jid).toLowerCase();
    const result = this.affiliations.get(b);
    if (!result && this.affiliations.get(domainOf(b)) === 'outcast') return 'outcast';
    return result;
  }

  /** muc-get-default-role: members-only (none), moderated (visitor), then by affiliation. */
  defaultRole(affiliation: Affiliation | undefined): Role | undefined {
    if (affiliation === undefined && this.config.membersOnly) return undefined;
    if (affiliation === undefined && this.config.moderated) return 'visitor';
    const rank = affiliationRank(affiliation);
    if (rank >= affiliationRank('admin')) return 'moderator';
    if (rank >= affiliationRank(undefined)) return 'participant';
    return undefined;
  }

  registeredNick(bareJid: string): string | undefined {
    return this.affiliationData.get(bareJid)?.reservedNickname;
  }

  registeredJid(nick: string): string | undefined {
    for (const [jid, data] of this.affiliationData) if (data.reservedNickname === nick) return jid;
    return undefined;
  }

  whoisAnyone(): boolean {
    return this.config.whois === 'anyone';
  }

  canSeeRealJids(occupant: Occupant): boolean {
    if (this.config.whois === 'anyone') return true;
    return roleRank(occupant.role) >= roleRank('moderator');
  }

  isAnonymousFor(jid: string): boolean {
    if (this.config.whois === 'anyone') return false;
    const aff = this.getAffiliation(jid);
    if (aff === 'admin' || aff === 'owner') return false;
    const occupant = this.occupantByRealJid(jid);
    return !(occupant && this.canSeeRealJids(occupant));
  }
}
