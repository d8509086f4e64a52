// Presence broadcasts as Prosody's publicise_occupant_status and send_occupant_list build them
// (MUC-PRES-*): which <item> each recipient sees (real JIDs only where whois allows or to oneself),
// status 110 to the occupant itself, presence-broadcast role filtering, occupant-id on every presence.
import { Element, type Node } from 'ltx';
import { frozenChildren } from '../stanza';
import type { Occupant } from './occupants';
import { addItem, buildItemList, mucUserX, nickOf } from './items';
import type { Room, XSet } from './room';
import type { Role } from './roles';
import { add, clone, el, NS_OCCUPANT_ID, removeChildren, resource } from './xml';

/** XEP-0421: replace any occupant-id with the room's (muc-broadcast-presence, pre-join, groupchat). */
export function stampOccupantId(room: Room, stanza: Element, occupant: Occupant): void {
  removeChildren(stanza, (c) => c.name === 'occupant-id' && c.attrs.xmlns === NS_OCCUPANT_ID);
  add(stanza, el('occupant-id', { xmlns: NS_OCCUPANT_ID, id: room.stableId(occupant) }));
}

export interface PubliciseOptions {
  /** New nick (303). */
  nick?: string;
  /** Real JID of whoever caused this (kick, affiliation change). */
  actor?: string;
  reason?: string;
  prevRole?: Role;
  forceUnavailable?: boolean;
  /** Send only to this occupant (probe answers). */
  recipient?: Occupant;
}

/** publicise_occupant_status (MUC-PRES-1..6). */
export function publicise(
  room: Room,
  occupant: Occupant,
  xIn: Element | XSet,
  o: PubliciseOptions = {},
): void {
  const x: XSet = 'base' in xIn ? xIn : { base: xIn };
  const baseX = x.base;
  let basePresence: Element;
  const pr = occupant.presence();
  if (pr && (occupant.role !== undefined || pr.attrs.type === 'unavailable') && !o.forceUnavailable) {
    basePresence = clone(pr);
  } else {
    basePresence = el('presence', { from: occupant.nick, type: 'unavailable' });
  }
  if (!o.recipient) stampOccupantId(room, basePresence, occupant);

  const actorNick = o.actor !== undefined ? nickOf(room.occupantJidOf(o.actor)) : undefined;
  const item = { nick: o.nick, reason: o.reason };

  let fullP: Element | undefined;
  const getFullP = () => {
    if (!fullP) {
      const fx = clone(x.full ?? baseX);
      buildItemList(room, occupant, fx, {
        ...item,
        anonymous: false,
        actor: { nick: actorNick, jid: o.actor },
      });
      fullP = add(clone(basePresence), fx);
    }
    return fullP;
  };
  let anonP: Element | undefined;
  const getAnonP = () => {
    if (!anonP) {
      const ax = clone(x.anon ?? baseX);
      buildItemList(room, occupant, ax, { ...item, anonymous: true, actor: { nick: actorNick } });
      anonP = add(clone(basePresence), ax);
    }
    return anonP;
  };
  const selfX = clone(x.self ?? baseX);
  buildItemList(room, occupant, selfX, { ...item, anonymous: false, actor: { nick: actorNick } });
  const selfP = add(clone(basePresence), selfX);

  const getP = (rec: Occupant): Element => {
    if (room.canSeeRealJids(rec)) return getFullP();
    if (occupant.bareJid === rec.bareJid) return selfP;
    return getAnonP();
  };

  if (o.recipient) {
    room.routeToOccupant(o.recipient, getP(o.recipient));
    return;
  }

  const broadcast = room.config.presenceBroadcast;
  // One element per variant goes to every recipient; only attributes (`to`, `type`) change between
  // sends, so the core may share the children (CORE-WIRE-2). selfX changes below, after the loop.
  room.broadcast(() => {
    for (const other of [...room.liveOccupants()]) {
      if (other.nick === occupant.nick) continue;
      const p = getP(other);
      if (broadcast.has(occupant.role ?? 'none') || o.forceUnavailable) {
        room.routeToOccupant(other, p);
      } else if (o.prevRole !== undefined && broadcast.has(o.prevRole)) {
        p.attrs.type = 'unavailable';
        room.routeToOccupant(other, p);
      }
    }
  });

  add(selfX, el('status', { code: '110' }));
  if (occupant.role === undefined) {
    room.routeToOccupant(occupant, selfP);
  } else {
    for (const [realJid, sessionPr] of occupant.sessions) {
      const p = clone(sessionPr);
      p.attrs.to = realJid;
      add(p, clone(selfX));
      room.route(p);
    }
  }
}

/** Frozen copies of stored presences' children, shared by every occupant-list entry made from them. */
const storedChildren = new WeakMap<Element, Node[]>();

/**
 * A copy of a stored presence (frozen, never changed: occupants.ts) addressed to `to`: own stanza element
 * and attributes, children shared with every other entry made from the same presence (CORE-WIRE-2). With
 * 1000 occupants a join lists 1000 presences: this is the difference between 1000 trees and 1000 elements.
 */
function listEntry(pr: Element, to: string): Element {
  let kids = storedChildren.get(pr);
  if (!kids) storedChildren.set(pr, (kids = frozenChildren(pr)));
  const pres = new Element(pr.name);
  const attrs: Record<string, string> = {};
  for (const k in pr.attrs) attrs[k] = pr.attrs[k];
  attrs.to = to;
  pres.attrs = attrs;
  for (const c of kids) pres.children.push(c);
  return pres;
}

/** send_occupant_list: everyone's presence (and, if 'none' is broadcast, absent affiliated users). */
export function sendOccupantList(
  room: Room,
  to: string,
  filter?: (nick: string, occupant: Occupant | undefined) => boolean,
): void {
  const toBare = to.split('/')[0];
  const broadcast = room.config.presenceBroadcast;
  const anonymous = room.isAnonymousFor(to);
  const seen = new Set<string>();
  for (const occupant of [...room.liveOccupants()]) {
    seen.add(occupant.bareJid);
    if (filter && !filter(occupant.nick, occupant)) continue;
    const x = mucUserX();
    buildItemList(room, occupant, x, { anonymous: anonymous && toBare !== occupant.bareJid });
    const pres = listEntry(occupant.presence()!, to);
    add(pres, x);
    // Built for this recipient alone and dropped after: the core may deliver it as is.
    if (toBare === occupant.bareJid || broadcast.has(occupant.role ?? 'none')) room.give(pres);
  }
  if (broadcast.has('none')) {
    for (const [jid, affiliation] of room.affiliations) {
      const nick = room.registeredNick(jid);
      if ((nick !== undefined || !anonymous) && !seen.has(jid) && (!filter || filter(jid, undefined))) {
        const from = nick !== undefined ? `${room.jid}/${nick}` : room.jid;
        const x = mucUserX();
        addItem(x, { affiliation, role: 'none', jid: anonymous ? undefined : jid, nick });
        room.route(add(el('presence', { to, from, type: 'unavailable' }), x));
      }
    }
  }
}

/** build_unavailable_presence: a probe for a nick nobody holds but someone registered. */
export function unavailablePresence(room: Room, fromMucJid: string, toJid: string): Element | undefined {
  const nick = resource(fromMucJid)!;
  const fromJid = room.registeredJid(nick);
  if (fromJid === undefined) return undefined;
  const anonymous = room.isAnonymousFor(toJid);
  const affiliation = room.getAffiliation(fromJid) ?? 'none';
  const x = mucUserX();
  addItem(x, { affiliation, role: 'none', jid: anonymous ? undefined : fromJid, nick });
  return add(el('presence', { to: toJid, from: fromMucJid, type: 'unavailable' }), x);
}
