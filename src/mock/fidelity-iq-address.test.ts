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

  it("CORE-IQ-17: a vCard set to one's own account is published: others get it converted back, and disco#items lists the vCard4 node", async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    const b = await r.connect('b@localhost', 'r');
    const items = (inner: string) =>
      result(
        'i',
        'a@localhost',
        a.jid,
        `<query xmlns="http://jabber.org/protocol/disco#items">${inner}</query>`,
      );
    const discoItems = `<iq type="get" id="i"><query xmlns="http://jabber.org/protocol/disco#items"/></iq>`;
    await a.send(discoItems);
    expect(a.take().map(canon)).toEqual([items('')]);
    await a.send(
      `<iq type="set" id="v1"><vCard xmlns="vcard-temp"><FN>Al</FN><NICKNAME>al</NICKNAME><EMAIL><USERID>a@b</USERID><WORK/></EMAIL><DESC>d</DESC><ORG><ORGNAME>o</ORGNAME></ORG><JABBERID>a@b</JABBERID><URL>http://x</URL></vCard></iq>`,
    );
    expect(a.take().map(canon)).toEqual([
      canon(`<iq xmlns="jabber:client" type="result" id="v1" to="${a.jid}"/>`),
    ]);
    await b.send(`<iq to="a@localhost" type="get" id="v2"><vCard xmlns="vcard-temp"/></iq>`);
    expect(b.take().map(canon)).toEqual([
      result(
        'v2',
        'a@localhost',
        b.jid,
        '<vCard xmlns="vcard-temp"><FN>Al</FN><N><FAMILY/><GIVEN/><MIDDLE/><PREFIX/><SUFFIX/></N><NICKNAME>al</NICKNAME><EMAIL><USERID>a@b</USERID><INTERNET/><WORK/></EMAIL><NOTE>d</NOTE><ORG><ORGNAME>o</ORGNAME></ORG><JABBERID>a@b</JABBERID><URL>http://x</URL></vCard>',
      ),
    ]);
    await a.send(discoItems);
    expect(a.take().map(canon)).toEqual([items('<item jid="a@localhost" node="urn:xmpp:vcard4"/>')]);
    // an empty vCard comes back with its empty FN and N
    await b.send(`<iq type="set" id="v3"><vCard xmlns="vcard-temp"/></iq>`);
    await a.send(`<iq to="b@localhost" type="get" id="v4"><vCard xmlns="vcard-temp"/></iq>`);
    expect(a.take().map(canon)).toEqual([
      result(
        'v4',
        'b@localhost',
        a.jid,
        '<vCard xmlns="vcard-temp"><FN/><N><FAMILY/><GIVEN/><MIDDLE/><PREFIX/><SUFFIX/></N></vCard>',
      ),
    ]);
  });

  it("CORE-IQ-18: one's own archive: asking for it turns archiving on; archived messages then carry a stanza-id and come back from a query", async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    const b = await r.connect('b@localhost', 'r');
    const sid = (m: { getChild(n: string, x: string): unknown }) => m.getChild('stanza-id', 'urn:xmpp:sid:0');
    // before: nothing archived, and a stanza-id claiming to be by the recipient is removed
    await b.send(
      `<message to="${a.jid}" type="chat" id="c0"><body>zero</body><stanza-id xmlns="urn:xmpp:sid:0" by="a@localhost" id="fake"/></message>`,
    );
    const [m0] = a.take();
    expect(sid(m0)).toBeUndefined();
    await a.send(`<iq type="set" id="q1"><query xmlns="${MAM}" queryid="q"/></iq>`);
    expect(a.take().map(canon)).toEqual([
      canon(
        `<iq xmlns="jabber:client" type="result" id="q1" to="${a.jid}"><fin xmlns="${MAM}" complete="true"><set xmlns="http://jabber.org/protocol/rsm"><count>0</count></set></fin></iq>`,
      ),
    ]);
    await b.send(`<message to="${a.jid}" type="chat" id="c1"><body>one</body></message>`);
    const [m1] = a.take();
    expect((sid(m1) as { attrs: Record<string, string> }).attrs.by).toBe('a@localhost');
    await b.send(`<message to="${a.jid}" type="headline" id="c2"><body>two</body></message>`);
    expect(sid(a.take()[0])).toBeUndefined();
    await a.send(`<message to="${b.jid}" type="chat" id="c3"><body>three</body></message>`);
    b.take();
    await a.send(`<iq type="set" id="q2"><query xmlns="${MAM}" queryid="q"/></iq>`);
    const got = a.take();
    expect(
      got.map((m) => m.getChild('result', MAM)?.getChild('forwarded')?.getChild('message')?.attrs.id),
    ).toEqual(['c1', 'c3', undefined]);
    expect(got[0].getChild('result', MAM)?.attrs.id).toBe(
      (sid(m1) as { attrs: Record<string, string> }).attrs.id,
    );
    expect(got[2].getChild('fin', MAM)?.getChild('set')?.getChildText('count')).toBe('2');
    // an error the room sends back to the sender is not routed (origin.send): no archive, no stanza-id
    await a.send(
      `<presence to="r@conference.localhost/A"><x xmlns="http://jabber.org/protocol/muc"/></presence>`,
    );
    a.take();
    await a.send(`<message to="r@conference.localhost/A" type="groupchat" id="e1"><body>x</body></message>`);
    const [bounce] = a.take();
    expect(bounce.attrs.type).toBe('error');
    expect(sid(bounce)).toBeUndefined();
    // the form (a get) turns it on too, for another account
    await b.send(`<iq to="b@localhost" type="get" id="f"><query xmlns="${MAM}"/></iq>`);
    expect(b.take()[0].getChild('query', MAM)?.getChild('x')?.attrs.type).toBe('form');
    await a.send(`<message to="${b.jid}" type="normal" id="c4"><body>four</body></message>`);
    expect(sid(b.take()[0])).toBeDefined();
  });

  it('CORE-IQ-18: a message to oneself is archived twice (sent, received); a session that queried the archive gets no offline messages', async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    await a.send(`<iq type="set" id="q1"><query xmlns="${MAM}" queryid="q"/></iq>`);
    a.take();
    // a is not available: a message to its bare JID is kept offline
    await a.send(`<message to="a@localhost" type="chat" id="c1"><body>note</body></message>`);
    expect(a.take()).toEqual([]);
    await a.send(`<iq type="set" id="q2"><query xmlns="${MAM}" queryid="q"/></iq>`);
    const page = a.take();
    expect(
      page.map((m) => m.getChild('result', MAM)?.getChild('forwarded')?.getChild('message')?.attrs.id),
    ).toEqual(['c1', 'c1', undefined]);
    await a.send(`<presence/>`);
    expect(a.take().map((s) => s.name)).toEqual(['presence']);
    // another session that did not query gets them
    const a2 = await r.connect('a@localhost', 'r2');
    await a2.send(`<presence/>`);
    expect(
      a2
        .take()
        .filter((s) => s.name === 'message')
        .map((m) => m.attrs.id),
    ).toEqual(['c1']);
  });

  it('MUC-MAM-4: an archived groupchat message is forwarded in the jabber:client namespace', async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    const room = 'log@conference.localhost';
    await a.send(`<presence to="${room}/A">${MUC}</presence>`);
    await a.send(
      `<iq to="${room}" type="set" id="c1"><query xmlns="${OWNER}"><x xmlns="jabber:x:data" type="submit"/></query></iq>`,
    );
    await a.send(`<message to="${room}" type="groupchat" id="g1"><body>hi</body></message>`);
    a.take();
    await a.send(`<iq to="${room}" type="set" id="q"><query xmlns="${MAM}" queryid="q"/></iq>`);
    const [m] = a.take();
    const fwd = m.getChild('result', MAM)?.getChild('forwarded')?.getChild('message');
    expect(fwd?.attrs.xmlns).toBe('jabber:client');
    expect(fwd?.getChildText('body')).toBe('hi');
  });
});
