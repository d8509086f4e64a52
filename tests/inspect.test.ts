// INSPECT-1/2: the mock's snapshot after a kick flow, checked against the stanzas a moderator received —
// on the mock, and on Prosody 0.12 for the same flow (where installed; with CI set it must be).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Element } from 'ltx';
import { createInProcessTransport } from '../src/mock/index';
import type { MockSnapshot } from '../src/mock/inspect';
import type { Transport } from '../src/runner/transport';
import { openSide } from './tools/fuzz-mock/driver';
import { needs, startTestProsody, type TestProsody } from './conformance-prosody';

const MUC_USER = 'http://jabber.org/protocol/muc#user';

/** Owner creates and unlocks a room, two others join, the owner makes one a member and kicks the other. */
async function kickFlow(transport: Transport, tag: string) {
  const room = `${tag}@conference.localhost`;
  const users = ['owner', 'member', 'kicked'].map((u) => `${tag}${u}@localhost`);
  const side = await openSide(
    transport,
    users.map((jid) => ({ jid, resource: 'r' })),
  );
  const seen: Element[] = []; // what the owner (a moderator: sees real JIDs) received
  const step = async (from: number, s: Element) => {
    const out = await side.step(from, s);
    seen.push(...out[0].stanzas);
  };
  const join = (nick: string) =>
    new Element('presence', { to: `${room}/${nick}` })
      .c('x', { xmlns: 'http://jabber.org/protocol/muc' })
      .up();
  await step(0, join('Owner'));
  const unlock = new Element('iq', { to: room, type: 'set', id: 'cfg' });
  unlock
    .c('query', { xmlns: 'http://jabber.org/protocol/muc#owner' })
    .c('x', { xmlns: 'jabber:x:data', type: 'submit' });
  await step(0, unlock);
  await step(1, join('Mem'));
  await step(2, join('Kick'));
  const member = new Element('iq', { to: room, type: 'set', id: 'aff' });
  member
    .c('query', { xmlns: 'http://jabber.org/protocol/muc#admin' })
    .c('item', { jid: users[1], affiliation: 'member' });
  await step(0, member);
  const kick = new Element('iq', { to: room, type: 'set', id: 'kick' });
  kick
    .c('query', { xmlns: 'http://jabber.org/protocol/muc#admin' })
    .c('item', { nick: 'Kick', role: 'none' })
    .c('reason')
    .t('bye');
  await step(0, kick);
  return { side, seen, room, users };
}

/** The occupants as the owner's latest presence from each room JID shows them (unavailable: gone). */
function occupantsFromStanzas(seen: Element[], room: string) {
  const last = new Map<string, Element>();
  for (const s of seen)
    if (s.name === 'presence' && String(s.attrs.from).startsWith(`${room}/`)) last.set(s.attrs.from, s);
  const present: Record<string, { jid: string; role: string; affiliation: string }> = {};
  const gone: Record<string, string[]> = {};
  for (const [from, p] of last) {
    const item = p.getChild('x', MUC_USER)?.getChild('item');
    const nick = from.slice(room.length + 1);
    if (p.attrs.type === 'unavailable') {
      gone[nick] = p
        .getChild('x', MUC_USER)!
        .getChildren('status')
        .map((c) => c.attrs.code as string);
      continue;
    }
    present[nick] = {
      jid: String(item?.attrs.jid).split('/')[0],
      role: String(item?.attrs.role),
      affiliation: String(item?.attrs.affiliation),
    };
  }
  return { present, gone };
}

function fromSnapshot(snap: MockSnapshot, room: string) {
  const r = snap.rooms.find((x) => x.jid === room)!;
  return Object.fromEntries(
    r.occupants.map((o) => [o.nick, { jid: o.jid, role: o.role, affiliation: o.affiliation }]),
  );
}

describe('INSPECT-1 the snapshot after a kick flow (mock)', () => {
  it('the kicked occupant is gone; every value agrees with the presences the moderator received', async () => {
    const t = createInProcessTransport();
    const { side, seen, room, users } = await kickFlow(t, 'insp');
    const snap = await t.inspect();
    await side.close();
    const stanzas = occupantsFromStanzas(seen, room);
    expect(stanzas.gone.Kick).toContain('307');
    expect(Object.keys(stanzas.present).sort()).toEqual(['Mem', 'Owner']);
    expect(fromSnapshot(snap, room)).toEqual(stanzas.present);
    const r = snap.rooms[0];
    expect(r.occupants.map((o) => o.nick)).not.toContain('Kick');
    expect(r.occupants.find((o) => o.nick === 'Owner')!.sessions).toEqual([{ jid: `${users[0]}/r` }]);
    expect(r.affiliations).toEqual([
      { jid: users[0], affiliation: 'owner' },
      { jid: users[1], affiliation: 'member' },
    ]);
    expect(r.locked).toBe(false);
    expect(r.config.whois).toBe('moderators');
  });
});

const haveProsody = needs('inspect.test: the Prosody comparison', { prosody: true });

describe.skipIf(!haveProsody)('INSPECT-1 the mock snapshot agrees with the stanzas Prosody sends', () => {
  let prosody: TestProsody;
  let createNodeTransport: (url: string) => Transport;
  beforeAll(async () => {
    prosody = await startTestProsody('mock-inspect');
    ({ createNodeTransport } = await import('../src/runner/transports/node'));
  });
  afterAll(() => prosody?.stop());

  it('kick flow: same occupants, roles, affiliations and real JIDs', async () => {
    const onProsody = await kickFlow(createNodeTransport(prosody.wsUrl), 'inspp');
    await onProsody.side.close();
    const t = createInProcessTransport();
    const onMock = await kickFlow(t, 'inspp');
    const snap = await t.inspect();
    await onMock.side.close();
    const fromProsody = occupantsFromStanzas(onProsody.seen, onProsody.room);
    expect(fromProsody.gone.Kick).toContain('307');
    expect(fromSnapshot(snap, onMock.room)).toEqual(fromProsody.present);
  }, 30_000);
});
