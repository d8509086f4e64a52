// Presence to a room: creation, join, nick change, leave, probes, kick-on-error (XEP-0045 §7.1-§7.4,
// §7.6, §7.14; Prosody handle_first_presence / handle_normal_presence). MUC-JOIN-*, MUC-NICK-*,
// MUC-LEAVE-*, MUC-PROBE-*.
import type { Element } from 'ltx';
import type { Occupant } from './occupants';
import { addItem, buildItemList, mucUserX } from './items';
import type { Room } from './room';
import { publicise, sendOccupantList, stampOccupantId, unavailablePresence } from './broadcast';
import { sendHistory, sendSubject } from './history';
import { affiliationRank } from './roles';
import { strictResourceprep } from './nickprep';
import { add, bare, child, clone, childText, el, errorOf, errorReply, NS_MUC, resource } from './xml';

/** The muc-occupant-pre-join / pre-change checks, in Prosody's hook priority order. */
function preJoinChecks(
  room: Room,
  stanza: Element,
  occupant: Occupant,
  isNewRoom: boolean,
  isJoin: boolean,
): boolean {
  const nick = resource(occupant.nick) ?? '';
  // MUC-NICK-2 (priority 2)
  if (strictResourceprep(nick) === undefined) {
    room.route(
      errorReply(stanza, 'modify', 'jid-malformed', {
        text: 'Nickname must pass strict validation',
        by: room.jid,
      }),
    );
    return false;
  }
  // MUC-NICK-3 (priority 1)
  if (!/\S/u.test(nick)) {
    room.route(
      errorReply(stanza, 'modify', 'not-allowed', {
        text: 'Invisible Nicknames are forbidden',
        by: room.jid,
      }),
    );
    return false;
  }
  // MUC-REG-4 (priority 0): a nick reserved by someone else.
  const reservedBy = room.registeredJid(nick);
  if (reservedBy !== undefined && reservedBy !== bare(stanza.attrs.from!)) {
    room.route(errorReply(stanza, 'cancel', 'conflict', { by: room.jid }));
    return false;
  }
  stampOccupantId(room, stanza, occupant);
  if (!isJoin) return true;
  const affiliation = room.getAffiliation(stanza.attrs.from!);
  // MUC-JOIN-5 (priority -5)
  if (room.config.membersOnly && affiliationRank(affiliation) <= affiliationRank(undefined)) {
    room.route(errorReply(stanza, 'auth', 'registration-required', { by: room.jid }));
    return false;
  }
  // MUC-JOIN-6 (priority -10)
  if (affiliation === 'outcast') {
    room.route(errorReply(stanza, 'auth', 'forbidden', { by: room.jid }));
    return false;
  }
  // MUC-JOIN-4 (priority -20)
  if (room.config.password !== undefined) {
    const x = child(stanza, 'x', NS_MUC);
    if (x) {
      const given = childText(x, 'password', NS_MUC) || undefined;
      if (given !== room.config.password) {
        room.route(errorReply(stanza, 'auth', 'not-authorized', { by: room.jid }));
        return false;
      }
    }
  }
  // MUC-JOIN-3 (priority -30)
  if (!isNewRoom && room.isLocked()) {
    room.route(errorReply(stanza, 'cancel', 'item-not-found', { by: room.host.domain }));
    return false;
  }
  return true;
}

function sessionNew(room: Room, stanza: Element): void {
  sendHistory(room, stanza);
  sendSubject(room, stanza.attrs.from!);
}

/** MUC-CREATE-1: the first presence (with the MUC <x/>) creates a locked room; the creator owns it. */
export function handleFirstPresence(room: Room, stanza: Element): void {
  const realJid = stanza.attrs.from!;
  const muc = child(stanza, 'x', NS_MUC);
  // set_room_defaults(room, xml:lang of the creating presence): Prosody's c2s stamps every stanza with
  // the stream's language, 'en' for xmpp.js clients; the mock assumes the same (MUC-CREATE-4).
  room.configure({ language: stanza.attrs['xml:lang'] ?? 'en' });
  if (muc) room.lock(room.host.now() + 300);
  const password = childText(muc, 'password', NS_MUC);
  room.configure({ password: password ? password : undefined });
  room.storeAffiliation(bare(realJid).toLowerCase(), 'owner');
  const occupant = room.newOccupant(bare(realJid).toLowerCase(), stanza.attrs.to!);
  // A refused creator leaves the room created, locked and empty, as Prosody does.
  if (!preJoinChecks(room, stanza, occupant, true, true)) return;
  occupant.setSession(realJid, stanza);
  const x = mucUserX();
  add(x, el('status', { code: '201' }));
  if (room.whoisAnyone()) add(x, el('status', { code: '100' }));
  room.saveOccupant(occupant);
  publicise(room, occupant, x);
  sessionNew(room, stanza);
}

/** handle_normal_presence (MUC-JOIN-*, MUC-NICK-*, MUC-LEAVE-*). */
export function handleNormalPresence(room: Room, stanza: Element): void {
  const type = stanza.attrs.type;
  const realJid = stanza.attrs.from!;
  const bareJid = bare(realJid).toLowerCase();
  const orig = room.occupantByRealJid(realJid);
  const mucX = child(stanza, 'x', NS_MUC);

  if (!orig && !mucX && type === undefined) {
    // MUC-JOIN-7
    room.route(
      errorReply(stanza, 'cancel', 'item-not-found', {
        text: 'You are not currently connected to this chat',
        by: room.jid,
      }),
    );
    return;
  }
  let isFirstDestSession: boolean | undefined;
  let dest: Occupant | undefined;
  if (type === 'unavailable') {
    if (!orig) return;
  } else if (type === 'probe') {
    respondToProbe(room, stanza, orig);
    return;
  } else if (orig && orig.nick === stanza.attrs.to) {
    dest = orig;
  } else {
    const found = room.occupantByNick(stanza.attrs.to!);
    if (!found) {
      isFirstDestSession = true;
      dest = room.newOccupant(bareJid, stanza.attrs.to!);
      if (orig) dest.role = orig.role;
    } else {
      isFirstDestSession = false;
      dest = found;
    }
  }
  let isLastOrigSession = false;
  if (orig) isLastOrigSession = orig.sessions.size < 2;

  if (!orig) {
    if (!preJoinChecks(room, stanza, dest!, false, true)) return;
  } else if (dest) {
    if (!preJoinChecks(room, stanza, dest, false, false)) return;
  }

  // MUC-NICK-4: nick held by another bare JID.
  if (dest && !isFirstDestSession && bareJid !== dest.bareJid) {
    room.route(errorReply(stanza, 'cancel', 'conflict', { by: room.jid }));
    return;
  }

  if (orig && orig !== dest) {
    const origX = mucUserX();
    const origRole = orig.role;
    let destNick: string | undefined;
    if (!dest) {
      if (isLastOrigSession) orig.role = undefined;
      orig.setSession(realJid, stanza);
    } else {
      const generatedUnavail = el('presence', { from: orig.nick, to: realJid, type: 'unavailable' });
      orig.setSession(realJid, generatedUnavail);
      destNick = resource(dest.nick);
      if (!isFirstDestSession) {
        const x = mucUserX();
        addItem(x, { affiliation: room.getAffiliation(bareJid), role: 'none' });
        room.route(
          add(
            el(
              'presence',
              { from: dest.nick, to: realJid, type: 'unavailable' },
              el('status', {}, `you are joining pre-existing session ${destNick}`),
            ),
            x,
          ),
        );
      }
      if (isFirstDestSession && isLastOrigSession) {
        // MUC-NICK-5: a plain nick change: 303 with the new nick.
        add(origX, el('status', { code: '303' }));
      } else {
        orig.removeSession(realJid);
        const x = mucUserX();
        addItem(x, {
          affiliation: room.getAffiliation(bareJid),
          role: orig.role,
          jid: realJid,
          nick: destNick,
        });
        add(x, el('status', { code: '303' }));
        add(x, el('status', { code: '110' }));
        room.route(add(generatedUnavail, x));
        destNick = undefined;
      }
    }
    room.saveOccupant(orig);
    publicise(room, orig, origX, { nick: destNick, prevRole: origRole });
    if (isLastOrigSession) room.occupantLeft();
  }

  if (dest) {
    dest.setSession(realJid, stanza);
    room.saveOccupant(dest);
    if (!orig || mucX) {
      sendOccupantList(room, realJid, (_nick, o) => !o || o.presence(realJid) === undefined);
    }
    const destX = mucUserX();
    const selfX = mucUserX();
    if (!orig && room.whoisAnyone()) add(selfX, el('status', { code: '100' }));
    publicise(room, dest, { base: destX, self: selfX }, { prevRole: orig?.role });
    if (orig && orig !== dest && !isLastOrigSession) {
      const pr = orig.presence();
      if (pr) {
        const p = clone(pr);
        p.attrs.to = realJid;
        room.route(add(p, buildItemList(room, orig, mucUserX(), { anonymous: false })));
      }
    }
    if (!orig || mucX) sessionNew(room, stanza);
  }
}

/** MUC-PROBE-1..3 (respond_to_probe). */
function respondToProbe(room: Room, stanza: Element, probing: Occupant | undefined): void {
  if (!probing) {
    room.route(
      errorReply(stanza, 'cancel', 'not-acceptable', {
        text: 'You are not currently connected to this chat',
        by: room.jid,
      }),
    );
    return;
  }
  const probed = room.occupantByNick(stanza.attrs.to!);
  if (!probed) {
    const pr = unavailablePresence(room, stanza.attrs.to!, stanza.attrs.from!);
    if (pr) room.route(pr);
    return;
  }
  publicise(room, probed, mucUserX(), { recipient: probing });
}

const KICKABLE = new Set([
  'gone',
  'internal-server-error',
  'item-not-found',
  'jid-malformed',
  'recipient-unavailable',
  'redirect',
  'remote-server-not-found',
  'remote-server-timeout',
  'service-unavailable',
  'malformed error',
]);

export function isKickableError(stanza: Element): boolean {
  return KICKABLE.has(errorOf(stanza).condition ?? 'malformed error');
}

/** handle_kickable: an error from an occupant's client removes that session (333, issue978). */
export function handleKickable(room: Room, stanza: Element): void {
  const realJid = stanza.attrs.from!;
  const occupant = room.occupantByRealJid(realJid);
  if (!occupant) return;
  const { condition, text } = errorOf(stanza);
  let message = `Kicked: ${condition ? condition.replace(/-/g, ' ') : 'presence error'}`;
  if (text !== undefined && room.whoisAnyone()) message += `: ${text}`;
  occupant.setSession(realJid, el('presence', { type: 'unavailable' }, el('status', {}, message)));
  const origRole = occupant.role;
  const isLast = occupant.jid === realJid;
  if (isLast) occupant.role = undefined;
  const saved = room.saveOccupant(occupant);
  const x = mucUserX();
  if (isLast) add(x, el('status', { code: '333' }));
  publicise(room, saved ?? occupant, x, { prevRole: origRole });
  if (isLast) room.occupantLeft();
}

/** Presence to the bare room JID: treated as to the sender's current nick (buggy clients). */
export function handlePresenceToRoom(room: Room, stanza: Element): void {
  const current = room.occupantJidOf(stanza.attrs.from!);
  if (current === undefined) {
    // MUC-SVC-7: a non-occupant's presence to the bare room JID (a join without a nickname, a probe,
    // an unavailable) is unhandled: service-unavailable from the room, no `by`.
    if (stanza.attrs.type !== 'error') room.route(errorReply(stanza, 'cancel', 'service-unavailable'));
    return;
  }
  const to = stanza.attrs.to;
  stanza.attrs.to = current;
  handlePresenceToOccupant(room, stanza);
  stanza.attrs.to = to;
}

export function handlePresenceToOccupant(room: Room, stanza: Element): void {
  const type = stanza.attrs.type;
  if (type === 'error') {
    handleKickable(room, stanza);
  } else if (type === undefined || type === 'unavailable' || type === 'probe') {
    handleNormalPresence(room, stanza);
  } else if (type !== 'result' && type !== 'visible' && type !== 'invisible') {
    room.route(errorReply(stanza, 'modify', 'bad-request', { by: room.jid }));
  }
}
