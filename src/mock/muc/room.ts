// A room's state and the primitives every handler uses, following Prosody 0.12's muc.lib.lua:
// occupants (stored as copies: a handler's changes count only once saved), affiliations with their
// data (reserved nicknames), default roles, role/affiliation changes and their broadcasts.
import type { Element } from 'ltx';
import type { ComponentContext } from '../component';
import { Occupant } from './occupants';
import { defaultConfig, historyLength, type RoomConfig } from './config';
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

/** The room's subject (MUC-SUBJ-*): its text (undefined: none), who set it, when (seconds). */
export interface Subject {
  text: string | undefined;
  from: string | undefined;
  time: number | undefined;
}

/**
 * A room's state behind its invariants: occupants stored as copies and indexed by nick and real JID,
 * affiliations with their data, the configuration, the lock, the subject, history and archive. Handlers
 * read through getters (read-only views) and change state only through methods.
 */
export class Room {
  private readonly conf: RoomConfig = defaultConfig();
  /** Locked until the owner configures it (MUC-CREATE-2); a timestamp in seconds. */
  private locked: number | undefined;
  private readonly occupants = new Map<string, Occupant>();
  /** Real full JID -> in-room JID. */
  private readonly jidNick = new Map<string, string>();
  private readonly affs = new Map<string, Affiliation>();
  private readonly affData = new Map<string, AffiliationData>();
  private subj: Subject = { text: undefined, from: undefined, time: undefined };
  /** In-memory history (history.lib) and the muc_mam archive. */
  private hist: HistoryEntry[] = [];
  private readonly arch: HistoryEntry[] = [];
  private archiveSeq = 0;
  private destroying = false;
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

  // ---- configuration and lock ------------------------------------------------------------

  get config(): Readonly<RoomConfig> {
    return this.conf;
  }

  /** Change configuration fields now, in order (Prosody's room:set_* setters). */
  configure(changes: Partial<RoomConfig>): void {
    Object.assign(this.conf, changes);
  }

  /** The lock's end (seconds), if locked (MUC-CREATE-2); an expired lock is reported as is. */
  get lockedUntil(): number | undefined {
    return this.locked;
  }

  lock(untilSeconds: number): void {
    this.locked = untilSeconds;
  }

  /** muc-config-submitted (MUC-CREATE-3). */
  unlock(): void {
    this.locked = undefined;
  }

  /** Locked now? An expired lock is dropped (MUC-CREATE-2). */
  isLocked(): boolean {
    if (this.locked === undefined) return false;
    if (this.host.now() < this.locked) return true;
    this.locked = undefined;
    return false;
  }

  // ---- subject, history, archive ----------------------------------------------------------

  get subject(): Readonly<Subject> {
    return this.subj;
  }

  /** set_subject: false (nothing changes) when the same subject comes from the same sender. */
  setSubject(from: string, text: string | undefined): boolean {
    if (this.subj.text === text && (this.subj.from ?? this.jid) === from) return false;
    this.subj = { text, from, time: this.host.now() };
    return true;
  }

  get history(): readonly HistoryEntry[] {
    return this.hist;
  }

  get archive(): readonly HistoryEntry[] {
    return this.arch;
  }

  /** history.lib: remember a message, keeping the last history-length (none at 0). */
  remember(entry: HistoryEntry): void {
    const max = historyLength(this.conf);
    if (max === 0) {
      this.hist = [];
      return;
    }
    this.hist.push(entry);
    while (this.hist.length > max) this.hist.shift();
  }

  /** history.lib with history-length 0: nothing is kept. */
  forgetHistory(): void {
    this.hist = [];
  }

  /**
   * MUC-LIFE-4: muc_mam deletes the room's archive when the room is destroyed (muc-room-destroyed),
   * also when its sole occupant's nick change empties it for a moment: the occupant stays in this room
   * object, whose memory history is kept while its archive is gone.
   */
  dropArchive(): void {
    this.arch.length = 0;
  }

  /** muc_mam: archive a message (stored as given); returns its archive id. */
  archiveMessage(stanza: Element, timestamp: number): string {
    this.archiveSeq += 1;
    // Prosody's archive ids are 24 random base64url characters; the mock's have the same shape,
    // derived from the room and a counter (stable within a run).
    const id = occupantId(`${this.jid}#${this.archiveSeq}`, 'archive')
      .slice(0, 24)
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
    this.arch.push({ stanza, timestamp, id });
    return id;
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

  occupantCount(): number {
    return this.occupants.size;
  }

  /** The role of the occupant holding `nick` (an in-room JID), without copying it. */
  roleOf(nick: string): Role | undefined {
    return this.occupants.get(nick)?.role;
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

  /** room:destroy is under way: occupants leaving do not destroy the room again (MUC-DESTROY-*). */
  markDestroying(): void {
    this.destroying = true;
  }

  /** muc-occupant-left: an empty, non-persistent room is destroyed (MUC-LIFE-1). */
  occupantLeft(): void {
    if (this.destroying) return;
    if (!this.hasOccupant() && !this.conf.persistent) this.host.roomDestroyed(this);
  }

  stableId(occupant: Occupant): string {
    return occupantId(occupant.bareJid, this.salt);
  }

  // ---- affiliations and roles ---------------------------------------------------------------

  /** Stored affiliations by lower-case bare JID (or host), read-only. */
  get affiliations(): ReadonlyMap<string, Affiliation> {
    return this.affs;
  }

  /**
   * The stored part of set_affiliation: `affiliation` undefined removes it (and its data); `data`
   * undefined keeps existing data, null or empty clears it.
   */
  storeAffiliation(jid: string, affiliation: Affiliation | undefined, data?: AffiliationData | null): void {
    if (affiliation) this.affs.set(jid, affiliation);
    else this.affs.delete(jid);
    if (!affiliation || data === null || (data !== undefined && Object.keys(data).length === 0)) {
      this.affData.delete(jid);
    } else if (data) {
      this.affData.set(jid, data);
    }
  }

  getAffiliation(jid: string): Affiliation | undefined {
    if (this.host.isAdmin(jid)) return 'owner';
    const b = bare(jid).toLowerCase();
    const result = this.affs.get(b);
    if (!result && this.affs.get(domainOf(b)) === 'outcast') return 'outcast';
    return result;
  }

  /** muc-get-default-role: members-only (none), moderated (visitor), then by affiliation. */
  defaultRole(affiliation: Affiliation | undefined): Role | undefined {
    if (affiliation === undefined && this.conf.membersOnly) return undefined;
    if (affiliation === undefined && this.conf.moderated) return 'visitor';
    const rank = affiliationRank(affiliation);
    if (rank >= affiliationRank('admin')) return 'moderator';
    if (rank >= affiliationRank(undefined)) return 'participant';
    return undefined;
  }

  registeredNick(bareJid: string): string | undefined {
    return this.affData.get(bareJid)?.reservedNickname;
  }

  registeredJid(nick: string): string | undefined {
    for (const [jid, data] of this.affData) if (data.reservedNickname === nick) return jid;
    return undefined;
  }

  whoisAnyone(): boolean {
    return this.conf.whois === 'anyone';
  }

  canSeeRealJids(occupant: Occupant): boolean {
    if (this.conf.whois === 'anyone') return true;
    return roleRank(occupant.role) >= roleRank('moderator');
  }

  isAnonymousFor(jid: string): boolean {
    if (this.conf.whois === 'anyone') return false;
    const aff = this.getAffiliation(jid);
    if (aff === 'admin' || aff === 'owner') return false;
    const occupant = this.occupantByRealJid(jid);
    return !(occupant && this.canSeeRealJids(occupant));
  }
}
