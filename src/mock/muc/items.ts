// The muc#user <item>s of presences and messages (Prosody's add_item / build_item_list): who the item
// is about, their affiliation and role, who did it (actor) and why (reason). Builders take option
// objects: an item has many optional parts, and a name per part says which is which.
import type { Element } from 'ltx';
import type { Occupant } from './occupants';
import type { Room } from './room';
import { add, el, NS_MUC_USER, resource } from './xml';

/** Who caused a change (kick, ban, affiliation change): their nick in the room and/or real JID. */
export interface Actor {
  nick?: string;
  jid?: string;
}

export interface ItemOptions {
  /** Missing: 'none'. */
  affiliation?: string;
  /** Missing: no role attribute. */
  role?: string;
  /** The real JID (only where the recipient may see it). */
  jid?: string;
  nick?: string;
  actor?: Actor;
  reason?: string;
}

/** add_item: <item affiliation role jid nick><actor/><reason/></item> into x; returns x. */
export function addItem(x: Element, o: ItemOptions): Element {
  const item = el('item', { affiliation: o.affiliation ?? 'none', role: o.role, jid: o.jid, nick: o.nick });
  if (o.actor !== undefined && (o.actor.nick !== undefined || o.actor.jid !== undefined)) {
    add(item, el('actor', { nick: o.actor.nick, jid: o.actor.jid }));
  }
  if (o.reason !== undefined) add(item, el('reason', {}, o.reason));
  add(x, item);
  return x;
}

export interface ItemListOptions {
  /** One item with no real JID, instead of one per session with its real JID. */
  anonymous: boolean;
  /** The new nick (status 303). */
  nick?: string;
  actor?: Actor;
  reason?: string;
}

/** build_item_list: the occupant's item(s), with its affiliation and role, into x; returns x. */
export function buildItemList(room: Room, occupant: Occupant, x: Element, o: ItemListOptions): Element {
  const common = {
    affiliation: room.getAffiliation(occupant.bareJid) ?? 'none',
    role: occupant.role ?? 'none',
    nick: o.nick,
    actor: o.actor,
    reason: o.reason,
  };
  if (o.anonymous) {
    addItem(x, common);
  } else {
    for (const realJid of occupant.sessions.keys()) addItem(x, { ...common, jid: realJid });
  }
  return x;
}

export function mucUserX(): Element {
  return el('x', { xmlns: NS_MUC_USER });
}

export function nickOf(roomJidWithNick: string | undefined): string | undefined {
  return roomJidWithNick === undefined ? undefined : resource(roomJidWithNick);
}
