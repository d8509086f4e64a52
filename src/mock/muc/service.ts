// The MUC service at conference.localhost as Prosody 0.12's mod_muc dispatches: what reaches a room
// (by stanza kind and payload), room creation on a first MUC presence, errors for rooms that do not
// exist, tombstones of destroyed persistent rooms, the service's disco and ad-hoc commands
// (MUC-SVC-*). Everything else lives in the room files.
import type { Element } from 'ltx';
import type { Component, ComponentContext } from '../component';
import { Room, type RoomHost } from './room';
import { handleFirstPresence, handlePresenceToOccupant, handlePresenceToRoom, preCreate } from './presence';
import { handleIqToOccupant, handleMessageToOccupant, handleMessageToRoom } from './messages';
import { handleOwnerGet, handleOwnerSet } from './owner';
import { handleAdminGet, handleAdminSet } from './admin';
import { handleRegisterIq } from './register';
import { roomDiscoInfo, roomDiscoItems, serviceDiscoInfo, serviceDiscoItems } from './disco';
import { handleCommand } from './adhoc';
import { handleMamSet, mamFormReply } from './mam';
import { resourceprep } from './nickprep';
import { snapshotRoom, type RoomSnapshot } from '../inspect';
import {
  bare,
  child,
  elements,
  errorReply,
  NS_COMMANDS,
  NS_DISCO_INFO,
  NS_DISCO_ITEMS,
  NS_MAM,
  NS_MUC,
  NS_MUC_ADMIN,
  NS_MUC_OWNER,
  NS_REGISTER,
} from './xml';

/** Prosody's frozen clock in the corpus config (os.time() = 1219439344, 2008-08-22T21:09:04Z). */
export const FROZEN_TIME = 1219439344;
const TOMBSTONE_TTL = 86400 * 31;
const SUBSCRIPTIONS = new Set(['subscribe', 'subscribed', 'unsubscribe', 'unsubscribed']);

export interface MucServiceOptions {
  domain?: string;
  /** Bare JIDs of service admins (case-insensitive): owners of every room, may run ad-hoc commands. */
  admins?: string[];
  /** Seconds since the epoch; Prosody's frozen test clock by default. */
  now?: () => number;
}

interface Tombstone {
  until: number;
  reason?: string;
  newJid?: string;
}

export class MucService implements Component {
  readonly domain: string;
  private readonly rooms = new Map<string, Room>();
  private readonly tombstones = new Map<string, Tombstone>();
  private readonly admins: Set<string>;
  private readonly now: () => number;
  private ctx: ComponentContext | undefined;
  private idCounter = 0;

  constructor(opts: MucServiceOptions = {}) {
    this.domain = opts.domain ?? 'conference.localhost';
    // The corpus config: global admins = admin@localhost; the component's admins = Admin@localhost,
    // which Prosody normalises to the same JID (MUC-SVC-6).
    this.admins = new Set(
      (opts.admins ?? ['admin@localhost', 'Admin@localhost']).map((j) => j.toLowerCase()),
    );
    this.now = opts.now ?? (() => FROZEN_TIME);
  }

  reset(): void {
    this.rooms.clear();
    this.tombstones.clear();
  }

  /** Live rooms (for tests and benchmarks). */
  roomList(): Room[] {
    return [...this.rooms.values()];
  }

  /** INSPECT-1: every live room, by JID. */
  inspect(): RoomSnapshot[] {
    const now = this.now();
    return this.roomList()
      .map((r) => snapshotRoom(r, now))
      .sort((a, b) => (a.jid < b.jid ? -1 : a.jid > b.jid ? 1 : 0));
  }

  isAdmin(jid: string): boolean {
    return this.admins.has(bare(jid).toLowerCase());
  }

  private host(ctx: ComponentContext): RoomHost {
    return {
      domain: this.domain,
      ctx,
      isAdmin: (jid) => this.isAdmin(jid),
      now: () => this.now(),
      newId: () => this.newId(),
      roomDestroyed: (room, info) => this.roomDestroyed(room, info),
    };
  }

  private newId(): string {
    if (this.ctx) return this.ctx.nextId();
    this.idCounter += 1;
    return `muc${this.idCounter}`;
  }

  private roomDestroyed(room: Room, info?: { reason?: string; newJid?: string }): void {
    if (this.rooms.get(room.jid) === room) this.rooms.delete(room.jid);
    room.dropArchive(); // MUC-LIFE-4
    // MUC-LIFE-2: a destroyed persistent room leaves a tombstone (muc_tombstones, 31 days).
    if (info && room.config.persistent) {
      this.tombstones.set(room.jid, {
        until: this.now() + TOMBSTONE_TTL,
        reason: info.reason,
        newJid: info.newJid,
      });
    }
    room.configure({ persistent: false });
  }

  handle(stanza: Element, ctx: ComponentContext): void {
    this.ctx = ctx;
    const to = stanza.attrs.to ?? '';
    const slash = to.indexOf('/');
    const bareTo = (slash === -1 ? to : to.slice(0, slash)).toLowerCase();
    if (slash !== -1) {
      // The router's resourceprep (MUC-NICK-1).
      const nick = resourceprep(to.slice(slash + 1));
      stanza.attrs.to = `${bareTo}/${nick ?? to.slice(slash + 1)}`;
    } else {
      stanza.attrs.to = bareTo;
    }
    const kind = slash !== -1 ? 'full' : bareTo.includes('@') ? 'bare' : 'host';
    const type = stanza.attrs.type;
    const payload = elements(stanza)[0];
    const ns = payload?.attrs.xmlns;
    const isQuery = payload?.name === 'query';

    if (kind === 'host' && stanza.name === 'iq') {
      if (type === 'get' && isQuery && ns === NS_DISCO_INFO) return ctx.send(serviceDiscoInfo(stanza));
      if (type === 'get' && isQuery && ns === NS_DISCO_ITEMS) {
        return ctx.send(serviceDiscoItems(stanza, this.roomList(), this.isAdmin(stanza.attrs.from ?? '')));
      }
      if (type === 'set' && payload?.name === 'command' && ns === NS_COMMANDS) {
        const handled = handleCommand(
          {
            isAdmin: (j) => this.isAdmin(j),
            rooms: () => this.roomList(),
            room: (j) => this.rooms.get(j.toLowerCase()),
            newSessionId: () => this.newId(),
            send: (s) => ctx.send(s),
          },
          stanza,
        );
        if (handled) return;
      }
    }

    // MUC-SVC-4: subscription presences to an existing room are unhandled: service-unavailable from
    // the bare JID to the sender's bare JID (the core routes them bare to bare, CORE-SUB-4); to the
    // service or a room that does not exist they get item-not-found below (MUC-SVC-2).
    if (
      stanza.name === 'presence' &&
      type !== undefined &&
      SUBSCRIPTIONS.has(type) &&
      kind !== 'host' &&
      this.rooms.has(bareTo)
    ) {
      const r = errorReply(stanza, 'cancel', 'service-unavailable');
      r.attrs.from = bareTo;
      ctx.send(r);
      return;
    }

    // MUC-MAM-3: muc_mam's iq hooks (priority 0) run before mod_muc's room dispatch (priority -2): a
    // form get to any room JID is answered, and a query to a room that does not exist is item-not-found
    // (no `by`); a tombstone (MUC-LIFE-2) is a room to muc_mam, default config, its archive deleted.
    if (stanza.name === 'iq' && kind === 'bare' && isQuery && ns === NS_MAM && !this.rooms.has(bareTo)) {
      if (type === 'get') return ctx.send(mamFormReply(stanza));
      if (type === 'set') {
        if (this.tombstones.has(bareTo)) handleMamSet(new Room(bareTo, this.host(ctx)), stanza);
        else ctx.send(errorReply(stanza, 'cancel', 'item-not-found'));
        return;
      }
    }

    // Which mod_muc handler (if any) this stanza reaches.
    let method: ((room: Room, s: Element) => void) | undefined;
    if (stanza.name === 'iq') {
      if (kind === 'full') method = handleIqToOccupant;
      else if (isQuery && ns === NS_REGISTER && kind === 'bare') method = handleRegisterIq;
      else if (isQuery && type === 'get' && ns === NS_DISCO_INFO)
        method = (r, s) => r.route(roomDiscoInfo(r, s));
      else if (isQuery && type === 'get' && ns === NS_DISCO_ITEMS)
        method = (r, s) => r.route(roomDiscoItems(s));
      else if (isQuery && ns === NS_MUC_ADMIN && type === 'set') method = handleAdminSet;
      else if (isQuery && ns === NS_MUC_ADMIN && type === 'get') method = handleAdminGet;
      else if (isQuery && ns === NS_MUC_OWNER && type === 'set') method = handleOwnerSet;
      else if (isQuery && ns === NS_MUC_OWNER && type === 'get') method = handleOwnerGet;
      else if (isQuery && ns === NS_MAM && type === 'get' && kind === 'bare')
        method = (r, s) => r.route(mamFormReply(s));
      else if (isQuery && ns === NS_MAM && type === 'set' && kind === 'bare') method = handleMamSet;
    } else if (stanza.name === 'message') {
      method = kind === 'full' ? handleMessageToOccupant : handleMessageToRoom;
    } else if (stanza.name === 'presence') {
      method = kind === 'full' ? handlePresenceToOccupant : handlePresenceToRoom;
    }
    if (!method) {
      // Unhandled: Prosody's core answers get/set iqs with service-unavailable (MUC-SVC-1).
      if (stanza.name === 'iq' && (type === 'get' || type === 'set')) {
        ctx.send(errorReply(stanza, 'cancel', 'service-unavailable'));
      }
      return;
    }
    if (kind === 'host') {
      if (type !== 'error') ctx.send(errorReply(stanza, 'cancel', 'item-not-found', { by: this.domain }));
      return;
    }

    const roomJid = bareTo;
    const tomb = this.tombstones.get(roomJid);
    if (tomb) {
      const adminJoin =
        this.isAdmin(stanza.attrs.from ?? '') && stanza.name === 'presence' && type === undefined;
      if (tomb.until < this.now() || adminJoin) {
        this.tombstones.delete(roomJid);
      } else {
        // MUC-LIFE-3
        if (type !== 'error') {
          const r = errorReply(stanza, 'cancel', 'gone', { text: tomb.reason, by: this.domain });
          if (tomb.newJid !== undefined) {
            const gone = child(child(r, 'error'), 'gone');
            gone?.t(`xmpp:${tomb.newJid}?join`);
          }
          ctx.send(r);
        }
        return;
      }
    }
    let room = this.rooms.get(roomJid);
    if (
      !room &&
      kind === 'bare' &&
      stanza.name === 'presence' &&
      type === undefined &&
      child(stanza, 'x', NS_MUC)
    ) {
      // MUC-SVC-8: a nick-less join to a room that does not exist raises a Lua error in Prosody 0.12:
      // nothing is answered, and the room, made before the error (muc-room-pre-create: locked, owned
      // by the sender), stays: empty, its owner may configure (and so unlock) it.
      const halfMade = new Room(roomJid, this.host(ctx));
      preCreate(halfMade, stanza);
      this.rooms.set(roomJid, halfMade);
      return;
    }
    if (!room) {
      if (stanza.name === 'presence' && type === undefined && child(stanza, 'x', NS_MUC)) {
        // MUC-CREATE-1
        room = new Room(roomJid, this.host(ctx));
        this.rooms.set(roomJid, room);
        handleFirstPresence(room, stanza);
      } else if (type !== 'error') {
        // MUC-SVC-2 (MAM queries: MUC-MAM-3 above)
        ctx.send(errorReply(stanza, 'cancel', 'item-not-found', { by: this.domain }));
      }
      return;
    }
    method(room, stanza);
  }
}
