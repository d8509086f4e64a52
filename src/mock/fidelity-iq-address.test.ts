// Rules found by the differential fuzzer (npm run fuzz:mock) about where an iq is answered, each
// observed on Prosody 0.12 (evidence in SPEC.md), named by rule id: mod_ping on any bare JID of a
// VirtualHost, muc_mam ahead of mod_muc's room dispatch.
import { describe, expect, it } from 'vitest';
import { rig, canon } from './testing';

const MAM = 'urn:xmpp:mam:2';
const MUC = `<x xmlns="http://jabber.org/protocol/muc"/>`;
const OWNER = 'http://jabber.org/protocol/muc#owner';

const result = (id: string, from: string, to: string, inner = '') =>
  canon(`<iq xmlns="jabber:client" type="result" id="${id}" from="${from}" to="${to}">${inner}</iq>`);
const err = (id: string, from: string, to: string, condition: string, by = '') =>
  canon(
    `<iq xmlns="jabber:client" type="error" id="${id}" from="${from}" to="${to}"><error type="cancel"${by}><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
  );

describe('fidelity rules found by fuzzing: where iqs are answered', () => {
  it('CORE-IQ-16: a ping get to any bare JID of a VirtualHost is a result from that JID; a set, or an offline full JID, is service-unavailable', async () => {
    const r = rig();
    const c = await r.connect('c@localhost', 'r');
    await r.connect('b@localhost', 'r');
    const ping = (id: string, to: string, type = 'get') =>
      c.send(`<iq to="${to}" type="${type}" id="${id}"><ping xmlns="urn:xmpp:ping"/></iq>`);
    for (const [id, to, from] of [
      ['p1', 'b@localhost', 'b@localhost'],
      ['p2', 'nobody@localhost', 'nobody@localhost'],
      ['p3', 'b@localhost.', 'b@localhost'],
      ['p4', 'secure.localhost', 'secure.localhost'],
      ['p5', 'u@secure.localhost', 'u@secure.localhost'],
    ]) {
      await ping(id, to);
      expect(c.take().map(canon), to).toEqual([result(id, from, c.jid)]);
    }
    await ping('p6', 'b@localhost', 'set');
    expect(c.take().map(canon)).toEqual([err('p6', 'b@localhost', c.jid, 'service-unavailable')]);
    await ping('p7', 'b@localhost/gone');
    expect(c.take().map(canon)).toEqual([err('p7', 'b@localhost/gone', c.jid, 'service-unavailable')]);
    // pubsub.localhost is a component, not a VirtualHost: no mod_ping there
    await ping('p8', 'pubsub.localhost');
    expect(c.take().map(canon)).toEqual([err('p8', 'pubsub.localhost', c.jid, 'service-unavailable')]);
  });

  it('MUC-MAM-3: the MAM form of any room JID, the room there or not; a query to a missing room is item-not-found (no by), to a tombstone an empty page', async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    const c = await r.connect('c@localhost', 'r');
    const room = 'gone@conference.localhost';
    const form = (x: string) => x.includes('<x xmlns="jabber:x:data" type="form">');
    await c.send(`<iq to="none@conference.localhost" type="get" id="m1"><query xmlns="${MAM}"/></iq>`);
    const [got] = c.take();
    expect(got.attrs).toMatchObject({ type: 'result', from: 'none@conference.localhost', id: 'm1' });
    expect(form(got.toString())).toBe(true);
    await c.send(`<iq to="none@conference.localhost" type="set" id="m2"><query xmlns="${MAM}"/></iq>`);
    expect(c.take().map(canon)).toEqual([err('m2', 'none@conference.localhost', c.jid, 'item-not-found')]);
    // to the service itself: no MAM there
    await c.send(`<iq to="conference.localhost" type="get" id="m3"><query xmlns="${MAM}"/></iq>`);
    expect(c.take().map(canon)).toEqual([err('m3', 'conference.localhost', c.jid, 'service-unavailable')]);

    // a persistent room with a message in its archive, destroyed: a tombstone
    await a.send(`<presence to="${room}/A">${MUC}</presence>`);
    await a.send(
      `<iq to="${room}" type="set" id="c1"><query xmlns="${OWNER}"><x xmlns="jabber:x:data" type="submit"><field var="FORM_TYPE"><value>http://jabber.org/protocol/muc#roomconfig</value></field><field var="muc#roomconfig_persistentroom"><value>1</value></field></x></query></iq>`,
    );
    await a.send(`<message to="${room}" type="groupchat" id="g1"><body>hi</body></message>`);
    await a.send(`<iq to="${room}" type="set" id="d1"><query xmlns="${OWNER}"><destroy/></query></iq>`);
    await c.send(`<iq to="${room}" type="get" id="m4"><query xmlns="${MAM}"/></iq>`);
    expect(form(c.take()[0].toString())).toBe(true);
    await c.send(`<iq to="${room}" type="set" id="m5"><query xmlns="${MAM}" queryid="q"/></iq>`);
    expect(c.take().map(canon)).toEqual([
      result(
        'm5',
        room,
        c.jid,
        `<fin xmlns="${MAM}" complete="true"><set xmlns="http://jabber.org/protocol/rsm"><count>0</count></set></fin>`,
      ),
    ]);
    // anything else to the tombstone is still gone (MUC-LIFE-3)
    await c.send(
      `<iq to="${room}" type="get" id="i1"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`,
    );
    expect(c.take().map(canon)).toEqual([err('i1', room, c.jid, 'gone', ' by="conference.localhost"')]);
  });
});
