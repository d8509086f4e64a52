// Rules found by the differential fuzzer (npm run fuzz:mock), each observed on Prosody 0.12 (evidence
// in SPEC.md), named by rule id.
import { describe, expect, it } from 'vitest';
import { rig, canon, type TestClient } from './testing';
import { createWorkerHandler } from './workerHandler';
import type { WorkerMessage } from './protocol';

const ROOM = 'room@conference.localhost';
const MUC = `<x xmlns="http://jabber.org/protocol/muc"/>`;

async function openRoom(): Promise<{ a: TestClient; b: TestClient; c: TestClient }> {
  const r = rig();
  const a = await r.connect('a@localhost', 'r');
  const b = await r.connect('b@localhost', 'r');
  const c = await r.connect('c@localhost', 'r');
  await a.send(`<presence to="${ROOM}/A">${MUC}</presence>`);
  await a.send(
    `<iq to="${ROOM}" type="set" id="cfg"><query xmlns="http://jabber.org/protocol/muc#owner"><x xmlns="jabber:x:data" type="submit"/></query></iq>`,
  );
  await b.send(`<presence to="${ROOM}/B">${MUC}</presence>`);
  a.take();
  b.take();
  return { a, b, c };
}

const error = (name: string, to: string, from: string, condition: string, extra = '') =>
  canon(
    `<${name} xmlns="jabber:client" type="error" from="${from}" to="${to}"${extra}><error type="cancel"><${condition} xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></${name}>`,
  );

describe('fidelity rules found by fuzzing', () => {
  it('MUC-SVC-7: a nick-less join (or any presence) to an existing room from a non-occupant: service-unavailable, no by', async () => {
    const { c } = await openRoom();
    for (const p of [`<presence to="${ROOM}">${MUC}</presence>`, `<presence to="${ROOM}" type="probe"/>`]) {
      await c.send(p);
      expect(c.take().map(canon)).toEqual([error('presence', c.jid, ROOM, 'service-unavailable')]);
    }
  });
  it('MUC-SVC-8: a nick-less join to a room that does not exist answers nothing, and leaves an empty room behind', async () => {
    const { c } = await openRoom();
    await c.send(`<presence to="other@conference.localhost"><show>dnd</show></presence>`);
    expect(c.take().map(canon)).toEqual([
      canon(
        `<presence xmlns="jabber:client" type="error" from="other@conference.localhost" to="${c.jid}"><error type="cancel" by="conference.localhost"><item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>`,
      ),
    ]);
    await c.send(`<presence to="new@conference.localhost">${MUC}</presence>`);
    expect(c.take()).toEqual([]);
    await c.send(`<presence to="new@conference.localhost"><show>dnd</show></presence>`);
    expect(c.take().map(canon)).toEqual([
      error('presence', c.jid, 'new@conference.localhost', 'service-unavailable'),
    ]);
    await c.send(`<presence to="new@conference.localhost/C">${MUC}</presence>`);
    expect(c.take()[0].getChild('error')!.toString()).toContain('<item-not-found');
  });
  it('MUC-SVC-9: normal (no invite), chat and headline messages to the room: service-unavailable, no by', async () => {
    const { a, c } = await openRoom();
    for (const [who, type] of [
      [c, 'normal'],
      [a, 'chat'],
      [a, 'headline'],
    ] as const) {
      await who.send(`<message to="${ROOM}" type="${type}"><body>x</body></message>`);
      expect(who.take().map(canon)).toEqual([error('message', who.jid, ROOM, 'service-unavailable')]);
    }
  });
  it('CORE-IQ-9 (and the MUC relay): a vCard get to an occupant is answered for its bare JID, back through the room', async () => {
    const { a } = await openRoom();
    await a.send(`<iq to="${ROOM}/B" type="get" id="v1"><vCard xmlns="vcard-temp"/></iq>`);
    expect(a.take().map(canon)).toEqual([
      canon(
        `<iq xmlns="jabber:client" type="result" id="v1" from="${ROOM}/B" to="${a.jid}"><vCard xmlns="vcard-temp"/></iq>`,
      ),
    ]);
    await a.send(`<iq to="a@localhost" type="get" id="v2"><vCard xmlns="vcard-temp"/></iq>`);
    expect(a.take().map(canon)).toEqual([
      canon(`<iq xmlns="jabber:client" type="result" id="v2" to="${a.jid}"><vCard xmlns="vcard-temp"/></iq>`),
    ]);
  });
  it('CORE-IQ-10/11: time and register gets to the server', async () => {
    const { c } = await openRoom();
    await c.send(`<iq to="localhost" type="get" id="t"><time xmlns="urn:xmpp:time"/></iq>`);
    expect(canon(c.take()[0])).toBe(
      canon(
        `<iq xmlns="jabber:client" type="result" id="t" from="localhost" to="${c.jid}"><time xmlns="urn:xmpp:time"><tzo>+00:00</tzo><utc>1970-01-01T00:00:00Z</utc></time></iq>`,
      ),
    );
    await c.send(`<iq to="localhost" type="get" id="g"><query xmlns="jabber:iq:register"/></iq>`);
    expect(canon(c.take()[0])).toBe(
      canon(
        `<iq xmlns="jabber:client" type="result" id="g" from="localhost" to="${c.jid}"><query xmlns="jabber:iq:register"><registered/><username>c</username><password/></query></iq>`,
      ),
    );
  });
  it("CORE-IQ-12: pubsub to another's bare JID is forbidden (auth); to one's own, item-not-found", async () => {
    const { c } = await openRoom();
    const ps = `<pubsub xmlns="http://jabber.org/protocol/pubsub"><items node="urn:xmpp:avatar:metadata"/></pubsub>`;
    await c.send(`<iq to="b@localhost" type="get" id="p1">${ps}</iq>`);
    expect(c.take()[0].getChild('error')!.toString()).toContain('type="auth"><forbidden');
    await c.send(`<iq to="c@localhost" type="get" id="p2">${ps}</iq>`);
    expect(c.take()[0].getChild('error')!.toString()).toContain('type="cancel"><item-not-found');
  });
  it('CORE-STREAM-2: a stanza over 256 KiB ends the stream with policy-violation; the room sees it leave', async () => {
    const { a, b } = await openRoom();
    await b.send(`<message to="${ROOM}" type="groupchat"><body>${'B'.repeat(270_000)}</body></message>`);
    expect(b.closed).toEqual([
      { kind: 'stream-error', condition: 'policy-violation', text: 'stanza too large' },
    ]);
    const left = a.take();
    expect(left).toHaveLength(1);
    expect(left[0].attrs).toMatchObject({ from: `${ROOM}/B`, type: 'unavailable' });
    expect(left[0].getChildText('status')).toBe('Disconnected: stanza too large');
  });
  it('CORE-WIRE-4: a tab in an address is a space, as an XML parser normalises attribute values', async () => {
    const { c } = await openRoom();
    await c.send(`<presence to="${ROOM}/tab&#9;nick">${MUC}</presence>`);
    const self = c
      .take()
      .filter((s) => s.name === 'presence')
      .at(-1)!;
    expect(self.attrs.from).toBe(`${ROOM}/tab nick`);
  });
  it('CORE-SUB-4 / CORE-PRES-11: a subscribe to a room goes bare to bare; its error reaches the bare JID; unsubscribed is not routed', async () => {
    const { c } = await openRoom();
    await c.send(`<presence to="${ROOM}" type="subscribe"/>`);
    expect(c.take().map(canon)).toEqual([error('presence', 'c@localhost', ROOM, 'service-unavailable')]);
    await c.send(`<presence to="${ROOM}" type="unsubscribed"/>`);
    expect(c.take()).toEqual([]);
  });
  it("CORE-PRES-12: a presence to one's own bare JID is broadcast presence: echoed without `to`, seen by the other resources; other types: bad-request", async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    const a2 = await r.connect('a@localhost', 'r2');
    await a2.send('<presence/>');
    a2.take();
    await a.send('<presence to="A@localhost"><show>away</show></presence>');
    const vcard = '<x xmlns="vcard-temp:x:update"><photo/></x>';
    expect(a.take().map(canon)).toEqual([
      canon(
        `<presence xmlns="jabber:client" from="${a.jid}" xml:lang="en"><show>away</show>${vcard}</presence>`,
      ),
      // CORE-PRES-4: an initial presence brings the other resource's
      expect.stringContaining(`from="${a2.jid}"`),
    ]);
    expect(a2.take().map(canon)).toEqual([
      canon(
        `<presence xmlns="jabber:client" from="${a.jid}" to="${a2.jid}" xml:lang="en"><show>away</show>${vcard}</presence>`,
      ),
    ]);
    for (const type of ['subscribe', 'unsubscribed', 'probe']) {
      await a.send(`<presence to="a@localhost" type="${type}" id="${type}"/>`);
      expect(a.take().map(canon)).toEqual([
        canon(
          `<presence xmlns="jabber:client" id="${type}" to="${a.jid}" type="error"><error type="modify"><bad-request xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">Invalid presence type</text></error></presence>`,
        ),
      ]);
    }
    expect(a2.take()).toEqual([]);
    await a.send('<presence to="a@localhost" type="unavailable"/>');
    expect(a.take().map(canon)).toEqual([
      canon(`<presence xmlns="jabber:client" from="${a.jid}" type="unavailable" xml:lang="en"/>`),
    ]);
    expect(a2.take().map((s) => s.attrs.type)).toEqual(['unavailable']);
  });
  it("CORE-PRES-13: a presence error with no `to` (or to one's own bare JID) is answered by nothing", async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    await a.send('<presence/>');
    a.take();
    await a.send('<presence type="error"/>');
    await a.send(
      '<presence type="error" to="a@localhost"><error type="cancel"><gone xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></presence>',
    );
    expect(a.take()).toEqual([]);
  });
  it('CORE-ERR-3: `a@` (no domain part) is a malformed address: jid-malformed from `a@`, and the stream goes on', async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    const malformed = (name: string, id: string) =>
      canon(
        `<${name} xmlns="jabber:client" id="${id}" from="a@" to="${a.jid}" type="error"><error type="modify"><jid-malformed xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/><text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">The destination address is invalid: a@</text></error></${name}>`,
      );
    await a.send('<iq type="get" id="o1" to="a@"><ping xmlns="urn:xmpp:ping"/></iq>');
    await a.send('<message id="o2" to="a@"><body>x</body></message>');
    await a.send('<presence id="o3" to="a@"/>');
    await a.send('<iq type="get" id="o4" to="localhost"><ping xmlns="urn:xmpp:ping"/></iq>');
    expect(a.take().map(canon)).toEqual([
      malformed('iq', 'o1'),
      malformed('message', 'o2'),
      malformed('presence', 'o3'),
      canon(`<iq xmlns="jabber:client" id="o4" from="localhost" to="${a.jid}" type="result"/>`),
    ]);
  });
  it('CORE-IQ-13: own-account disco#info: an account identity (admin for the server admins), PEP, vCard4, MAM', async () => {
    const r = rig();
    for (const [jid, type] of [
      ['admin@localhost', 'admin'],
      ['user@localhost', 'registered'],
    ]) {
      const a = await r.connect(jid, 'r');
      await a.send('<iq type="get" id="d1"><query xmlns="http://jabber.org/protocol/disco#info"/></iq>');
      const q = a.take()[0].getChild('query', 'http://jabber.org/protocol/disco#info')!;
      expect(q.getChildren('identity').map((i) => `${i.attrs.category}/${i.attrs.type}`)).toEqual([
        `account/${type}`,
        'pubsub/pep',
      ]);
      const features = q.getChildren('feature').map((f) => f.attrs.var);
      expect(features).toHaveLength(37);
      expect(features).toEqual(
        expect.arrayContaining(['urn:ietf:params:xml:ns:vcard-4.0', 'urn:xmpp:mam:2', 'urn:xmpp:sid:0']),
      );
    }
  });
  it('CORE-SUB-5/6: an initial presence sends the unanswered requests again; each request is acknowledged with an unavailable presence; a repeat is not delivered again', async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    await a.send('<iq type="get" id="r1"><query xmlns="jabber:iq:roster"/></iq>');
    await a.send(`<presence type="subscribe" to="${ROOM}"/>`);
    await a.send('<presence type="subscribe" to="b@localhost"/>');
    a.take();
    const shape = (s: { name: string; attrs: Record<string, string> }) =>
      s.name === 'iq'
        ? `push`
        : `${s.name} ${s.attrs.type ?? 'available'} from ${s.attrs.from} to ${s.attrs.to ?? '-'}`;
    await a.send('<presence/>');
    const got = a.take();
    expect(got.map(shape)).toEqual([
      `presence available from ${a.jid} to -`,
      'push',
      `presence error from ${ROOM} to a@localhost`,
      'push',
      'presence unavailable from b@localhost to a@localhost',
    ]);
    expect(got[1].getChild('query')!.getChild('item')!.attrs).toMatchObject({ jid: ROOM, ask: 'subscribe' });
    const b = await r.connect('b@localhost', 'r');
    await b.send('<presence/>');
    expect(b.take().map(shape)).toEqual([
      `presence available from ${b.jid} to -`,
      'presence subscribe from a@localhost to b@localhost',
    ]);
    const c = await r.connect('c@localhost', 'r');
    await c.send('<presence/>');
    c.take();
    await c.send('<presence type="subscribe" to="b@localhost" id="x2"/>');
    await c.send('<presence type="subscribe" to="b@localhost" id="x3"/>');
    expect(b.take().map((s) => s.attrs.id)).toEqual(['x2']);
    expect(c.take().map(shape)).toEqual([
      'presence unavailable from b@localhost to c@localhost',
      'presence unavailable from b@localhost to c@localhost',
    ]);
  });
  it('CORE-IQ-14: jabber:iq:last: own account and server answer 0 seconds (own: with the last unavailable status); another account: forbidden', async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    const last = (id: string, to = '') =>
      `<iq type="get" id="${id}"${to ? ` to="${to}"` : ''}><query xmlns="jabber:iq:last"/></iq>`;
    const result = (id: string, text = '', from = '') =>
      canon(
        `<iq xmlns="jabber:client" id="${id}"${from ? ` from="${from}"` : ''} to="${a.jid}" type="result"><query xmlns="jabber:iq:last" seconds="0">${text}</query></iq>`,
      );
    await a.send(last('l1'));
    await a.send(last('l2', 'localhost'));
    await a.send(last('l3', 'b@localhost'));
    await a.send('<presence/>');
    await a.send('<presence type="unavailable"><status>gone fishing</status></presence>');
    await a.send(last('l4', 'a@localhost'));
    const got = a.take().map(canon);
    expect(got.filter((s) => s.startsWith('<iq'))).toEqual([
      result('l1'),
      result('l2', '', 'localhost'),
      canon(
        `<iq xmlns="jabber:client" id="l3" from="b@localhost" to="${a.jid}" type="error"><error type="auth"><forbidden xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>`,
      ),
      result('l4', 'gone fishing'),
    ]);
  });
  it('CORE-SUB-7: the server answers a probe with its presence and approves a subscription at once; an initial presence probes it', async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    await a.send('<presence/>');
    await a.send('<iq type="get" id="r1"><query xmlns="jabber:iq:roster"/></iq>');
    a.take();
    const shape = (s: { name: string; attrs: Record<string, string>; getChild: (n: string) => unknown }) => {
      if (s.name === 'iq') {
        const item = (
          s.getChild('query') as { getChild: (n: string) => { attrs: Record<string, string> } }
        ).getChild('item').attrs;
        return `push ${item.jid} ${item.subscription}${item.ask ? ` ask` : ''}`;
      }
      return `presence ${s.attrs.type ?? 'available'} from ${s.attrs.from} to ${s.attrs.to} id ${s.attrs.id}`;
    };
    await a.send('<presence type="probe" to="localhost" id="h1"/>');
    await a.send('<presence type="subscribe" to="localhost" id="h2"/>');
    await a.send('<presence type="subscribe" to="localhost" id="h3"/>');
    expect(a.take().map(shape)).toEqual([
      'presence available from localhost to a@localhost id h1',
      'push localhost none ask',
      'presence subscribed from localhost to a@localhost id h2',
      'push localhost to',
      'presence available from localhost to a@localhost id h2',
      'push localhost to',
      'presence available from localhost to a@localhost id h3',
    ]);
    const phone = await r.connect('a@localhost', 'phone');
    await phone.send('<presence/>');
    expect(phone.take().map(shape).slice(0, 2)).toEqual([
      `presence available from ${phone.jid} to undefined id undefined`,
      'presence available from localhost to a@localhost id undefined',
    ]);
    a.take();
    await a.send('<presence type="unsubscribe" to="localhost" id="h4"/>');
    expect(a.take().map(shape)).toEqual(['push localhost none']);
  });
  it("CORE-IQ-11: jabber:iq:register to one's own account or the server: get says registered; a password change fails (wait); any other set is bad-request", async () => {
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    const q = (inner = '') => `<query xmlns="jabber:iq:register">${inner}</query>`;
    await a.send(`<iq type="get" id="g1">${q()}</iq>`);
    await a.send(`<iq type="set" id="s1" to="a@localhost">${q()}</iq>`);
    await a.send(`<iq type="set" id="s2">${q('<username>A</username><password>x</password>')}</iq>`);
    await a.send(
      `<iq type="set" id="s3" to="localhost">${q('<username>other</username><password>x</password>')}</iq>`,
    );
    const got = a.take();
    expect(got[0].getChild('query')!.getChildText('username')).toBe('a');
    expect(got.slice(1).map((s) => [s.attrs.id, s.attrs.from, s.getChild('error')!.toString()])).toEqual([
      ['s1', undefined, expect.stringContaining('type="modify"><bad-request')],
      ['s2', undefined, expect.stringContaining('type="wait"><internal-server-error')],
      ['s3', 'localhost', expect.stringContaining('type="modify"><bad-request')],
    ]);
  });
});

describe('CORE-STREAM-3 deep nesting', () => {
  const deep = (n: number) =>
    `<message to="b@localhost/r" type="chat">${'<a>'.repeat(n)}${'</a>'.repeat(n)}</message>`;
  it('2,000 and 20,000 levels end the stream with policy-violation, in process and in the worker; 400 pass', async () => {
    for (const n of [2000, 20000]) {
      const r = rig();
      const a = await r.connect('a@localhost', 'r');
      const b = await r.connect('b@localhost', 'r');
      await a.send(deep(n));
      expect(a.closed).toEqual([
        { kind: 'stream-error', condition: 'policy-violation', text: 'stanza too deeply nested' },
      ]);
      expect(b.take()).toEqual([]);
      const posted: WorkerMessage[] = [];
      const h = createWorkerHandler((m) => posted.push(m));
      await h.handle({
        type: 'connect',
        id: 1,
        options: { jid: 'a@localhost', password: 'p', clientName: 'a', resource: 'r' },
      });
      await h.handle({ type: 'send', session: 1, xml: deep(n) });
      await h.handle({ type: 'settle', id: 2 });
      expect(posted.slice(1)).toEqual([
        {
          type: 'closed',
          session: 1,
          reason: { kind: 'stream-error', condition: 'policy-violation', text: 'stanza too deeply nested' },
        },
        { type: 'settled', id: 2 },
      ]);
    }
    const r = rig();
    const a = await r.connect('a@localhost', 'r');
    const b = await r.connect('b@localhost', 'r');
    await a.send(deep(400));
    expect(b.take()).toHaveLength(1);
  });
});
