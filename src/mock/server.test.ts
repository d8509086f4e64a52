// The mock core's rules (SPEC.md "Core"), one describe per id. Expected stanzas are what Prosody 0.12
// sent for the same input (recorded with ../shared/prosody), compared attribute-order-insensitively.
import { describe, expect, it } from 'vitest';
import { Element, parse } from 'ltx';
import { canon, rig } from './testing';
import type { Component, ComponentContext } from './component';
import { TransportError } from '../runner/transport';

const SU = `<error type="cancel"><service-unavailable xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error>`;
const c = (x: string) => canon(x);
const all = (els: Element[]) => els.map((e) => canon(e));

describe('CORE-Q-1 asynchronous processing, settled()', () => {
  it('processes a send after the call returns and settles once delivered', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    romeo.session.onStanza(() => undefined);
    const sending = romeo.session.send(parse('<presence/>'));
    expect(romeo.received).toHaveLength(0); // not yet processed: queued
    await sending;
    await r.settled();
    expect(romeo.received).toHaveLength(1);
  });
  it('settled() resolves at once when idle', async () => {
    const r = rig();
    await expect(r.settled()).resolves.toBeUndefined();
  });
});

describe('CORE-Q-3 one processed stanza per turn', () => {
  it("delivers what one stanza causes in one turn, the next stanza's effects in a later one", async () => {
    let turns = 0;
    const r = rig({ onTurn: () => turns++ });
    const romeo = await r.connect('user@localhost');
    const juliet = await r.connect('juliet@localhost');
    const marks: string[] = [];
    romeo.session.onStanza(() => {
      marks.push(`romeo@${turns}`);
      queueMicrotask(() => marks.push('after-romeo-turn'));
    });
    juliet.session.onStanza(() => marks.push(`juliet@${turns}`));
    void romeo.session.send(parse('<presence/>'));
    void juliet.session.send(parse('<presence/>'));
    await r.settled();
    expect(marks).toEqual(['romeo@0', 'after-romeo-turn', 'juliet@1']);
    expect(turns).toBe(2);
  });
});

describe('CORE-WIRE-1 delivered shape', () => {
  it('gives each receiver its own copy with xmlns jabber:client', async () => {
    const r = rig();
    const a = await r.connect('juliet@localhost', 'a');
    const b = await r.connect('juliet@localhost', 'b');
    await a.send('<presence/>');
    await b.send('<presence/>');
    a.take();
    b.take();
    const romeo = await r.connect('user@localhost');
    const sent = parse('<message to="juliet@localhost" type="chat"><body>hi</body></message>');
    await romeo.send(sent);
    const [ga] = a.take();
    const [gb] = b.take();
    expect(ga.attrs.xmlns).toBe('jabber:client');
    expect(ga).not.toBe(gb);
    expect(ga.getChild('body')).not.toBe(gb.getChild('body'));
    (ga.getChild('body') as Element).children = ['changed'];
    expect(gb.getChildText('body')).toBe('hi');
    expect(sent.attrs.from).toBeUndefined(); // the caller's element is untouched
  });
});

describe('CORE-WIRE-1 attributes without a value', () => {
  it('are dropped, as the wire would', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    const juliet = await r.connect('juliet@localhost');
    const msg = new Element('message', { to: juliet.jid, type: undefined, id: 'm' });
    await romeo.send(msg);
    const [got] = juliet.take();
    expect(Object.keys(got.attrs).sort()).toEqual(['from', 'id', 'to', 'xml:lang', 'xmlns']);
  });
});

describe('CORE-STREAM-1 unsupported top-level element', () => {
  it('ends the session with unsupported-stanza-type', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send('<foo/>');
    expect(romeo.closed).toEqual([{ kind: 'stream-error', condition: 'unsupported-stanza-type' }]);
    await expect(romeo.session.send(parse('<presence/>'))).rejects.toBeInstanceOf(TransportError);
  });
});

describe('CORE-AUTH-* and CORE-BIND-*', () => {
  it('CORE-AUTH-1 accepts any password on localhost', async () => {
    const r = rig();
    await expect(r.connect('anyone@localhost')).resolves.toBeTruthy();
  });
  it('CORE-AUTH-2 fails every login on secure.localhost', async () => {
    const r = rig();
    const err = await r.connect('user@secure.localhost').catch((e) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect(err.kind).toBe('auth-failed');
    expect(err.message).toMatch(/not-authorized/);
  });
  it('CORE-AUTH-3 needs a local part', async () => {
    const err = await rig()
      .connect('localhost')
      .catch((e) => e);
    expect(err.kind).toBe('auth-failed');
  });
  it('CORE-AUTH-4 other domains: host-unknown', async () => {
    const err = await rig()
      .connect('user@example.org')
      .catch((e) => e);
    expect(err.kind).toBe('protocol');
    expect(err.message).toMatch(/host-unknown.*does not serve example\.org/);
  });
  it('CORE-BIND-1 random 12-character resource', async () => {
    const r = rig();
    const a = await r.connect('user@localhost');
    const b = await r.connect('user@localhost');
    expect(a.jid).toMatch(/^user@localhost\/[A-Za-z0-9_-]{12}$/);
    expect(b.jid).not.toBe(a.jid);
  });
  it('CORE-BIND-2 requested resource, from the option or the JID', async () => {
    const r = rig();
    expect((await r.connect('juliet@localhost', 'mobile')).jid).toBe('juliet@localhost/mobile');
    expect((await r.connect('romeo@localhost/laptop')).jid).toBe('romeo@localhost/laptop');
  });
  it('CORE-BIND-3 the same full JID replaces the old session (conflict)', async () => {
    const r = rig();
    const old = await r.connect('juliet@localhost', 'mobile');
    const fresh = await r.connect('juliet@localhost', 'mobile');
    expect(old.closed).toEqual([
      { kind: 'stream-error', condition: 'conflict', text: 'Replaced by new connection' },
    ]);
    expect(r.server.sessions()).toEqual([fresh.jid]);
  });
});

describe('CORE-STAMP-1 from and xml:lang', () => {
  it('stamps the full JID over any from, adds xml:lang', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    const juliet = await r.connect('juliet@localhost');
    await romeo.send(`<message from="evil@localhost" to="${juliet.jid}"><body>x</body></message>`);
    const [m] = juliet.take();
    expect(m.attrs.from).toBe(romeo.jid);
    expect(m.attrs['xml:lang']).toBe('en');
  });
});

describe('CORE-IQ-1 iq validation', () => {
  it.each([
    [
      `<iq type="get" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>`,
      "Missing required 'id' attribute",
      undefined,
    ],
    [`<iq type="get" id="e1" to="localhost"/>`, 'Incorrect number of children for IQ stanza', 'e1'],
    [
      `<iq type="get" id="e3" to="localhost"><a xmlns="x"/><b xmlns="x"/></iq>`,
      'Incorrect number of children for IQ stanza',
      'e3',
    ],
    [`<iq type="bogus" id="e2" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>`, 'Invalid IQ type', 'e2'],
  ])('%s', async (input, text, id) => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(input);
    const idAttr = id ? ` id="${id}"` : '';
    expect(all(romeo.take())).toEqual([
      c(
        `<iq xmlns="jabber:client"${idAttr} from="localhost" to="${romeo.jid}" type="error"><error type="modify"><bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">${text.replace("'", '&apos;')}</text></error></iq>`,
      ),
    ]);
  });
});

describe('CORE-IQ-2..8 what the server answers', () => {
  it('CORE-IQ-2 disco#info of localhost: Prosody identity, features, contact form', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(
      `<iq type="get" id="d1" to="localhost"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`,
    );
    const [reply] = romeo.take();
    expect(reply.attrs).toMatchObject({ type: 'result', id: 'd1', from: 'localhost', to: romeo.jid });
    const q = reply.getChild('query', 'http://jabber.org/protocol/disco#info')!;
    expect(q.getChild('identity')!.attrs).toEqual({ category: 'server', name: 'Prosody', type: 'im' });
    const features = q.getChildren('feature').map((f) => f.attrs.var);
    expect(features).toHaveLength(18);
    expect(features).toContain('msgoffline');
    expect(features[0]).toBe('urn:xmpp:extdisco:2');
    const form = q.getChild('x', 'jabber:x:data')!;
    expect(form.getChildren('field').map((f) => f.attrs.var)).toEqual([
      'FORM_TYPE',
      'abuse-addresses',
      'admin-addresses',
      'feedback-addresses',
      'sales-addresses',
      'security-addresses',
      'status-addresses',
      'support-addresses',
    ]);
  });
  it('CORE-IQ-2 disco#info with a node: item-not-found', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(
      `<iq type="get" id="d5" to="localhost"><query xmlns="http://jabber.org/protocol/disco#info" node="foo"/></iq>`,
    );
    expect(all(romeo.take())).toEqual([
      c(
        `<iq xmlns="jabber:client" id="d5" from="localhost" to="${romeo.jid}" type="error"><error type="cancel"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Node does not exist</text></error></iq>`,
      ),
    ]);
  });
  it('CORE-IQ-3 disco#items of localhost in Prosody order', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(
      `<iq type="get" id="di1" to="localhost"><query xmlns="http://jabber.org/protocol/disco#items"/></iq>`,
    );
    expect(all(romeo.take())).toEqual([
      c(
        `<iq id="di1" xmlns="jabber:client" from="localhost" to="${romeo.jid}" type="result"><query xmlns="http://jabber.org/protocol/disco#items"><item jid="conference.localhost"/><item jid="pubsub.localhost"/><item jid="upload.localhost"/><item jid="secure.localhost"/></query></iq>`,
      ),
    ]);
  });
  it('CORE-IQ-4 ping to the server and with no to', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<iq type="get" id="p1" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>`);
    await romeo.send(`<iq type="get" id="p2"><ping xmlns="urn:xmpp:ping"/></iq>`);
    expect(all(romeo.take())).toEqual([
      c(`<iq id="p1" xmlns="jabber:client" from="localhost" to="${romeo.jid}" type="result"/>`),
      c(`<iq id="p2" xmlns="jabber:client" to="${romeo.jid}" type="result"/>`),
    ]);
  });
  it('CORE-IQ-5 version', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<iq type="get" id="v1" to="localhost"><query xmlns="jabber:iq:version"/></iq>`);
    expect(all(romeo.take())).toEqual([
      c(
        `<iq id="v1" xmlns="jabber:client" from="localhost" to="${romeo.jid}" type="result"><query xmlns="jabber:iq:version"><name>Prosody</name><version>0.12.3</version></query></iq>`,
      ),
    ]);
  });
  it('CORE-IQ-6 own account disco#info, from the bare JID with or without to', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<iq type="get" id="a1"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`);
    await romeo.send(
      `<iq type="get" id="a2" to="user@localhost"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`,
    );
    const [a1, a2] = romeo.take();
    for (const reply of [a1, a2]) {
      expect(reply.attrs).toMatchObject({ type: 'result', from: 'user@localhost', to: romeo.jid });
      const ids = reply
        .getChild('query')!
        .getChildren('identity')
        .map((i) => i.attrs.type);
      expect(ids).toEqual(['registered', 'pep']);
    }
  });
  it('CORE-IQ-7/CORE-ROSTER-1 empty roster', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<iq type="get" id="ro1"><query xmlns="jabber:iq:roster"/></iq>`);
    expect(all(romeo.take())).toEqual([
      c(
        `<iq id="ro1" xmlns="jabber:client" to="${romeo.jid}" type="result"><query xmlns="jabber:iq:roster" ver="1"/></iq>`,
      ),
    ]);
  });
  it("CORE-IQ-8 unserved iqs: service-unavailable from the iq's to; results never answered", async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    const juliet = await r.connect('juliet@localhost');
    await romeo.send(`<iq type="get" id="u1" to="localhost"><foo xmlns="urn:x:unknown"/></iq>`);
    await romeo.send(
      `<iq type="set" id="s1" to="localhost"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`,
    );
    await romeo.send(`<iq type="get" id="u2" to="juliet@localhost"><foo xmlns="urn:x:unknown"/></iq>`);
    await romeo.send(
      `<iq type="get" id="di4" to="juliet@localhost"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`,
    );
    await romeo.send(`<iq type="get" id="u5" to="juliet@localhost/nores"><foo xmlns="urn:x:unknown"/></iq>`);
    await romeo.send(`<iq type="result" id="r1" to="localhost"/>`);
    await romeo.send(`<iq type="error" id="r2" to="localhost"/>`);
    await romeo.send(`<iq type="result" id="r3" to="juliet@localhost/nores"/>`);
    expect(all(romeo.take())).toEqual(
      [
        ['u1', 'localhost'],
        ['s1', 'localhost'],
        ['u2', 'juliet@localhost'],
        ['di4', 'juliet@localhost'],
        ['u5', 'juliet@localhost/nores'],
      ].map(([id, from]) =>
        c(`<iq id="${id}" xmlns="jabber:client" from="${from}" to="${romeo.jid}" type="error">${SU}</iq>`),
      ),
    );
    expect(juliet.take()).toEqual([]);
  });
});

describe('CORE-MSG-*', () => {
  it('CORE-MSG-1 full JID online gets it without presence', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    const juliet = await r.connect('juliet@localhost');
    await romeo.send(`<message to="${juliet.jid}" type="chat"><body>Hello Juliet!</body></message>`);
    expect(all(juliet.take())).toEqual([
      c(
        `<message xmlns="jabber:client" xml:lang="en" to="${juliet.jid}" from="${romeo.jid}" type="chat"><body>Hello Juliet!</body></message>`,
      ),
    ]);
  });
  it('CORE-MSG-2 full JID not online: as the bare JID, to unchanged', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    const phone = await r.connect('juliet@localhost', 'mobile');
    await phone.send('<presence/>');
    phone.take();
    await romeo.send(`<message type="chat" id="m5" to="juliet@localhost/nores"><body>x</body></message>`);
    expect(all(phone.take())).toEqual([
      c(
        `<message id="m5" xmlns="jabber:client" xml:lang="en" from="${romeo.jid}" to="juliet@localhost/nores" type="chat"><body>x</body></message>`,
      ),
    ]);
  });
  it('CORE-MSG-3 bare JID: highest non-negative priority; negative never; both at equal priority', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    const laptop = await r.connect('juliet@localhost', 'laptop');
    const phone = await r.connect('juliet@localhost', 'mobile');
    await phone.send('<presence/>');
    await laptop.send('<presence><priority>-1</priority></presence>');
    laptop.take();
    phone.take();
    await romeo.send(`<message to="juliet@localhost" type="chat"><body>How are you?</body></message>`);
    expect(laptop.take()).toEqual([]);
    expect(phone.take().map((m) => m.getChildText('body'))).toEqual(['How are you?']);
    await laptop.send('<presence><priority>5</priority></presence>');
    laptop.take();
    phone.take();
    await romeo.send(`<message to="juliet@localhost"><body>top</body></message>`);
    expect(laptop.take()).toHaveLength(1);
    expect(phone.take()).toEqual([]);
    await laptop.send('<presence/>');
    laptop.take();
    phone.take();
    await romeo.send(`<message to="juliet@localhost" type="chat"><body>There!</body></message>`);
    expect(laptop.take()).toHaveLength(1);
    expect(phone.take()).toHaveLength(1);
  });
  it('CORE-MSG-3 groupchat to a bare JID: service-unavailable; headline and error dropped when offline', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<message to="juliet@localhost" type="groupchat" id="gc1"><body>x</body></message>`);
    await romeo.send(`<message to="juliet@localhost" type="headline" id="hl1"><body>x</body></message>`);
    await romeo.send(`<message to="juliet@localhost" type="error" id="er1"><body>x</body></message>`);
    expect(all(romeo.take())).toEqual([
      c(
        `<message id="gc1" xmlns="jabber:client" from="juliet@localhost" to="${romeo.jid}" type="error">${SU}</message>`,
      ),
    ]);
    const juliet = await r.connect('juliet@localhost');
    await juliet.send('<presence/>');
    expect(juliet.take()).toHaveLength(1); // only the echo: nothing was stored
  });
  it('CORE-MSG-3/4 offline storage and delivery with the frozen stamp, in order, after the echo', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(
      `<message to="juliet@localhost" type="chat"><body>Hello Juliet, are you there?</body></message>`,
    );
    await romeo.send(`<message to="juliet@localhost/gone" id="n1"><body>second</body></message>`);
    const phone = await r.connect('juliet@localhost', 'mobile');
    await phone.send('<presence/>');
    expect(all(phone.take())).toEqual([
      c(
        `<presence xmlns="jabber:client" from="juliet@localhost/mobile" xml:lang="en"><x xmlns="vcard-temp:x:update"><photo/></x></presence>`,
      ),
      c(
        `<message xmlns="jabber:client" xml:lang="en" from="${romeo.jid}" to="juliet@localhost" type="chat"><body>Hello Juliet, are you there?</body><delay xmlns="urn:xmpp:delay" from="localhost" stamp="2008-08-22T21:09:04Z"/></message>`,
      ),
      c(
        `<message id="n1" xmlns="jabber:client" xml:lang="en" from="${romeo.jid}" to="juliet@localhost/gone"><body>second</body><delay xmlns="urn:xmpp:delay" from="localhost" stamp="2008-08-22T21:09:04Z"/></message>`,
      ),
    ]);
    // delivered once only
    const laptop = await r.connect('juliet@localhost', 'laptop');
    await laptop.send('<presence/>');
    expect(laptop.take().filter((s) => s.name === 'message')).toEqual([]);
  });
  it('CORE-MSG-4 an initial presence with negative priority does not flush the store', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<message to="juliet@localhost"><body>kept</body></message>`);
    const juliet = await r.connect('juliet@localhost');
    await juliet.send('<presence><priority>-1</priority></presence>');
    expect(juliet.take().map((s) => s.name)).toEqual(['presence']);
    const phone = await r.connect('juliet@localhost', 'mobile');
    await phone.send('<presence/>');
    expect(phone.take().filter((s) => s.name === 'message')).toHaveLength(1);
  });
  it('CORE-MSG-5 message to the server: service-unavailable', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<message to="localhost" id="srv1"><body>x</body></message>`);
    await romeo.send(`<message to="localhost" id="srv2" type="error"><body>x</body></message>`);
    expect(all(romeo.take())).toEqual([
      c(
        `<message id="srv1" xmlns="jabber:client" from="localhost" to="${romeo.jid}" type="error">${SU}</message>`,
      ),
    ]);
  });
  it("CORE-MSG-6 to one's own bare JID or with no to: stored and delivered without to", async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<message id="self1" to="user@localhost"><body>self</body></message>`);
    await romeo.send(`<message id="self2"><body>noto</body></message>`);
    await romeo.send('<presence/>');
    const got = romeo.take();
    expect(all(got.slice(1))).toEqual([
      c(
        `<message id="self1" xmlns="jabber:client" from="${romeo.jid}" xml:lang="en"><body>self</body><delay xmlns="urn:xmpp:delay" from="localhost" stamp="2008-08-22T21:09:04Z"/></message>`,
      ),
      c(
        `<message id="self2" xmlns="jabber:client" from="${romeo.jid}" xml:lang="en"><body>noto</body><delay xmlns="urn:xmpp:delay" from="localhost" stamp="2008-08-22T21:09:04Z"/></message>`,
      ),
    ]);
  });
});

describe('CORE-PRES-*', () => {
  it('CORE-PRES-1/2/3 echo without to, copies to other available resources with to', async () => {
    const r = rig();
    const phone = await r.connect('juliet@localhost', 'mobile');
    const laptop = await r.connect('juliet@localhost', 'laptop');
    const other = await r.connect('juliet@localhost', 'idle'); // connected, never available
    await phone.send('<presence/>');
    phone.take();
    await laptop.send('<presence><priority>-1</priority></presence>');
    expect(canon(laptop.take()[0])).toBe(
      c(
        `<presence xmlns="jabber:client" from="juliet@localhost/laptop" xml:lang="en"><priority>-1</priority><x xmlns="vcard-temp:x:update"><photo/></x></presence>`,
      ),
    );
    expect(all(phone.take())).toEqual([
      c(
        `<presence from="juliet@localhost/laptop" xmlns="jabber:client" to="juliet@localhost/mobile" xml:lang="en"><priority>-1</priority><x xmlns="vcard-temp:x:update"><photo/></x></presence>`,
      ),
    ]);
    expect(other.take()).toEqual([]);
  });
  it('CORE-PRES-3 vcard-temp:x:update: kept when given, photo added when empty', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<presence><x xmlns="vcard-temp:x:update"><photo>abc</photo></x></presence>`);
    await romeo.send(`<presence><show>away</show><x xmlns="vcard-temp:x:update"/></presence>`);
    await romeo.send(`<presence type="unavailable"/>`);
    expect(all(romeo.take())).toEqual([
      c(
        `<presence xmlns="jabber:client" from="${romeo.jid}" xml:lang="en"><x xmlns="vcard-temp:x:update"><photo>abc</photo></x></presence>`,
      ),
      c(
        `<presence xmlns="jabber:client" from="${romeo.jid}" xml:lang="en"><show>away</show><x xmlns="vcard-temp:x:update"><photo/></x></presence>`,
      ),
      c(`<presence xmlns="jabber:client" from="${romeo.jid}" xml:lang="en" type="unavailable"/>`),
    ]);
  });
  it("CORE-PRES-4 initial presence brings the other resources' presence with a delay", async () => {
    const r = rig({ now: () => Date.UTC(2026, 10, 25, 3, 24, 8) });
    const phone = await r.connect('juliet@localhost', 'mobile');
    const laptop = await r.connect('juliet@localhost', 'laptop');
    await phone.send('<presence><show>away</show></presence>');
    await laptop.send('<presence/>');
    expect(all(laptop.take())).toEqual([
      c(
        `<presence xmlns="jabber:client" from="juliet@localhost/laptop" xml:lang="en"><x xmlns="vcard-temp:x:update"><photo/></x></presence>`,
      ),
      c(
        `<presence from="juliet@localhost/mobile" xmlns="jabber:client" to="juliet@localhost/laptop" xml:lang="en"><show>away</show><x xmlns="vcard-temp:x:update"><photo/></x><delay xmlns="urn:xmpp:delay" from="localhost" stamp="2026-11-25T03:24:08Z"/></presence>`,
      ),
    ]);
    // a second available presence is not initial: nothing more
    await laptop.send('<presence/>');
    expect(laptop.take()).toHaveLength(1);
  });
  it('CORE-PRES-5/6 directed presence is remembered and told when going unavailable', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    const juliet = await r.connect('juliet@localhost');
    await romeo.send(`<presence to="${juliet.jid}"/>`);
    expect(all(juliet.take())).toEqual([
      c(
        `<presence to="${juliet.jid}" xmlns="jabber:client" from="${romeo.jid}" xml:lang="en"><x xmlns="vcard-temp:x:update"><photo/></x></presence>`,
      ),
    ]);
    await romeo.send(`<presence type="unavailable"/>`);
    expect(all(juliet.take())).toEqual([
      c(
        `<presence xmlns="jabber:client" xml:lang="en" from="${romeo.jid}" to="${juliet.jid}" type="unavailable"/>`,
      ),
    ]);
    // forgotten afterwards
    await romeo.send(`<presence type="unavailable"/>`);
    expect(juliet.take()).toEqual([]);
  });
  it('CORE-PRES-6 presence to a bare JID reaches only available resources', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    const juliet = await r.connect('juliet@localhost');
    const idle = await r.connect('juliet@localhost', 'idle');
    await juliet.send('<presence/>');
    juliet.take();
    await romeo.send(`<presence to="juliet@localhost"><status>bare directed</status></presence>`);
    expect(juliet.take().map((p) => p.getChildText('status'))).toEqual(['bare directed']);
    expect(idle.take()).toEqual([]);
  });
  it('CORE-PRES-7 remote presence: not-allowed; to an offline full JID: dropped', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<presence to="nothere.localhost" id="dp2"/>`);
    await romeo.send(`<presence to="juliet@localhost/x"><show>dnd</show></presence>`);
    expect(all(romeo.take())).toEqual([
      c(
        `<presence id="dp2" xmlns="jabber:client" from="nothere.localhost" to="${romeo.jid}" type="error"><error type="cancel"><not-allowed xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Communication with remote domains is not enabled</text></error></presence>`,
      ),
    ]);
  });
  it('CORE-PRES-8 closing: other available resources and directed targets see it leave', async () => {
    const r = rig();
    const juliet = await r.connect('juliet@localhost');
    const phone = await r.connect('juliet@localhost', 'mobile');
    const romeo = await r.connect('user@localhost');
    await juliet.send('<presence/>');
    await phone.send('<presence/>');
    await phone.send(`<presence to="${romeo.jid}"/>`);
    juliet.take();
    romeo.take();
    await phone.session.close();
    await r.settled();
    expect(all(juliet.take())).toEqual([
      c(
        `<presence from="juliet@localhost/mobile" xmlns="jabber:client" to="${juliet.jid}" type="unavailable"/>`,
      ),
    ]);
    expect(all(romeo.take())).toEqual([
      c(
        `<presence from="juliet@localhost/mobile" xmlns="jabber:client" to="${romeo.jid}" type="unavailable"/>`,
      ),
    ]);
    expect(phone.closed).toEqual([{ kind: 'requested' }]);
  });
  it('CORE-PRES-8 a stream error is told with a Disconnected status', async () => {
    const r = rig();
    const laptop = await r.connect('juliet@localhost', 'laptop');
    const phone = await r.connect('juliet@localhost', 'phone');
    await laptop.send('<presence/>');
    await phone.send('<presence/>');
    laptop.take();
    await phone.send('<foo/>');
    const again = await r.connect('juliet@localhost', 'phone');
    await again.send('<presence/>');
    laptop.take();
    await r.connect('juliet@localhost', 'phone'); // replaces `again`
    await r.settled();
    expect(all(laptop.take())).toEqual([
      c(
        `<presence xmlns="jabber:client" type="unavailable" from="juliet@localhost/phone" to="juliet@localhost/laptop"><status>Disconnected: Replaced by new connection</status></presence>`,
      ),
    ]);
  });
  it('CORE-PRES-8 unsupported-stanza-type: Disconnected status with the condition', async () => {
    const r = rig();
    const laptop = await r.connect('juliet@localhost', 'laptop');
    const phone = await r.connect('juliet@localhost', 'phone');
    await laptop.send('<presence/>');
    await phone.send('<presence/>');
    laptop.take();
    await phone.send('<foo/>');
    expect(all(laptop.take())).toEqual([
      c(
        `<presence xmlns="jabber:client" type="unavailable" from="juliet@localhost/phone" to="juliet@localhost/laptop"><status>Disconnected: unsupported-stanza-type</status></presence>`,
      ),
    ]);
  });
  it('CORE-PRES-8 closing while not available: directed targets only', async () => {
    const r = rig();
    const juliet = await r.connect('juliet@localhost');
    const other = await r.connect('juliet@localhost', 'b');
    const romeo = await r.connect('user@localhost');
    await juliet.send('<presence/>');
    await romeo.send(`<presence to="${other.jid}"/>`);
    juliet.take();
    other.take();
    await romeo.session.close();
    await r.settled();
    expect(juliet.take()).toEqual([]);
    expect(all(other.take())).toEqual([
      c(`<presence from="${romeo.jid}" xmlns="jabber:client" to="${other.jid}" type="unavailable"/>`),
    ]);
  });
  it('CORE-PRES-9 invalid presence types: bad-request', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<presence type="bogus" id="pb1"/>`);
    await romeo.send(`<presence type="subscribe" id="pb2"/>`);
    expect(all(romeo.take())).toEqual(
      ['pb1', 'pb2'].map((id) =>
        c(
          `<presence id="${id}" xmlns="jabber:client" to="${romeo.jid}" type="error"><error type="modify"><bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Invalid presence type</text></error></presence>`,
        ),
      ),
    );
  });
  it('CORE-PRES-10 answers to subscriptions are not modelled: dropped with a diagnostic', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    const juliet = await r.connect('juliet@localhost');
    await juliet.send('<presence/>');
    juliet.take();
    await romeo.send(`<presence to="juliet@localhost" type="subscribed"/>`);
    expect(juliet.take()).toEqual([]);
    expect(r.server.diagnostics.map((d) => d.code)).toContain('not-modelled');
  });
});

describe('CORE-ROUTE-* and CORE-ERR-*', () => {
  it('CORE-ROUTE-1 iq to an online full JID is delivered', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    const juliet = await r.connect('juliet@localhost');
    await romeo.send(`<iq type="get" id="u3" to="${juliet.jid}"><foo xmlns="urn:x:unknown"/></iq>`);
    expect(all(juliet.take())).toEqual([
      c(
        `<iq id="u3" xmlns="jabber:client" xml:lang="en" from="${romeo.jid}" to="${juliet.jid}" type="get"><foo xmlns="urn:x:unknown"/></iq>`,
      ),
    ]);
  });
  it('CORE-ROUTE-4 unimplemented configured hosts: service-unavailable', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(
      `<iq type="get" id="ps" to="pubsub.localhost"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`,
    );
    expect(all(romeo.take())).toEqual([
      c(
        `<iq id="ps" xmlns="jabber:client" from="pubsub.localhost" to="${romeo.jid}" type="error">${SU}</iq>`,
      ),
    ]);
  });
  it('CORE-ROUTE-5 remote domains: not-allowed', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<iq type="get" id="u6" to="other.example"><foo xmlns="urn:x:unknown"/></iq>`);
    await romeo.send(`<message to="nothere.localhost" id="srv2"><body>x</body></message>`);
    const na = `<error type="cancel"><not-allowed xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Communication with remote domains is not enabled</text></error>`;
    expect(all(romeo.take())).toEqual([
      c(`<iq id="u6" xmlns="jabber:client" from="other.example" to="${romeo.jid}" type="error">${na}</iq>`),
      c(
        `<message id="srv2" xmlns="jabber:client" from="nothere.localhost" to="${romeo.jid}" type="error">${na}</message>`,
      ),
    ]);
  });
  it('CORE-ERR-3 malformed to: jid-malformed', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<message to="a@b@c" id="bad1"><body>x</body></message>`);
    expect(all(romeo.take())).toEqual([
      c(
        `<message id="bad1" xmlns="jabber:client" from="a@b@c" to="${romeo.jid}" type="error"><error type="modify"><jid-malformed xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">The destination address is invalid: a@b@c</text></error></message>`,
      ),
    ]);
  });
});

/** A component that records what it gets and can be told to answer or throw. */
function probeComponent(domain = 'svc.localhost') {
  const got: Element[] = [];
  let ctx: ComponentContext | undefined;
  const comp: Component & { got: Element[]; ctx(): ComponentContext; throwOn?: string } = {
    domain,
    got,
    ctx: () => ctx!,
    handle(stanza, context) {
      ctx = context;
      got.push(stanza);
      if (comp.throwOn && stanza.attrs.id === comp.throwOn) throw new Error('boom');
    },
    reset() {
      got.length = 0;
    },
  };
  return comp;
}

describe('CORE-COMP-* components', () => {
  it('CORE-COMP-1 stanzas to the domain or a JID on it reach the component, stamped', async () => {
    const comp = probeComponent();
    const r = rig({ components: [comp] });
    const romeo = await r.connect('user@localhost');
    await romeo.send(
      `<presence to="room@svc.localhost/Romeo"><x xmlns="http://jabber.org/protocol/muc"/></presence>`,
    );
    await romeo.send(
      `<iq type="get" id="q" to="svc.localhost"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`,
    );
    expect(all(comp.got)).toEqual([
      c(
        `<presence to="room@svc.localhost/Romeo" from="${romeo.jid}" xml:lang="en"><x xmlns="http://jabber.org/protocol/muc"/><x xmlns="vcard-temp:x:update"><photo/></x></presence>`,
      ),
      c(
        `<iq type="get" id="q" to="svc.localhost" from="${romeo.jid}" xml:lang="en"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>`,
      ),
    ]);
    // and iq validation happens before (CORE-IQ-1)
    await romeo.send(`<iq type="get" to="svc.localhost"><query xmlns="x"/></iq>`);
    expect(comp.got).toHaveLength(2);
  });
  it('CORE-COMP-1 directed presence to a component is undone when the session ends', async () => {
    const comp = probeComponent();
    const r = rig({ components: [comp] });
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<presence to="room@svc.localhost/Romeo"/>`);
    await romeo.session.close();
    await r.settled();
    expect(canon(comp.got[1])).toBe(
      c(`<presence from="${romeo.jid}" to="room@svc.localhost/Romeo" type="unavailable"/>`),
    );
  });
  it('CORE-COMP-2 component sends are routed; errors come back to it; sessionsOf lists sessions', async () => {
    const comp = probeComponent();
    const r = rig({ components: [comp] });
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<presence to="room@svc.localhost/Romeo"/>`);
    const ctx = comp.ctx();
    expect(ctx.sessionsOf('user@localhost')).toEqual([romeo.jid]);
    ctx.send(
      parse(`<message from="room@svc.localhost" to="${romeo.jid}" type="groupchat"><subject/></message>`),
    );
    ctx.send(
      parse(
        `<iq from="room@svc.localhost" to="user@localhost/gone" type="get" id="g1"><ping xmlns="urn:xmpp:ping"/></iq>`,
      ),
    );
    expect(all(romeo.take())).toEqual([
      c(
        `<message xmlns="jabber:client" from="room@svc.localhost" to="${romeo.jid}" type="groupchat"><subject/></message>`,
      ),
    ]);
    expect(canon(comp.got[comp.got.length - 1])).toBe(
      c(`<iq id="g1" from="user@localhost/gone" to="room@svc.localhost" type="error">${SU}</iq>`),
    );
    expect(ctx.nextId()).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });
  it('CORE-ERR-2 a throwing component: internal-server-error, diagnostic, server keeps running', async () => {
    const comp = probeComponent();
    comp.throwOn = 'x1';
    const r = rig({ components: [comp] });
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<iq type="get" id="x1" to="svc.localhost"><query xmlns="q"/></iq>`);
    expect(all(romeo.take())).toEqual([
      c(
        `<iq id="x1" xmlns="jabber:client" from="svc.localhost" to="${romeo.jid}" type="error"><error type="cancel"><internal-server-error xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
      ),
    ]);
    expect(r.server.diagnostics.at(-1)).toMatchObject({ level: 'error', code: 'component-exception' });
    await romeo.send(`<iq type="get" id="p" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>`);
    expect(romeo.take()).toHaveLength(1);
  });
  it('CORE-ERR-1 a throwing session listener or handler never stops the queue', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    romeo.session.onStanza(() => {
      throw new Error('listener bug');
    });
    await romeo.send('<presence/>');
    await romeo.send(`<iq type="get" id="p" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>`);
    expect(romeo.take()).toHaveLength(2);
  });
  it('CORE-COMP-3 reset ends sessions as dropped, clears offline messages and resets components', async () => {
    const comp = probeComponent();
    const r = rig({ components: [comp] });
    const romeo = await r.connect('user@localhost');
    await romeo.send(`<message to="juliet@localhost"><body>stored</body></message>`);
    await romeo.send(`<presence to="room@svc.localhost/R"/>`);
    r.server.reset();
    expect(romeo.closed).toEqual([{ kind: 'dropped', message: 'the mock server was reset' }]);
    expect(comp.got).toEqual([]);
    expect(r.server.sessions()).toEqual([]);
    const juliet = await r.connect('juliet@localhost');
    await juliet.send('<presence/>');
    expect(juliet.take().map((s) => s.name)).toEqual(['presence']);
  });
});

describe('CORE-Q-2 connect waits for earlier sends', () => {
  it('routes a queued message before a later session exists', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    void romeo.session.send(
      parse('<message to="juliet@localhost/mobile" type="chat"><body>early</body></message>'),
    );
    const phone = await r.connect('juliet@localhost', 'mobile');
    await r.settled();
    expect(phone.take()).toEqual([]); // stored offline, not delivered to the later session
    await phone.send('<presence/>');
    expect(phone.take().map((s) => s.name)).toEqual(['presence', 'message']);
  });
});

describe('a fresh element each time', () => {
  it('new Element is usable as a sent stanza', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(new Element('presence'));
    expect(romeo.take()).toHaveLength(1);
  });
});

describe('CORE-ROSTER-* rosters without subscriptions', () => {
  const set = (id: string, item: string) =>
    `<iq type="set" id="${id}"><query xmlns="jabber:iq:roster">${item}</query></iq>`;
  it('CORE-ROSTER-2..5 add, replace, remove; pushes to interested resources after the result', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    const quiet = await r.connect('user@localhost'); // never asks for the roster: no pushes
    await romeo.send(`<iq type="get" id="g1"><query xmlns="jabber:iq:roster"/></iq>`);
    romeo.take();
    await romeo.send(
      set('s1', `<item jid="nurse@localhost" name="Nurse"><group>Friends</group><group>Staff</group></item>`),
    );
    const [result, push] = romeo.take();
    expect(canon(result)).toBe(c(`<iq xmlns="jabber:client" id="s1" to="${romeo.jid}" type="result"/>`));
    expect(push.attrs.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    delete push.attrs.id;
    expect(canon(push)).toBe(
      c(
        `<iq xmlns="jabber:client" type="set"><query xmlns="jabber:iq:roster" ver="1"><item jid="nurse@localhost" name="Nurse" subscription="none"><group>Friends</group><group>Staff</group></item></query></iq>`,
      ),
    );
    await romeo.send(set('s2', `<item jid="Nurse@LOCALHOST" subscription="both"/>`));
    await romeo.send(`<iq type="get" id="g2" to="user@localhost"><query xmlns="jabber:iq:roster"/></iq>`);
    const got = romeo.take();
    expect(canon(got[2])).toBe(
      c(
        `<iq xmlns="jabber:client" id="g2" to="${romeo.jid}" type="result"><query xmlns="jabber:iq:roster" ver="2"><item jid="nurse@localhost" subscription="none"/></query></iq>`,
      ),
    );
    await romeo.send(`<iq type="get" id="g3"><query xmlns="jabber:iq:roster" ver="2"/></iq>`);
    expect(all(romeo.take())).toEqual([
      c(`<iq xmlns="jabber:client" id="g3" to="${romeo.jid}" type="result"/>`),
    ]);
    await romeo.send(set('s4', `<item jid="nurse@localhost" subscription="remove"/>`));
    const [, removed] = romeo.take();
    expect(canon(removed.getChild('query')!)).toBe(
      c(
        `<query xmlns="jabber:iq:roster" ver="3"><item jid="nurse@localhost" subscription="remove"/></query>`,
      ),
    );
    expect(quiet.take()).toEqual([]);
  });
  it('CORE-ROSTER-2/3 errors', async () => {
    const r = rig();
    const romeo = await r.connect('user@localhost');
    await romeo.send(set('e1', `<item jid="a@localhost"/><item jid="b@localhost"/>`));
    await romeo.send(set('e2', ``));
    await romeo.send(set('e3', `<item jid="a@b@c"/>`));
    await romeo.send(set('e4', `<item jid="user@localhost"/>`));
    await romeo.send(set('e5', `<item jid="nobody@localhost" subscription="remove"/>`));
    const err = (id: string, type: string, cond: string) =>
      c(
        `<iq xmlns="jabber:client" id="${id}" to="${romeo.jid}" type="error"><error type="${type}"><${cond} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
      );
    expect(all(romeo.take())).toEqual([
      err('e1', 'modify', 'bad-request'),
      err('e2', 'modify', 'bad-request'),
      err('e3', 'modify', 'bad-request'),
      err('e4', 'cancel', 'not-allowed'),
      err('e5', 'modify', 'item-not-found'),
    ]);
  });
});

describe('CORE-SUB-* subscription requests', () => {
  it('CORE-SUB-1 stamps bare JIDs, marks ask=subscribe, pushes (again on a repeat)', async () => {
    const r = rig();
    const alice = await r.connect('pa@localhost');
    const carol = await r.connect('pc@localhost');
    await carol.send('<presence/>');
    carol.take();
    await alice.send(`<iq type="get" id="g1"><query xmlns="jabber:iq:roster"/></iq>`);
    alice.take();
    await alice.send(`<presence to="pc@localhost/whatever" type="subscribe"/>`);
    expect(all(carol.take())).toEqual([
      c(
        `<presence to="pc@localhost" xmlns="jabber:client" from="pa@localhost" xml:lang="en" type="subscribe"/>`,
      ),
    ]);
    const [push] = alice.take();
    delete push.attrs.id;
    expect(canon(push)).toBe(
      c(
        `<iq type="set" xmlns="jabber:client"><query xmlns="jabber:iq:roster" ver="1"><item jid="pc@localhost" subscription="none" ask="subscribe"/></query></iq>`,
      ),
    );
    await alice.send(`<presence to="pc@localhost" type="subscribe"/>`);
    const [again] = alice.take();
    expect(again.getChild('query')!.attrs.ver).toBe('1');
  });
  it('CORE-SUB-2 the first request is kept as sent and given on each initial presence', async () => {
    const r = rig();
    const alice = await r.connect('pa@localhost');
    await alice.send(
      `<presence to="pb@localhost" type="subscribe" id="s1"><preauth xmlns="urn:xmpp:pars:0" token="t"/></presence>`,
    );
    await alice.send(
      `<presence to="pb@localhost" type="subscribe" id="s2"><status>again</status></presence>`,
    );
    const bob = await r.connect('pb@localhost');
    await bob.send('<presence/>');
    const expected = c(
      `<presence to="pb@localhost" xmlns="jabber:client" id="s1" type="subscribe" xml:lang="en" from="pa@localhost"><preauth token="t" xmlns="urn:xmpp:pars:0"/></presence>`,
    );
    expect(all(bob.take()).slice(1)).toEqual([expected]);
    const phone = await r.connect('pb@localhost', 'phone');
    await phone.send('<presence/>');
    const got = all(phone.take());
    expect(got.slice(2)).toEqual([expected]); // echo, Bob's presence (CORE-PRES-4), then the request
  });
});

describe('CORE-WIRE-2/3 shared and given elements (performance, same observable stanzas)', () => {
  it('CORE-WIRE-2 a broadcast shares frozen children between recipients, each with its own stanza', async () => {
    const comp = probeComponent();
    const r = rig({ components: [comp] });
    const romeo = await r.connect('user@localhost');
    const juliet = await r.connect('juliet@localhost');
    await romeo.send(`<presence to="room@svc.localhost/Romeo"/>`);
    const ctx = comp.ctx();
    const p = parse(
      `<presence from="room@svc.localhost/Romeo"><status>hi</status><x xmlns="urn:x"><item a="1"/></x></presence>`,
    );
    ctx.broadcast!(() => {
      for (const to of [romeo.jid, juliet.jid]) {
        p.attrs.to = to;
        ctx.send(p);
      }
    });
    await r.settled();
    const [a] = romeo.take();
    const [b] = juliet.take();
    expect(canon(a)).toBe(
      c(
        `<presence xmlns="jabber:client" from="room@svc.localhost/Romeo" to="${romeo.jid}"><status>hi</status><x xmlns="urn:x"><item a="1"/></x></presence>`,
      ),
    );
    expect(b.attrs.to).toBe(juliet.jid);
    expect(a).not.toBe(b);
    expect(a.getChild('status')).toBe(b.getChild('status')); // shared...
    expect(a.getChild('status')).not.toBe(p.getChild('status')); // ...a copy, not the component's
    expect(a.getChild('status')!.getNS()).toBe('jabber:client');
    expect(() => ((a.getChild('status') as Element).children as string[]).push('x')).toThrow(TypeError);
    expect(() => (a.getChild('x')!.getChild('item')!.attrs.a = '2')).toThrow(TypeError);
    expect(b.getChild('x')!.getChild('item')!.attrs.a).toBe('1');
    // Outside a broadcast, copies again (CORE-WIRE-1).
    p.attrs.to = romeo.jid;
    ctx.send(p);
    await r.settled();
    const [again] = romeo.take();
    expect(again.getChild('status')).not.toBe(a.getChild('status'));
    expect(Object.isFrozen(again.getChild('status'))).toBe(false);
  });
  it('CORE-WIRE-3 a given element is delivered as is, xmlns first; a second recipient gets a copy', async () => {
    const comp = probeComponent();
    const r = rig({ components: [comp] });
    const romeo = await r.connect('user@localhost');
    const romeo2 = await r.connect('user@localhost');
    await romeo.send(`<presence/>`);
    await romeo2.send(`<presence/>`);
    await romeo.send(`<presence to="room@svc.localhost/Romeo"/>`);
    romeo.take();
    romeo2.take();
    const ctx = comp.ctx();
    const one = parse(
      `<presence from="room@svc.localhost/Romeo" to="${romeo.jid}"><status>one</status></presence>`,
    );
    ctx.give!(one);
    // To the bare JID: both resources; at most one may take the element itself.
    const two = parse(
      `<message from="room@svc.localhost" to="user@localhost" type="headline"><body>b</body></message>`,
    );
    ctx.give!(two);
    await r.settled();
    const got = romeo.take();
    const got2 = romeo2.take();
    expect(got[0]).toBe(one);
    expect(Object.keys(one.attrs)[0]).toBe('xmlns');
    expect(canon(one)).toBe(
      c(
        `<presence xmlns="jabber:client" from="room@svc.localhost/Romeo" to="${romeo.jid}"><status>one</status></presence>`,
      ),
    );
    expect(got[1].getChildText('body')).toBe('b');
    expect(got2[0].getChildText('body')).toBe('b');
    expect(got[1]).not.toBe(got2[0]);
    expect(got[1].getChild('body')).not.toBe(got2[0].getChild('body'));
  });
});
