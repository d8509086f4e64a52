// More rules found by the differential fuzzer (npm run fuzz:mock), each observed on Prosody 0.12
// (evidence in SPEC.md), named by rule id: server iqs an account may send, the ad-hoc destroy form, and
// the room a nick-less join leaves behind.
import { describe, expect, it } from 'vitest';
import { rig, canon } from './testing';

const err = (id: string, from: string, to: string, type: string, condition: string) =>
  canon(
    `<iq xmlns="jabber:client" type="error" id="${id}" from="${from}" to="${to}"><error type="${type}"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
  );

describe('fidelity rules found by fuzzing: iqs and forms', () => {
  it('CORE-IQ-11: a register set to the server without username and password is bad-request (modify)', async () => {
    const c = await rig().connect('c@localhost', 'r');
    await c.send(`<iq to="localhost" type="set" id="r1"><query xmlns="jabber:iq:register"/></iq>`);
    expect(c.take().map(canon)).toEqual([err('r1', 'localhost', c.jid, 'modify', 'bad-request')]);
    // someone else's username: bad-request too
    await c.send(
      `<iq to="localhost" type="set" id="r2"><query xmlns="jabber:iq:register"><username>d</username><password>x</password></query></iq>`,
    );
    expect(c.take().map(canon)).toEqual([err('r2', 'localhost', c.jid, 'modify', 'bad-request')]);
  });
  it("CORE-IQ-14: last activity of another account's bare JID is forbidden (auth): no subscription", async () => {
    const c = await rig().connect('c@localhost', 'r');
    await c.send(`<iq to="b@localhost" type="get" id="l1"><query xmlns="jabber:iq:last"/></iq>`);
    expect(c.take().map(canon)).toEqual([err('l1', 'b@localhost', c.jid, 'auth', 'forbidden')]);
  });
  it("CORE-IQ-16: private XML storage of one's own account: set, get back, echo when empty, bad-format", async () => {
    const c = await rig().connect('c@localhost', 'r');
    const q = (inner: string) => `<query xmlns="jabber:iq:private">${inner}</query>`;
    const res = (id: string, inner = '') =>
      canon(`<iq xmlns="jabber:client" type="result" id="${id}" to="${c.jid}">${inner}</iq>`);
    await c.send(`<iq to="c@localhost" type="get" id="g0">${q('<prefs xmlns="urn:x"/>')}</iq>`);
    expect(c.take().map(canon)).toEqual([res('g0', q('<prefs xmlns="urn:x"/>'))]);
    await c.send(`<iq type="set" id="s1">${q('<prefs xmlns="urn:x"><a>1</a></prefs>')}</iq>`);
    expect(c.take().map(canon)).toEqual([res('s1')]);
    await c.send(`<iq type="get" id="g1">${q('<prefs xmlns="urn:x"/>')}</iq>`);
    expect(c.take().map(canon)).toEqual([res('g1', q('<prefs xmlns="urn:x"><a>1</a></prefs>'))]);
    await c.send(`<iq type="get" id="g2">${q('')}</iq>`);
    expect(c.take()[0].getChild('error')!.toString()).toContain('type="modify"><bad-format');
  });
  it('MUC-SVC-8: the room a nick-less join leaves behind is owned by its sender, who may configure (unlock) it', async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    const b = await r.connect('b@localhost', 'r');
    const room = 'half@conference.localhost';
    await a.send(`<presence to="${room}"><x xmlns="http://jabber.org/protocol/muc"/></presence>`);
    expect(a.take()).toEqual([]);
    await b.send(
      `<iq to="${room}" type="get" id="o1"><query xmlns="http://jabber.org/protocol/muc#admin"><item affiliation="owner"/></query></iq>`,
    );
    expect(b.take()[0].getChild('error')!.toString()).toContain('<forbidden');
    await a.send(
      `<iq to="${room}" type="get" id="o2"><query xmlns="http://jabber.org/protocol/muc#admin"><item affiliation="owner"/></query></iq>`,
    );
    expect(canon(a.take()[0])).toBe(
      canon(
        `<iq xmlns="jabber:client" type="result" id="o2" from="${room}" to="${a.jid}"><query xmlns="http://jabber.org/protocol/muc#admin"><item affiliation="owner" jid="a@localhost"/></query></iq>`,
      ),
    );
    await a.send(
      `<iq to="${room}" type="set" id="c1"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit"/></query></iq>`,
    );
    expect(a.take().map((s) => s.attrs.type)).toEqual(['result']);
    await b.send(`<presence to="${room}/B"><x xmlns="http://jabber.org/protocol/muc"/></presence>`);
    const got = b.take();
    expect(got[0].getChild('x', 'http://jabber.org/protocol/muc#user')!.getChild('item')!.attrs.role).toBe(
      'participant',
    );
  });
  it('MUC-ADHOC-3: the destroy form lists the rooms as options, <required/> after them', async () => {
    const r = rig();
    const admin = await r.connect('admin@localhost', 'r');
    await admin.send(
      `<presence to="x@conference.localhost/A"><x xmlns="http://jabber.org/protocol/muc"/></presence>`,
    );
    admin.take();
    await admin.send(
      `<iq to="conference.localhost" type="set" id="d1"><command xmlns="http://jabber.org/protocol/commands" node="http://prosody.im/protocol/muc#destroy" action="execute"/></iq>`,
    );
    const field = admin
      .take()[0]
      .getChild('command')!
      .getChild('x', 'jabber:x:data')!
      .getChildren('field')
      .find((f) => f.attrs.var === 'rooms')!;
    expect(field.children.map((c) => (typeof c === 'string' ? c : c.toString()))).toEqual([
      '<option label="x@conference.localhost"><value>x@conference.localhost</value></option>',
      '<required/>',
    ]);
  });
});
