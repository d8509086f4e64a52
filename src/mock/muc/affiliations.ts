// Affiliation and role changes (XEP-0045 §9-§10; Prosody room:set_affiliation / set_role /
// may_set_role): who may change what, the roles that follow, and what the room is told
// (MUC-AFF-*, MUC-ROLE-*).
import type { Occupant } from './occupants';
import { fail, OK, type AffiliationData, type Outcome, type Room } from './room';
import { addItem, mucUserX } from './items';
import { publicise, sendOccupantList } from './broadcast';
import { affiliationRank, isAffiliation, isRole, roleRank, type Affiliation, type Role } from './roles';
import { add, bare, clone, el } from './xml';

export interface AffiliationChange {
  /** The real JID asking; true = the room itself (no checks). */
  actor: string | true;
  /** Whose affiliation (a JID; a bare host for a server ban). */
  jid: string;
  /** As written in the request: 'none' or missing removes it; anything else not an affiliation fails. */
  affiliation: string | undefined;
  reason?: string;
  /** undefined keeps existing data, null clears it (Prosody's `false`). */
  data?: AffiliationData | null;
}

/** set_affiliation(actor, jid, affiliation, reason, data). */
export function setAffiliation(
  room: Room,
  { actor: actorIn, jid: jidIn, affiliation: affiliationIn, reason, data }: AffiliationChange,
): Outcome {
  // component_admins_as_room_owners: admins stay owners.
  if (affiliationIn !== 'owner' && room.host.isAdmin(jidIn)) return fail('modify', 'not-acceptable');
  const jid = bare(jidIn).toLowerCase();
  const at = jid.indexOf('@');
  const isHostOnly = at === -1;
  if (!isAffiliation(affiliationIn ?? 'none')) return fail('modify', 'not-acceptable');
  const affiliation = affiliationIn === 'none' ? undefined : (affiliationIn as Affiliation | undefined);
  const target = room.affiliations.get(jid);
  const isDowngrade = affiliationRank(target) > affiliationRank(affiliation);

  let actor: string | undefined;
  if (actorIn !== true) {
    actor = actorIn;
    const actorAffiliation = room.getAffiliation(actor);
    if (actorAffiliation === 'owner') {
      if (bare(actor).toLowerCase() === jid && isDowngrade) {
        // MUC-AFF-3: the last owner cannot step down.
        const others = [...room.affiliations].some(([j, a]) => a === 'owner' && j !== jid);
        if (!others) return fail('cancel', 'conflict');
      }
    } else if (
      affiliation === 'owner' ||
      affiliation === 'admin' ||
      actorAffiliation !== 'admin' ||
      target === 'owner' ||
      target === 'admin'
    ) {
      // MUC-AFF-2
      return fail('cancel', 'not-allowed');
    }
  }

  room.storeAffiliation(jid, affiliation, data);

  const role = room.defaultRole(affiliation);
  const updated: [Occupant, Role | undefined][] = [];
  for (const occupant of room.eachOccupant()) {
    const hostMatch = isHostOnly && affiliation === 'outcast' && occupant.bareJid.split('@')[1] === jid;
    if (occupant.bareJid === jid || hostMatch) {
      updated.push([occupant, occupant.role]);
      if (occupant.role !== role && (isDowngrade || roleRank(occupant.role) < roleRank(role))) {
        occupant.role = role;
        room.saveOccupant(occupant);
      }
    }
  }

  const x = mucUserX();
  if (!role) add(x, el('status', { code: affiliation === 'outcast' ? '301' : '321' }));
  const semiAnonymous = room.config.whois === 'moderators';
  if (updated.length > 0) {
    for (const [occupant, oldRole] of updated) {
      publicise(room, occupant, x, { actor, reason, prevRole: oldRole });
      if (occupant.role === undefined) {
        room.occupantLeft();
      } else if (semiAnonymous && (oldRole === 'moderator') !== (occupant.role === 'moderator')) {
        // MUC-AFF-5: jid visibility changed: send everyone else's presence again.
        for (const realJid of occupant.sessions.keys()) {
          sendOccupantList(room, realJid, (_n, o) => !o || o.bareJid !== jid);
        }
      }
    }
  } else {
    // MUC-AFF-4 (XEP-0045 example 195): a non-occupant's change is announced to the room.
    const ax = mucUserX();
    for (const c of x.children) if (typeof c !== 'string') add(ax, clone(c));
    addItem(ax, { affiliation, jid, reason });
    const msg = add(el('message', { from: room.jid }), ax);
    const minRole = semiAnonymous ? 'moderator' : 'none';
    for (const occupant of room.eachOccupant()) {
      if (roleRank(occupant.role) >= roleRank(minRole as Role)) room.routeToOccupant(occupant, msg);
    }
  }
  return OK;
}

/** may_set_role (MUC-ROLE-2). */
function maySetRole(room: Room, actor: string, occupant: Occupant, role: Role | undefined): Outcome {
  const actorAffiliation = room.getAffiliation(actor) ?? 'none';
  const occupantAffiliation = room.getAffiliation(occupant.bareJid) ?? 'none';
  if (
    affiliationRank(actorAffiliation as Affiliation) < affiliationRank(occupantAffiliation as Affiliation)
  ) {
    return fail('cancel', 'not-allowed');
  }
  if (occupant.role === 'moderator' || role === 'moderator') {
    if (actorAffiliation !== 'owner' && actorAffiliation !== 'admin') return fail('cancel', 'not-allowed');
  }
  const actorOccupant = room.occupantByRealJid(actor);
  if (!actorOccupant || actorOccupant.role !== 'moderator') return fail('cancel', 'not-allowed');
  return OK;
}

export interface RoleChange {
  /** The real JID asking; true = the room itself (no checks). */
  actor: string | true;
  /** The occupant's in-room JID (room@service/nick). */
  occupant: string;
  /** As written in the request: 'none' or missing kicks; anything else not a role fails. */
  role: string | undefined;
  reason?: string;
}

/** set_role(actor, occupant_jid, role, reason) (MUC-ROLE-1..4); role none = kick (307). */
export function setRole(
  room: Room,
  { actor: actorIn, occupant: occupantJid, role: roleIn, reason }: RoleChange,
): Outcome {
  const occupant = room.occupantByNick(occupantJid);
  if (!occupant) return fail('modify', 'item-not-found');
  if (!isRole(roleIn ?? 'none')) return fail('modify', 'not-acceptable');
  const role = roleIn === 'none' ? undefined : (roleIn as Role | undefined);
  let actor: string | undefined;
  if (actorIn !== true) {
    actor = actorIn;
    const allowed = maySetRole(room, actor, occupant, role);
    if (!allowed.ok) return allowed;
  }
  const x = mucUserX();
  if (!role) add(x, el('status', { code: '307' }));
  const prevRole = occupant.role;
  occupant.role = role;
  room.saveOccupant(occupant);
  publicise(room, occupant, x, { actor, reason, prevRole });
  if (role === undefined) room.occupantLeft();
  return OK;
}
