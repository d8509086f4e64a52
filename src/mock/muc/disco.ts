// Service discovery of the MUC service and its rooms (XEP-0030, XEP-0045 §6), with the identities,
// features and muc#roominfo form Prosody 0.12 (+ muc_mam) reports (MUC-DISCO-*).
import type { Element } from 'ltx';
import type { Room } from './room';
import { renderForm, type Field } from './dataforms';
import { hostDiscoInfo } from '../serverInfo';
import {
  add,
  clone,
  el,
  elements,
  NS_DISCO_INFO,
  NS_DISCO_ITEMS,
  NS_MAM,
  NS_OCCUPANT_ID,
  NS_STANZA_ID,
  reply,
} from './xml';
import { archivingEnabled } from './config';
import { ALLOW_MEMBER_INVITES } from './config-form';

export const SERVICE_NAME = 'Prosody Chatrooms';

/** disco#info of a room; node x-roomuser-item answers the sender's reserved nick (MUC-DISCO-2). */
export function roomDiscoInfo(room: Room, stanza: Element): Element {
  const node = elements(stanza)[0]?.attrs.node;
  const q = el('query', { xmlns: NS_DISCO_INFO, node });
  const r = add(reply(stanza), q);
  if (node !== undefined && node !== '') {
    if (node === 'x-roomuser-item') {
      const nick = room.registeredNick(stanza.attrs.from!.split('/')[0].toLowerCase());
      if (nick !== undefined) add(q, el('identity', { category: 'conference', type: 'text', name: nick }));
    }
    return r;
  }
  const c = room.config;
  const feature = (v: string) => add(q, el('feature', { var: v }));
  feature('http://jabber.org/protocol/muc');
  feature('http://jabber.org/protocol/muc#stable_id');
  feature('http://jabber.org/protocol/muc#self-ping-optimization');
  feature(c.whois !== 'anyone' ? 'muc_semianonymous' : 'muc_nonanonymous');
  add(q, el('identity', { category: 'conference', type: 'text', name: c.name }));
  feature(c.hidden ? 'muc_hidden' : 'muc_public');
  feature(c.password !== undefined ? 'muc_passwordprotected' : 'muc_unsecured');
  feature(c.membersOnly ? 'muc_membersonly' : 'muc_open');
  feature(c.moderated ? 'muc_moderated' : 'muc_unmoderated');
  feature('http://jabber.org/protocol/muc#request');
  feature(c.persistent ? 'muc_persistent' : 'muc_temporary');
  feature('jabber:iq:register');
  feature(NS_OCCUPANT_ID);
  if (archivingEnabled(c)) {
    feature(NS_MAM);
    feature(`${NS_MAM}#extended`);
  }
  feature(NS_STANZA_ID);
  const fields: Field[] = [
    { name: 'FORM_TYPE', type: 'hidden', value: 'http://jabber.org/protocol/muc#roominfo' },
    { name: 'muc#roominfo_occupants', label: 'Number of occupants', value: String(room.occupantCount()) },
    { name: 'muc#roomconfig_roomname', type: 'text-single', label: 'Title', value: c.name },
    { name: 'muc#roominfo_description', label: 'Description', value: c.description ?? '' },
    { name: 'muc#roominfo_lang', value: c.language ?? '' },
    {
      name: ALLOW_MEMBER_INVITES,
      label: 'Allow members to invite new members',
      type: 'boolean',
      value: c.allowMemberInvites,
    },
    {
      name: 'muc#roomconfig_allowinvites',
      label: 'Allow users to invite other users',
      type: 'boolean',
      value: !c.membersOnly || c.allowMemberInvites,
    },
    { name: 'muc#roomconfig_changesubject', type: 'boolean', value: c.changeSubject ? true : undefined },
  ];
  add(q, renderForm({ fields }, 'result'));
  return r;
}

export function roomDiscoItems(stanza: Element): Element {
  return add(reply(stanza), el('query', { xmlns: NS_DISCO_ITEMS }));
}

/** The service's own disco#info (mod_disco on the component host). */
export function serviceDiscoInfo(stanza: Element): Element {
  const node = elements(stanza)[0]?.attrs.node;
  const q = el('query', { xmlns: NS_DISCO_INFO, node });
  if (node === undefined) {
    add(q, el('identity', { category: 'conference', type: 'text', name: SERVICE_NAME }));
    for (const v of [
      'http://jabber.org/protocol/disco#info',
      'http://jabber.org/protocol/disco#items',
      'http://jabber.org/protocol/muc#unique',
      NS_MAM,
      NS_OCCUPANT_ID,
      'http://jabber.org/protocol/muc',
      'http://jabber.org/protocol/commands',
    ]) {
      add(q, el('feature', { var: v }));
    }
    // mod_server_contact_info (a global module) answers on the component too: the same XEP-0157 form.
    const form = hostDiscoInfo().getChild('x', 'jabber:x:data');
    if (form) add(q, clone(form));
  }
  return add(reply(stanza), q);
}

/** Public rooms (mod_muc host-disco-items), or the ad-hoc command list. */
export function serviceDiscoItems(stanza: Element, rooms: Room[], isAdmin: boolean): Element {
  const node = elements(stanza)[0]?.attrs.node;
  const q = el('query', { xmlns: NS_DISCO_ITEMS, node });
  if (node === 'http://jabber.org/protocol/commands') {
    if (isAdmin) {
      add(
        q,
        el('item', {
          name: 'Destroy Rooms',
          node: 'http://prosody.im/protocol/muc#destroy',
          jid: stanza.attrs.to,
        }),
      );
      add(
        q,
        el('item', {
          name: 'Set affiliation in room',
          node: 'http://prosody.im/protocol/muc#set-affiliation',
          jid: stanza.attrs.to,
        }),
      );
    }
  } else if (node === undefined) {
    for (const room of rooms) {
      if (!room.config.hidden) add(q, el('item', { jid: room.jid, name: room.config.name }));
    }
  }
  return add(reply(stanza), q);
}
