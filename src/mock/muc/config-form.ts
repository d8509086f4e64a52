// The owner configuration form (XEP-0045 §10.2, muc#roomconfig) with Prosody 0.12's fields, order,
// labels and values (the muc-config-form hooks by priority; muc_mam adds enablearchiving), and the
// submission's effects with their status codes (MUC-CONF-*).
import type { Layout } from './dataforms';
import { archivingEnabled, defaultHistoryMessages, historyLength, type RoomConfig } from './config';

export const ROOMCONFIG = 'http://jabber.org/protocol/muc#roomconfig';
export const ALLOW_MEMBER_INVITES = '{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites';

export function configLayout(roomJid: string, c: RoomConfig): Layout {
  const broadcast = ['none', 'visitor', 'participant', 'moderator'].filter((r) =>
    c.presenceBroadcast.has(r as never),
  );
  return {
    title: `Configuration for ${roomJid}`,
    instructions: 'Complete and submit this form to configure the room.',
    fields: [
      { name: 'FORM_TYPE', type: 'hidden', value: ROOMCONFIG },
      { type: 'fixed', value: 'Room information' },
      { name: 'muc#roomconfig_roomname', type: 'text-single', label: 'Title', value: c.name },
      {
        name: 'muc#roomconfig_roomdesc',
        type: 'text-single',
        label: 'Description',
        desc: 'A brief description of the room',
        value: c.description ?? '',
      },
      {
        name: 'muc#roomconfig_lang',
        type: 'text-single',
        label: "Language tag for room (e.g. 'en', 'de', 'fr' etc.)",
        desc: 'Indicate the primary language spoken in this room',
        datatype: 'xs:language',
        value: c.language ?? '',
      },
      {
        name: 'muc#roomconfig_persistentroom',
        type: 'boolean',
        label: 'Persistent (room should remain even when it is empty)',
        desc: 'Rooms are automatically deleted when they are empty, unless this option is enabled',
        value: c.persistent ? true : undefined,
      },
      {
        name: 'muc#roomconfig_publicroom',
        type: 'boolean',
        label: 'Include room information in public lists',
        desc: 'Enable this to allow people to find the room',
        value: !c.hidden,
      },
      { type: 'fixed', value: 'Access to the room' },
      { name: 'muc#roomconfig_roomsecret', type: 'text-private', label: 'Password', value: c.password ?? '' },
      {
        name: 'muc#roomconfig_membersonly',
        type: 'boolean',
        label: 'Only allow members to join',
        desc: 'Enable this to only allow access for room owners, admins and members',
        value: c.membersOnly ? true : undefined,
      },
      {
        name: ALLOW_MEMBER_INVITES,
        type: 'boolean',
        label: 'Allow members to invite new members',
        value: c.allowMemberInvites ? true : undefined,
      },
      { type: 'fixed', value: 'Permissions in the room' },
      {
        name: 'muc#roomconfig_changesubject',
        type: 'boolean',
        label: "Allow anyone to set the room's subject",
        desc: "Choose whether anyone, or only moderators, may set the room's subject",
        value: c.changeSubject ? true : undefined,
      },
      {
        name: 'muc#roomconfig_moderatedroom',
        type: 'boolean',
        label: 'Moderated (require permission to speak)',
        desc: 'In moderated rooms occupants must be given permission to speak by a room moderator',
        value: c.moderated ? true : undefined,
      },
      {
        name: 'muc#roomconfig_whois',
        type: 'list-single',
        label: 'Addresses (JIDs) of room occupants may be viewed by:',
        options: [
          { value: 'moderators', label: 'Moderators only', default: c.whois === 'moderators' },
          { value: 'anyone', label: 'Anyone', default: c.whois === 'anyone' },
        ],
      },
      { type: 'fixed', value: 'Other options' },
      {
        name: 'muc#roomconfig_historylength',
        type: 'text-single',
        datatype: 'xs:integer',
        label: 'Maximum number of history messages returned by room',
        desc: 'Specify the maximum number of previous messages that should be sent to users when they join the room',
        value: historyLength(c),
      },
      {
        name: 'muc#roomconfig_defaulthistorymessages',
        type: 'text-single',
        datatype: 'xs:integer',
        label: 'Default number of history messages returned by room',
        desc: 'Specify the number of previous messages sent to new users when they join the room',
        value: defaultHistoryMessages(c),
      },
      {
        name: 'muc#roomconfig_presencebroadcast',
        type: 'list-multi',
        label: 'Only show participants with roles:',
        value: broadcast,
        options: ['none', 'visitor', 'participant', 'moderator'],
      },
      {
        name: 'muc#roomconfig_enablearchiving',
        type: 'boolean',
        label: 'Enable archiving?',
        value: archivingEnabled(c),
      },
    ],
  };
}
