// Room registration (XEP-0045 §7.10, muc#register) and reserved nicknames as Prosody 0.12's
// register.lib.lua: only affiliated users may register (allow_unaffiliated_register = false);
// registering makes the user a member with that nick; <remove/> drops membership (MUC-REG-*).
import type { Element } from 'ltx';
import type { Room } from './room';
import { setAffiliation } from './affiliations';
import { formType, readForm, renderForm, type Layout } from './dataforms';
import { strictResourceprep } from './nickprep';
import { add, bare, child, el, elements, errorReply, NS_DATA, NS_REGISTER, reply } from './xml';

export const REGISTRATION_FORM: Layout = {
  fields: [
    { name: 'FORM_TYPE', type: 'hidden', value: 'http://jabber.org/protocol/muc#register' },
    { name: 'muc#register_roomnick', type: 'text-single', required: true, label: 'Nickname' },
  ],
};

export function handleRegisterIq(room: Room, stanza: Element): void {
  const type = stanza.attrs.type;
  if (type !== 'get' && type !== 'set') return;
  const userJid = bare(stanza.attrs.from!).toLowerCase();
  const affiliation = room.getAffiliation(userJid);
  if (affiliation === 'outcast') {
    room.route(errorReply(stanza, 'auth', 'forbidden'));
    return;
  }
  if (!affiliation) {
    // MUC-REG-1
    room.route(errorReply(stanza, 'auth', 'registration-required'));
    return;
  }
  const r = reply(stanza);
  const registered = room.registeredNick(userJid);
  if (type === 'get') {
    const q = el('query', { xmlns: NS_REGISTER });
    add(r, q);
    if (registered !== undefined) {
      add(q, el('registered'));
      add(q, el('username', {}, registered));
    } else {
      add(q, renderForm(REGISTRATION_FORM));
    }
    room.route(r);
    return;
  }
  const query = elements(stanza)[0];
  if (query && child(query, 'remove')) {
    // MUC-REG-3: unregistering drops membership (owners/admins keep theirs) and the nick.
    const newAff = affiliation !== 'member' ? affiliation : undefined;
    const outcome = setAffiliation(room, {
      actor: true,
      jid: userJid,
      affiliation: newAff ?? 'none',
      data: null,
    });
    room.route(outcome.ok ? r : errorReply(stanza, outcome.type, outcome.condition));
    return;
  }
  const form = query ? child(query, 'x', NS_DATA) : undefined;
  if (!form) {
    room.route(errorReply(stanza, 'modify', 'bad-request', { text: 'Missing dataform' }));
    return;
  }
  const ft = formType(form);
  if (ft === undefined) {
    room.route(errorReply(stanza, 'modify', 'bad-request', { text: 'Error with form: Missing FORM_TYPE' }));
    return;
  }
  if (ft !== 'http://jabber.org/protocol/muc#register') {
    room.route(errorReply(stanza, 'modify', 'bad-request', { text: 'Error in form' }));
    return;
  }
  const data = readForm(REGISTRATION_FORM, form);
  const raw = data.values['muc#register_roomnick'];
  const desired = typeof raw === 'string' ? strictResourceprep(raw) : undefined;
  if (desired === undefined) {
    room.route(errorReply(stanza, 'modify', 'bad-request', { text: 'Invalid Nickname' }));
    return;
  }
  const current = room.occupantByNick(`${room.jid}/${desired}`);
  if (current && current.bareJid !== userJid) {
    room.route(errorReply(stanza, 'cancel', 'conflict'));
    return;
  }
  const reservedBy = room.registeredJid(desired);
  if (reservedBy !== undefined && reservedBy !== userJid) {
    room.route(errorReply(stanza, 'cancel', 'conflict'));
    return;
  }
  if (registered !== desired) {
    // MUC-REG-2
    const outcome = setAffiliation(room, {
      actor: true,
      jid: userJid,
      affiliation,
      data: {
        reservedNickname: desired,
      },
    });
    room.route(outcome.ok ? r : errorReply(stanza, outcome.type, outcome.condition));
    return;
  }
  room.route(r);
}
