// The muc#admin iqs (XEP-0045 §8-§10; Prosody handle_admin_query_*): kick/voice by nick, affiliation
// changes by JID (with reserved nicknames), and the member/admin/owner/outcast and role lists
// (MUC-ADMIN-*).
import type { Element } from 'ltx';
import type { Room } from './room';
import { setAffiliation, setRole } from './affiliations';
import { buildItemList } from './items';
import { resourceprep } from './nickprep';
import { affiliationRank, isAffiliation, isRole, roleRank, type Affiliation } from './roles';
import { add, childText, el, elements, errorReply, NS_MUC_ADMIN, reply, resource } from './xml';

/** jid_prep for an item's jid: lower-case node and domain; undefined when malformed. */
function prepJid(jid: string): string | undefined {
  const slash = jid.indexOf('/');
  const b = slash === -1 ? jid : jid.slice(0, slash);
  const parts = b.split('@');
  if (parts.length > 2 || parts.some((p) => p.length === 0)) return undefined;
  if (slash !== -1 && slash === jid.length - 1) return undefined;
  return b.toLowerCase() + (slash === -1 ? '' : jid.slice(slash));
}

export function handleAdminSet(room: Room, stanza: Element): void {
  const query = elements(stanza)[0];
  const item = query ? elements(query)[0] : undefined;
  if (!item) {
    room.route(errorReply(stanza, 'cancel', 'bad-request'));
    return;
  }
  let jid: string | undefined = item.attrs.jid;
  let nick: string | undefined = item.attrs.nick;
  if (jid !== undefined) {
    const p = prepJid(jid);
    if (p === undefined) {
      room.route(errorReply(stanza, 'modify', 'jid-malformed'));
      return;
    }
    if (resource(p) !== undefined) {
      room.route(errorReply(stanza, 'modify', 'jid-malformed', { text: 'Bare JID expected, got full JID' }));
      return;
    }
    jid = p;
  }
  if (nick !== undefined) {
    const p = resourceprep(nick);
    if (p === undefined) {
      room.route(errorReply(stanza, 'modify', 'jid-malformed', { text: 'invalid nickname' }));
      return;
    }
    nick = p;
  }
  if (jid === undefined && nick !== undefined) {
    const occupant = room.occupantByNick(`${room.jid}/${nick}`);
    if (occupant) jid = occupant.bareJid;
  } else if (item.attrs.role !== undefined && nick === undefined && jid !== undefined) {
    const n = room.occupantJidOf(jid as string);
    if (n !== undefined) nick = resource(n);
  }
  const actor = stanza.attrs.from!;
  const reason = childText(item, 'reason');
  let outcome;
  if (item.attrs.affiliation !== undefined && jid !== undefined && item.attrs.role === undefined) {
    let data;
    if (nick !== undefined) {
      const roomNick = `${room.jid}/${nick}`;
      const existing = room.occupantByNick(roomNick);
      if (existing && existing.bareJid !== jid) {
        // MUC-REG-5: reserving a nick evicts whoever else holds it.
        setRole(room, {
          actor: true,
          occupant: roomNick,
          role: undefined,
          reason: 'This nickname is reserved',
        });
      }
      data = { reservedNickname: nick };
    }
    outcome = setAffiliation(room, { actor, jid, affiliation: item.attrs.affiliation, reason, data });
  } else if (item.attrs.role !== undefined && nick !== undefined && item.attrs.affiliation === undefined) {
    outcome = setRole(room, { actor, occupant: `${room.jid}/${nick}`, role: item.attrs.role, reason });
  } else {
    outcome = { ok: false as const, type: 'cancel' as const, condition: 'bad-request' };
  }
  room.route(outcome.ok ? reply(stanza) : errorReply(stanza, outcome.type, outcome.condition));
}

export function handleAdminGet(room: Room, stanza: Element): void {
  const actor = stanza.attrs.from!;
  const affiliation = room.getAffiliation(actor);
  const query = elements(stanza)[0];
  const item = query ? elements(query)[0] : undefined;
  const aff = item?.attrs.affiliation;
  const rol = item?.attrs.role;
  if (aff !== undefined && isAffiliation(aff) && rol === undefined) {
    // MUC-ADMIN-3: admins see lists up to their rank; members too in members-only non-anonymous rooms.
    const rank = affiliationRank(affiliation);
    const wanted = aff === 'none' ? undefined : (aff as Affiliation);
    if (
      (rank >= affiliationRank('admin') && rank >= affiliationRank(wanted)) ||
      (room.config.membersOnly && room.config.whois === 'anyone' && rank >= affiliationRank('member'))
    ) {
      const q = el('query', { xmlns: NS_MUC_ADMIN });
      if (wanted !== undefined) {
        for (const [jid, a] of room.affiliations) {
          if (a !== wanted) continue;
          add(q, el('item', { affiliation: aff, jid, nick: room.registeredNick(jid) }));
        }
      }
      room.route(add(reply(stanza), q));
    } else {
      room.route(errorReply(stanza, 'auth', 'forbidden'));
    }
    return;
  }
  if (rol !== undefined && isRole(rol) && aff === undefined) {
    const current = room.occupantJidOf(actor);
    const role = (current !== undefined ? room.roleOf(current) : undefined) ?? room.defaultRole(affiliation);
    if (roleRank(role) >= roleRank('moderator')) {
      const q = el('query', { xmlns: NS_MUC_ADMIN });
      const want = rol === 'none' ? undefined : rol;
      for (const occupant of room.eachOccupant()) {
        if (occupant.role === want)
          buildItemList(room, occupant, q, { anonymous: false, nick: resource(occupant.nick) });
      }
      room.route(add(reply(stanza), q));
    } else {
      room.route(errorReply(stanza, 'auth', 'forbidden'));
    }
    return;
  }
  room.route(errorReply(stanza, 'cancel', 'bad-request'));
}
