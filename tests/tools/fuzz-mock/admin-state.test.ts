// The admin's flows share one account on the oracle: the iqs that would leave state on it are the ones
// keepsAccountState names (fuzz.ts skips them for the admin client), and no others.
import { describe, expect, it } from 'vitest';
import { keepsAccountState } from './fuzz';
import { IQ_NS, type Action } from './flows';

const ns = (xmlns: string) => IQ_NS.findIndex(([, x]) => x === xmlns);
const iq = (xmlns: string, type: 'get' | 'set', to: object, c = 0): Action =>
  ({ t: 'iq', c, to, type, ns: ns(xmlns) }) as Action;
const own = { k: 'user', c: 0, full: false };

describe('fuzz:mock admin flows', () => {
  it('own-account MAM (get or set), vCard, private and roster sets keep state', () => {
    for (const a of [
      iq('urn:xmpp:mam:2', 'get', own),
      iq('urn:xmpp:mam:2', 'set', own),
      iq('vcard-temp', 'set', own),
      iq('jabber:iq:private', 'set', own),
      iq('jabber:iq:roster', 'set', own),
    ])
      expect(keepsAccountState(a), JSON.stringify(a)).toBe(true);
  });
  it('gets, other addressees and other senders do not', () => {
    for (const a of [
      iq('vcard-temp', 'get', own),
      iq('jabber:iq:private', 'get', own),
      iq('urn:xmpp:mam:2', 'set', { k: 'user', c: 1, full: false }),
      iq('urn:xmpp:mam:2', 'set', { k: 'user', c: 0, full: true }),
      iq('urn:xmpp:mam:2', 'set', own, 1),
      iq('urn:xmpp:mam:2', 'set', { k: 'room', r: 0 }),
      iq('urn:xmpp:ping', 'get', own),
    ])
      expect(keepsAccountState(a), JSON.stringify(a)).toBe(false);
  });
});
