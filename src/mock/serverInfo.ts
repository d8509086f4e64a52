// What the server itself answers (CORE-IQ-*), copied from Prosody 0.12.3 running the corpus config
// (recorded with ../shared/prosody, SCS_PROSODY_RECORD=1). The lists are Prosody's, in Prosody's order,
// so a script that checks them matches on both targets; the mock does not implement the features they
// advertise beyond what SPEC.md says (an iq for them gets service-unavailable).
import { Element } from 'ltx';

export const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
export const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';

export const SERVER_VERSION = { name: 'Prosody', version: '0.12.3' };

export const HOST_FEATURES = [
  'urn:xmpp:extdisco:2',
  'urn:xmpp:extdisco:1',
  'urn:xmpp:blocking',
  'jabber:iq:last',
  'jabber:iq:private',
  'http://jabber.org/protocol/disco#info',
  'http://jabber.org/protocol/disco#items',
  'urn:xmpp:time',
  'jabber:iq:time',
  'jabber:iq:version',
  'urn:xmpp:ping',
  'http://jabber.org/protocol/commands',
  'jabber:iq:register',
  'msgoffline',
  'urn:xmpp:carbons:rules:0',
  'urn:xmpp:carbons:2',
  'vcard-temp',
  'jabber:iq:roster',
];

/** XEP-0157 contact addresses from the corpus config, in Prosody's order. */
const CONTACT_INFO: Array<[string, string[]]> = [
  ['abuse-addresses', ['mailto:abuse@localhost', 'xmpp:abuse@localhost']],
  ['admin-addresses', ['mailto:admin@localhost', 'xmpp:admin@localhost']],
  [
    'feedback-addresses',
    ['http://localhost/feedback.html', 'mailto:feedback@localhost', 'xmpp:feedback@localhost'],
  ],
  ['sales-addresses', ['xmpp:sales@localhost']],
  ['security-addresses', ['xmpp:security@localhost']],
  ['status-addresses', ['gopher://status.localhost']],
  ['support-addresses', ['https://localhost/support.html', 'xmpp:support@localhost']],
];

export function hostDiscoInfo(): Element {
  const q = new Element('query', { xmlns: NS_DISCO_INFO });
  q.c('identity', { category: 'server', name: 'Prosody', type: 'im' });
  for (const f of HOST_FEATURES) q.c('feature', { var: f });
  const x = q.c('x', { xmlns: 'jabber:x:data', type: 'result' });
  x.c('field', { var: 'FORM_TYPE', type: 'hidden' }).c('value').t('http://jabber.org/network/serverinfo');
  for (const [name, values] of CONTACT_INFO) {
    const field = x.c('field', { var: name, type: 'list-multi' });
    for (const v of values) field.c('value').t(v);
  }
  return q;
}

/** The corpus config's global admins (`admins`): their own account is an admin account. */
export const SERVER_ADMINS = ['admin@localhost'];

/** mod_pep's features of a PEP service (lib_pubsub's feature set plus its own), a set in Prosody. */
const PEP_FEATURES = [
  'http://jabber.org/protocol/pubsub',
  ...[
    'retract-items',
    'delete-items',
    'publish',
    'presence-notifications',
    'config-node',
    'config-node-max',
    'filtered-notifications',
    'access-presence',
    'delete-nodes',
    'create-and-configure',
    'purge-nodes',
    'subscribe',
    'instant-nodes',
    'member-affiliation',
    'meta-data',
    'outcast-affiliation',
    'last-published',
    'auto-subscribe',
    'publisher-affiliation',
    'retrieve-items',
    'create-nodes',
    'item-ids',
    'subscription-options',
    'retrieve-subscriptions',
    'presence-subscribe',
    'auto-create',
    'multi-items',
    'modify-affiliations',
    'persistent-items',
    'publish-options',
    'retrieve-default',
  ].map((f) => `http://jabber.org/protocol/pubsub#${f}`),
];

/**
 * CORE-IQ-13: disco#info of a user's own bare JID (asked by the account itself): mod_disco's account
 * identity (admin for the config's admins), mod_pep's identity and features, then those of mod_vcard4,
 * mod_vcard_legacy and mod_mam. Prosody's order of these modules' parts changes from one start to the
 * next (hooks of equal priority run in module load order): this is one of the orders it gives.
 */
export function accountDiscoInfo(bare: string): Element {
  const q = new Element('query', { xmlns: NS_DISCO_INFO });
  q.c('identity', { category: 'account', type: SERVER_ADMINS.includes(bare) ? 'admin' : 'registered' });
  q.c('identity', { category: 'pubsub', type: 'pep' });
  for (const f of PEP_FEATURES) q.c('feature', { var: f });
  for (const f of [
    'urn:ietf:params:xml:ns:vcard-4.0',
    'urn:xmpp:pep-vcard-conversion:0',
    'urn:xmpp:mam:2',
    'urn:xmpp:mam:2#extended',
    'urn:xmpp:sid:0',
  ])
    q.c('feature', { var: f });
  return q;
}

/**
 * Hosts Prosody's corpus config defines besides `localhost`, in the order its disco#items lists them.
 * The mock serves only those with a registered component; the others are known but not implemented.
 */
export const CONFIGURED_HOSTS = [
  'conference.localhost',
  'pubsub.localhost',
  'upload.localhost',
  'secure.localhost',
];
