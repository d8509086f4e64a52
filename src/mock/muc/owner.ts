// The owner's iqs (XEP-0045 §10; Prosody handle_owner_query_*): the configuration form, its
// submission (unlocks a new room, status codes 104/170/171/172/173, members-only kicks with 322,
// presence-broadcast changes), and destruction with reason and alternate venue (MUC-CONF-*,
// MUC-DESTROY-*).
import type { Element } from 'ltx';
import { mucUserX } from './items';
import type { Room } from './room';
import { publicise } from './broadcast';
import { broadcastMessage } from './messages';
import { readForm, renderForm, formType } from './dataforms';
import { configLayout, ALLOW_MEMBER_INVITES, ROOMCONFIG } from './config-form';
import { DEFAULT_HISTORY_LENGTH, type BroadcastRole } from './config';
import { affiliationRank } from './roles';
import { add, childText, el, elements, errorReply, NS_DATA, NS_MUC_OWNER, reply } from './xml';

export function handleOwnerGet(room: Room, stanza: Element): void {
  if (room.getAffiliation(stanza.attrs.from!) !== 'owner') {
    room.route(errorReply(stanza, 'auth', 'forbidden', { text: 'Only owners can configure rooms' }));
    return;
  }
  const r = reply(stanza);
  add(r, add(el('query', { xmlns: NS_MUC_OWNER }), renderForm(configLayout(room.jid, room.config))));
  room.route(r);
}

export function handleOwnerSet(room: Room, stanza: Element): void {
  if (room.getAffiliation(stanza.attrs.from!) !== 'owner') {
    room.route(errorReply(stanza, 'auth', 'forbidden', { text: 'Only owners can configure rooms' }));
    return;
  }
  const query = elements(stanza)[0];
  const payload = query ? elements(query)[0] : undefined;
  if (!payload) {
    room.route(errorReply(stanza, 'modify', 'bad-request'));
    return;
  }
  if (payload.name === 'destroy') {
    destroyRoom(room, payload.attrs.jid, childText(payload, 'reason'), childText(payload, 'password'));
    room.route(reply(stanza));
    return;
  }
  if (payload.name === 'x' && payload.attrs.xmlns === NS_DATA) {
    processForm(room, stanza, payload);
    return;
  }
  room.route(errorReply(stanza, 'cancel', 'service-unavailable'));
}

/** process_form (MUC-CONF-2..6). */
function processForm(room: Room, stanza: Element, form: Element): void {
  const formT = form.attrs.type;
  if (formT === 'cancel') {
    room.route(reply(stanza));
    return;
  }
  if (formT !== 'submit') {
    room.route(errorReply(stanza, 'cancel', 'bad-request', { text: 'Not a submitted form' }));
    return;
  }
  let values: Record<string, unknown> = {};
  let present: string[] = [];
  if (elements(form).length > 0) {
    const data = readForm(configLayout(room.jid, room.config), form);
    if (formType(form) !== ROOMCONFIG) {
      room.route(
        errorReply(stanza, 'cancel', 'bad-request', { text: 'Form is not of type room configuration' }),
      );
      return;
    }
    values = data.values;
    present = data.present;
  }
  const codes = new Set<string>();
  // muc-config-submitted: the lock goes (MUC-CREATE-3).
  room.unlock();
  const c = room.config;
  for (const field of present) {
    const v = values[field];
    switch (field) {
      case 'muc#roomconfig_roomname': {
        const name = v === '' ? undefined : (v as string | undefined);
        if (c.name !== name) {
          room.configure({ name });
          codes.add('104');
        }
        break;
      }
      case 'muc#roomconfig_roomdesc': {
        const d = v === '' ? undefined : (v as string | undefined);
        if (c.description !== d) {
          room.configure({ description: d });
          codes.add('104');
        }
        break;
      }
      case 'muc#roomconfig_lang': {
        const l = v === '' ? undefined : (v as string | undefined);
        if (c.language !== l) {
          room.configure({ language: l });
          codes.add('104');
        }
        break;
      }
      case 'muc#roomconfig_persistentroom':
        if (c.persistent !== Boolean(v)) {
          room.configure({ persistent: Boolean(v) });
          codes.add('104');
        }
        break;
      case 'muc#roomconfig_publicroom':
        if (c.hidden !== !v) {
          room.configure({ hidden: !v });
          codes.add('104');
        }
        break;
      case 'muc#roomconfig_roomsecret': {
        const p = v === '' ? undefined : (v as string | undefined);
        if (c.password !== p) {
          room.configure({ password: p });
          codes.add('104');
        }
        break;
      }
      case 'muc#roomconfig_membersonly':
        if (setMembersOnly(room, Boolean(v))) codes.add('104');
        break;
      case ALLOW_MEMBER_INVITES:
        if (c.allowMemberInvites !== Boolean(v)) {
          room.configure({ allowMemberInvites: Boolean(v) });
          codes.add('104');
        }
        break;
      case 'muc#roomconfig_changesubject':
        if (c.changeSubject !== Boolean(v)) {
          room.configure({ changeSubject: Boolean(v) });
          codes.add('104');
        }
        break;
      case 'muc#roomconfig_moderatedroom':
        if (c.moderated !== Boolean(v)) {
          room.configure({ moderated: Boolean(v) });
          codes.add('104');
        }
        break;
      case 'muc#roomconfig_whois':
        if ((v === 'moderators' || v === 'anyone') && c.whois !== v) {
          room.configure({ whois: v });
          codes.add(v === 'moderators' ? '173' : '172');
        }
        break;
      case 'muc#roomconfig_historylength': {
        // set_historylength always reports a change (Prosody returns true).
        const n = typeof v === 'number' ? v : undefined;
        room.configure({ historyLength: n === DEFAULT_HISTORY_LENGTH ? undefined : n });
        codes.add('104');
        break;
      }
      case 'muc#roomconfig_defaulthistorymessages': {
        const n = typeof v === 'number' ? v : DEFAULT_HISTORY_LENGTH;
        const m = Math.min(n, c.historyLength ?? DEFAULT_HISTORY_LENGTH);
        room.configure({ defaultHistoryMessages: m === DEFAULT_HISTORY_LENGTH ? undefined : m });
        // set_defaulthistorymessages returns nothing: no status code.
        break;
      }
      case 'muc#roomconfig_presencebroadcast':
        if (setPresenceBroadcast(room, new Set(((v as string[] | undefined) ?? []) as BroadcastRole[])))
          codes.add('104');
        break;
      case 'muc#roomconfig_enablearchiving':
        room.configure({ archiving: Boolean(v) });
        codes.add(v ? '170' : '171');
        break;
    }
  }
  room.route(reply(stanza));
  if (codes.size > 0) {
    const x = mucUserX();
    for (const code of ['104', '170', '171', '172', '173'])
      if (codes.has(code)) add(x, el('status', { code }));
    broadcastMessage(room, add(el('message', { type: 'groupchat', from: room.jid }), x));
  }
}

/** set_members_only: non-members are removed with 322 (MUC-CONF-4, XEP-0045 §9.3). */
function setMembersOnly(room: Room, on: boolean): boolean {
  if (room.config.membersOnly === on) return false;
  room.configure({ membersOnly: on });
  if (on) {
    const changed = [];
    for (const occupant of room.eachOccupant()) {
      if (affiliationRank(room.getAffiliation(occupant.bareJid)) <= affiliationRank(undefined)) {
        occupant.role = undefined;
        room.saveOccupant(occupant);
        changed.push(occupant);
      }
    }
    const x = add(mucUserX(), el('status', { code: '322' }));
    for (const occupant of changed) {
      publicise(room, occupant, x);
      room.occupantLeft();
    }
  }
  return true;
}

const BROADCAST_ROLES: BroadcastRole[] = ['none', 'visitor', 'participant', 'moderator'];

/** set_presence_broadcast (MUC-CONF-5): occupants appear to or vanish from the others. */
function setPresenceBroadcast(room: Room, roles: Set<BroadcastRole>): boolean {
  const old = room.config.presenceBroadcast;
  if (!BROADCAST_ROLES.some((r) => old.has(r) !== roles.has(r))) return false;
  room.configure({ presenceBroadcast: roles });
  for (const occupant of room.eachOccupant()) {
    const role = occupant.role ?? 'none';
    if (roles.has(role) && !old.has(role)) publicise(room, occupant, mucUserX());
    else if (old.has(role) && !roles.has(role))
      publicise(room, occupant, mucUserX(), { forceUnavailable: true });
  }
  return true;
}

/** room:destroy(newjid, reason, password) (MUC-DESTROY-1..3). */
export function destroyRoom(room: Room, newJid?: string, reason?: string, password?: string): void {
  const x = mucUserX();
  const d = el('destroy', { jid: newJid });
  if (reason !== undefined) add(d, el('reason', {}, reason));
  if (password !== undefined) add(d, el('password', {}, password));
  add(x, d);
  room.markDestroying();
  const updated = [];
  for (const occupant of room.eachOccupant()) {
    const prevRole = occupant.role;
    occupant.role = undefined;
    room.saveOccupant(occupant);
    updated.push({ occupant, prevRole });
  }
  for (const { occupant, prevRole } of updated) publicise(room, occupant, x, { prevRole });
  room.host.roomDestroyed(room, { reason, newJid });
}
