// Presence and room-life rules found by the differential fuzzer (npm run fuzz:mock), each observed on
// Prosody 0.12 (evidence in SPEC.md), named by rule id.
import { describe, expect, it } from 'vitest';
import { rig, type TestClient } from './testing';

const ROOM = 'room@conference.localhost';
const MUC = 'http://jabber.org/protocol/muc';

const groupchat = (id: string) =>
  `<message to="${ROOM}" type="groupchat" id="${id}"><body>hello ${id}</body></message>`;
const join = (nick: string, history = '') =>
  `<presence to="${ROOM}/${nick}"><x xmlns="${MUC}">${history}</x></presence>`;

/** The ids of the room's history messages a client received (the messages from an occupant JID). */
const historyIds = (c: TestClient) =>
  c
    .take()
    .filter((s) => s.name === 'message' && String(s.attrs.from).startsWith(`${ROOM}/`))
    .map((s) => s.attrs.id);

async function roomWithOneMessage(): Promise<{ a: TestClient; b: TestClient }> {
  const r = rig();
  const a = await r.connect('a@localhost', 'r');
  const b = await r.connect('b@localhost', 'r');
  await a.send(join('alice'));
  await a.send(
    `<iq to="${ROOM}" type="set" id="cfg"><query xmlns="${MUC}#owner"><x xmlns="jabber:x:data" type="submit"/></query></iq>`,
  );
  await a.send(groupchat('m1'));
  a.take();
  return { a, b };
}

describe('fidelity rules found by fuzzing: presence and room life', () => {
  it("MUC-LIFE-4: a sole occupant's nick change destroys the temporary room's archive: a rejoin with <x/> gets no archived history", async () => {
    const { a } = await roomWithOneMessage();
    // One message in memory, two asked for: muc_mam serves history from the archive (MUC-HIST-3), which
    // the nick change's momentary emptiness deleted.
    await a.send(join('bob', `<history maxstanzas="2"/>`));
    const got = a.take();
    expect(got.map((s) => `${s.name} ${s.attrs.type ?? ''} ${s.attrs.from}`)).toEqual([
      `presence unavailable ${ROOM}/alice`,
      `presence  ${ROOM}/bob`,
      `message groupchat ${ROOM}`, // the subject, no history
    ]);
  });
  it('MUC-LIFE-4: the memory history still serves a request it can satisfy alone, and the room is forgotten', async () => {
    const { a, b } = await roomWithOneMessage();
    await a.send(groupchat('m2'));
    a.take();
    await a.send(join('bob', `<history maxstanzas="2"/>`));
    expect(historyIds(a)).toEqual(['m1', 'm2']);
    // The service forgot the room: a groupchat from the renamed occupant is item-not-found, and a join
    // makes a new room (201).
    await a.send(groupchat('m3'));
    expect(a.take()[0].getChild('error')?.toString()).toContain('<item-not-found');
    await b.send(join('carol'));
    const statuses = b
      .take()[0]
      .getChild('x', `${MUC}#user`)!
      .getChildren('status')
      .map((s) => s.attrs.code);
    expect(statuses).toContain('201');
  });
  it('MUC-LIFE-4: with another occupant present, a nick change keeps the archive', async () => {
    const { a, b } = await roomWithOneMessage();
    await b.send(join('carol'));
    b.take();
    a.take();
    await a.send(join('bob', `<history maxstanzas="2"/>`));
    expect(historyIds(a)).toEqual(['m1']);
  });
});
