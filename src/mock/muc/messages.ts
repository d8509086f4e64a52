// Messages to a room and to occupants (XEP-0045 §7.4-§7.5, §7.8, §8.1, §8.6): groupchat with role
// checks and subject changes, private messages and iqs, mediated invitations and declines, voice
// requests (MUC-MSG-*, MUC-SUBJ-*, MUC-PM-*, MUC-INV-*, MUC-VOICE-*).
import type { Element } from 'ltx';
import { mucUserX } from './items';
import type { Room } from './room';
import { stampOccupantId } from './broadcast';
import { addToHistory } from './history';
import { handleKickable, isKickableError } from './presence';
import { setAffiliation, setRole } from './affiliations';
import { readForm, formType, renderForm, type Layout } from './dataforms';
import { affiliationRank, roleRank } from './roles';
import {
  add,
  bare,
  child,
  childText,
  clone,
  el,
  elements,
  errorReply,
  NS_DATA,
  NS_DELAY,
  NS_MUC,
  NS_MUC_USER,
  removeChildren,
  resource,
  textOf,
} from './xml';

/** muc_util.filter_muc_x: drop MUC namespaces from a copy. */
function filterMucX(stanza: Element): Element {
  removeChildren(stanza, (c) => c.attrs.xmlns === NS_MUC || c.attrs.xmlns === NS_MUC_USER);
  return stanza;
}

/** broadcast_message: history/archive first (adds stanza-id), then every occupant. */
export function broadcastMessage(room: Room, stanza: Element): void {
  addToHistory(room, stanza);
  for (const occupant of [...room.liveOccupants()]) room.routeToOccupant(occupant, stanza);
}

/** set_subject (MUC-SUBJ-2): a subject message from the changer to everyone. */
function setSubject(room: Room, from: string, subject: string | undefined): void {
  const s = subject === '' ? undefined : subject;
  if (!room.setSubject(from, s)) return;
  broadcastMessage(room, el('message', { from, type: 'groupchat' }, el('subject', {}, ...(s ? [s] : []))));
}

/** handle_groupchat_to_room (MUC-MSG-1..4). */
function handleGroupchat(room: Room, stanza: Element): void {
  const from = stanza.attrs.from!;
  const occupant = room.occupantByRealJid(from);
  if (stanza.attrs.id === undefined) stanza.attrs.id = room.host.newId();
  // Role check (priority 50)
  const rank = roleRank(occupant?.role);
  if (rank <= roleRank(undefined)) {
    room.route(
      errorReply(stanza, 'cancel', 'not-acceptable', {
        text: 'You are not currently connected to this chat',
      }),
    );
    return;
  }
  if (rank <= roleRank('visitor')) {
    room.route(
      errorReply(stanza, 'auth', 'forbidden', {
        text: 'You do not currently have permission to speak in this chat',
      }),
    );
    return;
  }
  // Subject (priority 20): a <subject> with no <body>/<thread> (issue 667).
  const subject = child(stanza, 'subject');
  if (subject && !child(stanza, 'body') && !child(stanza, 'thread')) {
    if (rank >= roleRank('moderator') || (rank >= roleRank('participant') && room.config.changeSubject)) {
      setSubject(room, occupant!.nick, textOf(subject));
    } else {
      room.route(
        errorReply(stanza, 'auth', 'forbidden', { text: 'You are not allowed to change the subject' }),
      );
    }
    return;
  }
  // Strip <delay> claiming to be from the room; stamp occupant-id.
  removeChildren(
    stanza,
    (c) =>
      ((c.name === 'delay' && c.attrs.xmlns === NS_DELAY) ||
        (c.name === 'x' && c.attrs.xmlns === 'jabber:x:delay')) &&
      c.attrs.from === room.jid,
  );
  stampOccupantId(room, stanza, occupant!);
  stanza.attrs.from = occupant!.nick;
  broadcastMessage(room, stanza);
  stanza.attrs.from = from;
}

/** handle_mediated_invite (MUC-INV-1..4). */
function handleInvite(room: Room, stanza: Element, payload: Element): void {
  const invitee = payload.attrs.to!;
  const from = stanza.attrs.from!;
  // muc-pre-invite: visitors may not invite; members-only needs admin (or member if allowed).
  const inviter = room.occupantByRealJid(from);
  const role = inviter?.role ?? room.defaultRole(room.getAffiliation(from));
  if (roleRank(role) <= roleRank('visitor')) {
    room.route(errorReply(stanza, 'auth', 'forbidden'));
    return;
  }
  if (room.config.membersOnly) {
    const required = room.config.allowMemberInvites ? 'member' : 'admin';
    if (affiliationRank(room.getAffiliation(from)) < affiliationRank(required)) {
      room.route(errorReply(stanza, 'auth', 'forbidden', { by: room.jid }));
      return;
    }
  }
  const invite = filterMucX(clone(stanza));
  invite.attrs.from = room.jid;
  invite.attrs.to = invitee;
  const reason = childText(payload, 'reason');
  const inviteEl = el('invite', { from }, el('reason', {}, ...(reason ? [reason] : [])));
  const x = add(mucUserX(), inviteEl);
  add(invite, x);
  // muc-invite hooks: whois (50) hides the inviter's JID, members-only grants membership,
  // password adds it, then the jabber:x:conference and <body> compat additions.
  if (room.config.whois === 'moderators' && room.defaultRole(room.getAffiliation(invitee)) !== 'moderator') {
    const nick = room.occupantJidOf(from);
    if (nick !== undefined) inviteEl.attrs.from = nick;
  }
  if (
    room.config.membersOnly &&
    affiliationRank(room.getAffiliation(invitee)) <= affiliationRank(undefined)
  ) {
    setAffiliation(room, {
      actor: true,
      jid: invitee,
      affiliation: 'member',
      reason: `Invited by ${inviteEl.attrs.from}`,
    });
  }
  if (room.config.password !== undefined) add(x, el('password', {}, room.config.password));
  add(invite, el('x', { xmlns: 'jabber:x:conference', jid: room.jid }, ...(reason ? [reason] : [])));
  if (!child(invite, 'body')) {
    const r = reason ?? '';
    add(
      invite,
      el(
        'body',
        {},
        `${inviteEl.attrs.from} invited you to the room ${room.jid}${r !== '' ? ` (${r})` : ''}`,
      ),
    );
  }
  room.route(invite);
}

/** handle_mediated_decline (MUC-INV-5). */
function handleDecline(room: Room, stanza: Element, payload: Element): void {
  const declinee = payload.attrs.to!;
  const decline = filterMucX(clone(stanza));
  decline.attrs.from = room.jid;
  decline.attrs.to = declinee;
  const reason = childText(payload, 'reason');
  add(
    decline,
    add(
      mucUserX(),
      el('decline', { from: stanza.attrs.from }, el('reason', {}, ...(reason ? [reason] : []))),
    ),
  );
  if (!child(decline, 'body')) {
    const r = reason ?? '';
    add(
      decline,
      el(
        'body',
        {},
        `${stanza.attrs.from} declined your invite to the room ${room.jid}${r !== '' ? ` (${r})` : ''}`,
      ),
    );
  }
  const occupant = bare(declinee) === room.jid ? room.occupantByNick(declinee) : undefined;
  if (occupant) room.routeToOccupant(occupant, decline);
  else room.route(decline);
}

export const VOICE_REQUEST: Layout = {
  title: 'Voice Request',
  fields: [
    { name: 'FORM_TYPE', type: 'hidden', value: 'http://jabber.org/protocol/muc#request' },
    { name: 'muc#jid', type: 'jid-single', label: 'User ID', desc: "The user's JID (address)" },
    {
      name: 'muc#roomnick',
      type: 'text-single',
      label: 'Room nickname',
      desc: "The user's nickname within the room",
    },
    {
      name: 'muc#role',
      type: 'list-single',
      label: 'Requested role',
      value: 'participant',
      options: ['none', 'visitor', 'participant', 'moderator'],
    },
    {
      name: 'muc#request_allow',
      type: 'boolean',
      label: 'Grant voice to this person?',
      desc: 'Specify whether this person is able to speak in a moderated room',
      value: false,
    },
  ],
};

/** Voice requests and their approval (MUC-VOICE-1..2, XEP-0045 §7.13 / §8.6). */
function handleRoleRequest(room: Room, stanza: Element, form: Element): void {
  const occupant = room.occupantByRealJid(stanza.attrs.from!);
  if (!occupant) return;
  const { values } = readForm(VOICE_REQUEST, form);
  if (occupant.role === 'moderator') {
    if (!values['muc#request_allow']) return;
    const affected = room.occupantByRealJid(String(values['muc#jid'] ?? ''));
    if (!affected || affected.role !== 'visitor') return;
    const r = setRole(room, {
      actor: stanza.attrs.from!,
      occupant: affected.nick,
      role: 'participant',
      reason: 'Voice granted',
    });
    if (!r.ok) room.route(errorReply(stanza, r.type, r.condition));
  } else if (occupant.role === 'visitor') {
    const msg = el('message', { type: 'normal', from: room.jid });
    add(
      msg,
      renderForm(VOICE_REQUEST, 'form', {
        'muc#jid': stanza.attrs.from,
        'muc#roomnick': resource(occupant.nick),
      }),
    );
    for (const o of room.eachOccupant()) if (o.role === 'moderator') room.routeToOccupant(o, msg);
  }
}

/** handle_message_to_room */
export function handleMessageToRoom(room: Room, stanza: Element): void {
  const type = stanza.attrs.type;
  if (type === 'groupchat') {
    handleGroupchat(room, stanza);
  } else if (type === 'error' && isKickableError(stanza)) {
    handleKickable(room, stanza);
  } else if (type === undefined || type === 'normal') {
    const x = child(stanza, 'x', NS_MUC_USER);
    if (x) {
      const payload = elements(x)[0];
      if (payload?.name === 'invite' && payload.attrs.to) return handleInvite(room, stanza, payload);
      if (payload?.name === 'decline' && payload.attrs.to) return handleDecline(room, stanza, payload);
      room.route(errorReply(stanza, 'cancel', 'bad-request'));
      return;
    }
    const form = child(stanza, 'x', NS_DATA);
    if (formType(form) === 'http://jabber.org/protocol/muc#request') {
      handleRoleRequest(room, stanza, form!);
      return;
    }
  }
  // MUC-SVC-9: any other message to the room (normal without an invite, decline or voice request;
  // chat; headline) is unhandled: service-unavailable from the room, no `by`.
  if (type !== 'error' && type !== 'groupchat')
    room.route(errorReply(stanza, 'cancel', 'service-unavailable'));
}

/** handle_message_to_occupant: private messages (MUC-PM-1..3). */
export function handleMessageToOccupant(room: Room, stanza: Element): void {
  const from = stanza.attrs.from!;
  const to = stanza.attrs.to!;
  const currentNick = room.occupantJidOf(from);
  const type = stanza.attrs.type;
  if (currentNick === undefined) {
    if (type !== 'error') {
      room.route(
        errorReply(stanza, 'cancel', 'not-acceptable', {
          text: 'You are not currently connected to this chat',
          by: room.jid,
        }),
      );
    }
    return;
  }
  if (type === 'groupchat') {
    room.route(errorReply(stanza, 'modify', 'bad-request', { by: room.jid }));
    return;
  }
  if (type === 'error' && isKickableError(stanza)) {
    handleKickable(room, stanza);
    return;
  }
  const target = room.occupantByNick(to);
  if (!target) {
    room.route(
      errorReply(stanza, 'cancel', 'item-not-found', { text: 'Recipient not in room', by: room.jid }),
    );
    return;
  }
  const pm = filterMucX(clone(stanza));
  add(pm, mucUserX());
  pm.attrs.from = currentNick;
  const sender = room.occupantByNick(currentNick);
  if (sender) stampOccupantId(room, pm, sender);
  room.routeToOccupant(target, pm);
}

/** handle_iq_to_occupant: iqs between occupants, ids rewritten (MUC-PM-4). */
export function handleIqToOccupant(room: Room, stanza: Element): void {
  const from = stanza.attrs.from!;
  const to = stanza.attrs.to!;
  const type = stanza.attrs.type;
  const occupant = room.occupantByNick(to);
  if (type === 'error' || type === 'result') {
    if (!occupant) return;
    const decoded = decodeId(stanza.attrs.id ?? '');
    if (!decoded) return;
    if (!(from === decoded.from || from === bare(decoded.from))) return;
    const fromOccupantJid = room.occupantJidOf(decoded.from);
    if (fromOccupantJid === undefined) return;
    const sessionJid = [...occupant.sessions.keys()].find((j) => j === decoded.to);
    if (sessionJid === undefined) return;
    const out = clone(stanza);
    out.attrs.from = fromOccupantJid;
    out.attrs.to = sessionJid;
    out.attrs.id = decoded.id;
    room.route(out);
    return;
  }
  const currentNick = room.occupantJidOf(from);
  if (currentNick === undefined) {
    room.route(
      errorReply(stanza, 'cancel', 'not-acceptable', {
        text: 'You are not currently connected to this chat',
        by: room.jid,
      }),
    );
    return;
  }
  if (!occupant) {
    room.route(
      errorReply(stanza, 'cancel', 'item-not-found', { text: 'Recipient not in room', by: room.jid }),
    );
    return;
  }
  if (to === currentNick && type === 'get' && child(stanza, 'ping', 'urn:xmpp:ping')) {
    // XEP-0410 self-ping
    room.route(el('iq', { to: from, from: to, id: stanza.attrs.id, type: 'result' }));
    return;
  }
  const out = clone(stanza);
  out.attrs.id = encodeId(occupant.jid!, stanza.attrs.id ?? '', from);
  out.attrs.from = currentNick;
  out.attrs.to = occupant.jid!;
  const ns = elements(stanza)[0]?.attrs.xmlns;
  if (
    ns === 'vcard-temp' ||
    ns === 'http://jabber.org/protocol/pubsub' ||
    ns === 'urn:ietf:params:xml:ns:vcard-4.0'
  ) {
    out.attrs.to = bare(out.attrs.to);
  }
  room.route(out);
}

// Prosody base64-encodes "to\0id\0hmac(from)"; the mock keeps the sender JID itself (no secrets here).
function encodeId(to: string, id: string, from: string): string {
  return btoa(encodeURIComponent(`${from}\u0000${id}\u0000${to}`));
}

function decodeId(id: string): { from: string; id: string; to: string } | undefined {
  try {
    const [from, orig, to] = decodeURIComponent(atob(id)).split('\u0000');
    if (from === undefined || orig === undefined || to === undefined) return undefined;
    return { from: to, id: orig, to: from };
  } catch {
    return undefined;
  }
}
