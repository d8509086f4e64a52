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
