// Stanza skeletons offered as completion snippets inside a sends:/receives: block (Monaco snippet
// syntax: `${1:default}` placeholders, `${1|a,b|}` choices, `$0` final cursor, `\$` a literal dollar).
// The nick placeholder defaults to the step's client name; the room to `room@conference.localhost`,
// the mock's MUC service (and Prosody's recipe).

export interface StanzaSnippet {
  /** Shown in the completion list. */
  label: string;
  /** One line saying what it is for. */
  detail: string;
  /** The block it is offered in: what a client sends, or what it expects to receive. */
  fits: 'sends' | 'receives';
  body: (ctx: { client: string }) => string;
}

/** The skeletons offered in a `sends:` or a `receives:` block, in their list order. */
export function snippetsFor(action: 'sends' | 'receives'): StanzaSnippet[] {
  return STANZA_SNIPPETS.filter((s) => s.fits === action);
}

/** The element name a snippet body starts with (`presence`, `message`, `iq`). */
export function snippetElement(body: string): string {
  return /^<([A-Za-z][\w:.-]*)/.exec(body)?.[1] ?? '';
}

/** Escape text for use inside a snippet placeholder default (`$`, `}`, `\`). */
export function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** The snippet as it reads once inserted with its defaults (for the completion's documentation). */
export function snippetPreview(body: string): string {
  return body
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_, d: string) => d.replace(/\\(.)/g, '$1'))
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

const ROOM = '${1:room}@conference.localhost';
const NS = {
  muc: 'http://jabber.org/protocol/muc',
  user: 'http://jabber.org/protocol/muc#user',
  admin: 'http://jabber.org/protocol/muc#admin',
  owner: 'http://jabber.org/protocol/muc#owner',
  data: 'jabber:x:data',
  config: 'http://jabber.org/protocol/muc#roomconfig',
};

export const STANZA_SNIPPETS: readonly StanzaSnippet[] = [
  {
    label: 'join a room',
    detail: 'presence to room/nick with the MUC <x/> (XEP-0045 §7.2)',
    fits: 'sends',
    body: ({ client }) =>
      `<presence to="${ROOM}/\${2:${snippetText(client)}}">\n` +
      `\t<x xmlns="${NS.muc}"/>\n` +
      `</presence>$0`,
  },
  {
    label: 'join a password-protected room',
    detail: 'presence with <password/> (XEP-0045 §7.2.6)',
    fits: 'sends',
    body: ({ client }) =>
      `<presence to="${ROOM}/\${2:${snippetText(client)}}">\n` +
      `\t<x xmlns="${NS.muc}">\n` +
      `\t\t<password>\${3:secret}</password>\n` +
      `\t</x>\n` +
      `</presence>$0`,
  },
  {
    label: 'submit a config form',
    detail: 'muc#owner set with a jabber:x:data submit form (XEP-0045 §10.2)',
    fits: 'sends',
    body: () =>
      `<iq type="set" id="\${2:config1}" to="${ROOM}">\n` +
      `\t<query xmlns="${NS.owner}">\n` +
      `\t\t<x xmlns="${NS.data}" type="submit">\n` +
      `\t\t\t<field var="FORM_TYPE">\n` +
      `\t\t\t\t<value>${NS.config}</value>\n` +
      `\t\t\t</field>\n` +
      `\t\t\t<field var="\${3|muc#roomconfig_roomsecret,muc#roomconfig_passwordprotectedroom,muc#roomconfig_membersonly,muc#roomconfig_moderatedroom,muc#roomconfig_persistentroom,muc#roomconfig_publicroom,muc#roomconfig_whois,muc#roomconfig_roomname,muc#roomconfig_changesubject,muc#roomconfig_allowinvites|}">\n` +
      `\t\t\t\t<value>\${4:1}</value>\n` +
      `\t\t\t</field>\n` +
      `\t\t</x>\n` +
      `\t</query>\n` +
      `</iq>$0`,
  },
  {
    label: 'request the config form',
    detail: 'muc#owner get (XEP-0045 §10.2)',
    fits: 'sends',
    body: () =>
      `<iq type="get" id="\${2:config0}" to="${ROOM}">\n` + `\t<query xmlns="${NS.owner}"/>\n` + `</iq>$0`,
  },
  {
    label: 'create an instant room',
    detail: 'muc#owner set with an empty submit form (XEP-0045 §10.1.2)',
    fits: 'sends',
    body: () =>
      `<iq type="set" id="\${2:create1}" to="${ROOM}">\n` +
      `\t<query xmlns="${NS.owner}">\n` +
      `\t\t<x xmlns="${NS.data}" type="submit"/>\n` +
      `\t</query>\n` +
      `</iq>$0`,
  },
  {
    label: 'set an affiliation',
    detail: 'muc#admin item with an affiliation (XEP-0045 §9)',
    fits: 'sends',
    body: () =>
      `<iq type="set" id="\${2:aff1}" to="${ROOM}">\n` +
      `\t<query xmlns="${NS.admin}">\n` +
      `\t\t<item affiliation="\${3|member,admin,owner,outcast,none|}" jid="\${4:user2@localhost}"/>\n` +
      `\t</query>\n` +
      `</iq>$0`,
  },
  {
    label: 'set a role (grant or revoke voice, moderator)',
    detail: 'muc#admin item with a role, by nick (XEP-0045 §8.3–8.6)',
    fits: 'sends',
    body: () =>
      `<iq type="set" id="\${2:role1}" to="${ROOM}">\n` +
      `\t<query xmlns="${NS.admin}">\n` +
      `\t\t<item nick="\${3:Nick}" role="\${4|participant,visitor,moderator|}"/>\n` +
      `\t</query>\n` +
      `</iq>$0`,
  },
  {
    label: 'kick an occupant',
    detail: 'muc#admin item role="none" (XEP-0045 §8.2)',
    fits: 'sends',
    body: () =>
      `<iq type="set" id="\${2:kick1}" to="${ROOM}">\n` +
      `\t<query xmlns="${NS.admin}">\n` +
      `\t\t<item nick="\${3:Nick}" role="none">\n` +
      `\t\t\t<reason>\${4:Avaunt, you cullion!}</reason>\n` +
      `\t\t</item>\n` +
      `\t</query>\n` +
      `</iq>$0`,
  },
  {
    label: 'ban a user',
    detail: 'muc#admin item affiliation="outcast" (XEP-0045 §9.1)',
    fits: 'sends',
    body: () =>
      `<iq type="set" id="\${2:ban1}" to="${ROOM}">\n` +
      `\t<query xmlns="${NS.admin}">\n` +
      `\t\t<item affiliation="outcast" jid="\${3:user2@localhost}"/>\n` +
      `\t</query>\n` +
      `</iq>$0`,
  },
  {
    label: 'invite (mediated)',
    detail: 'message to the room with muc#user <invite/> (XEP-0045 §7.8.2)',
    fits: 'sends',
    body: () =>
      `<message to="${ROOM}">\n` +
      `\t<x xmlns="${NS.user}">\n` +
      `\t\t<invite to="\${2:user2@localhost}">\n` +
      `\t\t\t<reason>\${3:Join us}</reason>\n` +
      `\t\t</invite>\n` +
      `\t</x>\n` +
      `</message>$0`,
  },
  {
    label: 'groupchat message',
    detail: 'message type="groupchat" to the room (XEP-0045 §7.4)',
    fits: 'sends',
    body: () => `<message type="groupchat" to="${ROOM}">\n` + `\t<body>\${2:Hello}</body>\n` + `</message>$0`,
  },
  {
    label: 'private message',
    detail: 'message type="chat" to an occupant, room/nick (XEP-0045 §7.5)',
    fits: 'sends',
    body: () =>
      `<message type="chat" to="${ROOM}/\${2:Nick}">\n` + `\t<body>\${3:Psst}</body>\n` + `</message>$0`,
  },
  {
    label: 'change the subject',
    detail: 'groupchat message with <subject/> (XEP-0045 §8.1)',
    fits: 'sends',
    body: () =>
      `<message type="groupchat" to="${ROOM}">\n` + `\t<subject>\${2:Subject}</subject>\n` + `</message>$0`,
  },
  {
    label: 'change nickname',
    detail: 'presence to room/newnick (XEP-0045 §7.6)',
    fits: 'sends',
    body: () => `<presence to="${ROOM}/\${2:NewNick}"/>$0`,
  },
  {
    label: 'leave the room',
    detail: 'presence type="unavailable" (XEP-0045 §7.14)',
    fits: 'sends',
    body: ({ client }) => `<presence type="unavailable" to="${ROOM}/\${2:${snippetText(client)}}"/>$0`,
  },
  {
    label: 'destroy the room',
    detail: 'muc#owner <destroy/> (XEP-0045 §10.9)',
    fits: 'sends',
    body: () =>
      `<iq type="set" id="\${2:destroy1}" to="${ROOM}">\n` +
      `\t<query xmlns="${NS.owner}">\n` +
      `\t\t<destroy>\n` +
      `\t\t\t<reason>\${3:Closing}</reason>\n` +
      `\t\t</destroy>\n` +
      `\t</query>\n` +
      `</iq>$0`,
  },
  {
    label: 'self-presence after joining',
    detail: 'expected muc#user presence with status 110 (and 201 for a new room)',
    fits: 'receives',
    body: ({ client }) =>
      `<presence from="${ROOM}/\${2:${snippetText(client)}}">\n` +
      `\t<x xmlns="${NS.user}">\n` +
      `\t\t<item affiliation="\${3|owner,admin,member,none|}" role="\${4|moderator,participant,visitor|}"/>\n` +
      `\t\t<status code="110"/>\n` +
      `\t</x>\n` +
      `</presence>$0`,
  },
  {
    label: 'occupant presence',
    detail: 'expected muc#user presence of another occupant',
    fits: 'receives',
    body: () =>
      `<presence from="${ROOM}/\${2:Nick}">\n` +
      `\t<x xmlns="${NS.user}">\n` +
      `\t\t<item affiliation="\${3|none,member,admin,owner|}" role="\${4|participant,moderator,visitor|}"/>\n` +
      `\t</x>\n` +
      `</presence>$0`,
  },
  {
    label: 'room subject',
    detail: 'the subject message that completes a join (XEP-0045 §7.2.15)',
    fits: 'receives',
    body: () => `<message type="groupchat" from="${ROOM}">\n\t<subject/>\n</message>$0`,
  },
  {
    label: 'groupchat message',
    detail: 'expected message from the room, reflected to every occupant (XEP-0045 §7.4)',
    fits: 'receives',
    body: () =>
      `<message type="groupchat" from="${ROOM}/\${2:Nick}">\n` +
      `\t<body>\${3:Hello}</body>\n` +
      `</message>$0`,
  },
  {
    label: 'private message',
    detail: 'expected message from an occupant, relayed by the room (XEP-0045 §7.5)',
    fits: 'receives',
    body: () =>
      `<message type="chat" from="${ROOM}/\${2:Nick}">\n` +
      `\t<body>\${3:Psst}</body>\n` +
      `\t<x xmlns="${NS.user}"/>\n` +
      `</message>$0`,
  },
  {
    label: 'occupant left',
    detail: 'expected unavailable presence with role="none" (XEP-0045 §7.14)',
    fits: 'receives',
    body: () =>
      `<presence type="unavailable" from="${ROOM}/\${2:Nick}">\n` +
      `\t<x xmlns="${NS.user}">\n` +
      `\t\t<item affiliation="\${3|none,member,admin,owner|}" role="none"/>\n` +
      `\t</x>\n` +
      `</presence>$0`,
  },
  {
    label: 'iq result',
    detail: 'expected empty result for an iq you sent',
    fits: 'receives',
    body: () => `<iq type="result" id="\${2:config1}" from="${ROOM}"/>$0`,
  },
  {
    label: 'error presence',
    detail: 'expected presence error, e.g. not-authorized for a wrong password',
    fits: 'receives',
    body: ({ client }) =>
      `<presence type="error" from="${ROOM}/\${2:${snippetText(client)}}">\n` +
      `\t<error type="\${3|auth,cancel,modify,wait|}">\n` +
      `\t\t<\${4|not-authorized,registration-required,forbidden,conflict,item-not-found,not-allowed|} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>\n` +
      `\t</error>\n` +
      `</presence>$0`,
  },
];

/** Common namespaces for `xmlns="…"`, MUC first. */
export const NAMESPACES: ReadonlyArray<{ ns: string; detail: string }> = [
  { ns: NS.muc, detail: 'MUC join (<x/> in the join presence)' },
  { ns: NS.user, detail: 'MUC occupant data: <item/>, <status/>, <invite/>' },
  { ns: NS.admin, detail: 'MUC admin: roles and affiliations' },
  { ns: NS.owner, detail: 'MUC owner: configuration, destroy' },
  { ns: NS.data, detail: 'Data forms (XEP-0004)' },
  { ns: NS.config, detail: 'MUC room config FORM_TYPE' },
  { ns: 'http://jabber.org/protocol/muc#roominfo', detail: 'MUC room info FORM_TYPE' },
  { ns: 'http://jabber.org/protocol/muc#request', detail: 'MUC voice request FORM_TYPE' },
  { ns: 'jabber:x:conference', detail: 'Direct MUC invitations (XEP-0249)' },
  { ns: 'http://jabber.org/protocol/disco#info', detail: 'Service discovery info' },
  { ns: 'http://jabber.org/protocol/disco#items', detail: 'Service discovery items' },
  { ns: 'jabber:iq:register', detail: 'In-band registration (MUC nick registration)' },
  { ns: 'urn:ietf:params:xml:ns:xmpp-stanzas', detail: 'Stanza error conditions' },
  { ns: 'jabber:iq:roster', detail: 'Roster' },
  { ns: 'jabber:iq:version', detail: 'Software version' },
  { ns: 'urn:xmpp:ping', detail: 'Ping' },
  { ns: 'urn:xmpp:delay', detail: 'Delayed delivery (room history)' },
  { ns: 'urn:xmpp:mam:2', detail: 'Message archive management' },
  { ns: 'http://jabber.org/protocol/pubsub', detail: 'Publish-subscribe' },
];

/** Values worth suggesting for well-known attributes, by `tag@attr` or `*@attr`. */
export const ATTRIBUTE_VALUES: Record<string, readonly string[]> = {
  'iq@type': ['get', 'set', 'result', 'error'],
  'message@type': ['groupchat', 'chat', 'normal', 'headline', 'error'],
  'presence@type': [
    'unavailable',
    'error',
    'subscribe',
    'subscribed',
    'unsubscribe',
    'unsubscribed',
    'probe',
  ],
  'x@type': ['submit', 'form', 'result', 'cancel'],
  'field@type': [
    'boolean',
    'text-single',
    'text-private',
    'list-single',
    'list-multi',
    'jid-multi',
    'hidden',
    'fixed',
  ],
  'error@type': ['auth', 'cancel', 'modify', 'wait', 'continue'],
  '*@affiliation': ['owner', 'admin', 'member', 'outcast', 'none'],
  '*@role': ['moderator', 'participant', 'visitor', 'none'],
  '*@scansion:strict': ['true', 'false'],
};
