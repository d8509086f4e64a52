import { describe, expect, it } from 'vitest';
import { diffSnapshots, keyOf, readSnapshot, snapshotsForStep } from './liveInspect';

const ROOM = 'hall@conference.localhost';
const before = {
  rooms: [
    {
      jid: ROOM,
      subject: null,
      historySize: 1,
      config: { name: 'Hall', membersOnly: false },
      affiliations: { 'romeo@localhost': 'owner' },
      occupants: [
        {
          nick: 'Romeo',
          realJids: ['romeo@localhost/r1'],
          role: 'moderator',
          affiliation: 'owner',
          sessions: 1,
        },
        {
          nick: 'Juliet',
          realJids: ['juliet@localhost/j1'],
          role: 'participant',
          affiliation: 'none',
          sessions: 1,
        },
      ],
    },
  ],
};

function kicked() {
  const s = structuredClone(before);
  s.rooms[0].occupants = s.rooms[0].occupants.filter((o) => o.nick !== 'Juliet');
  s.rooms[0].config.membersOnly = true;
  s.rooms[0].historySize = 2;
  (s.rooms[0].affiliations as Record<string, string>)['juliet@localhost'] = 'outcast';
  return s;
}

describe('readSnapshot', () => {
  it('reads rooms, occupants, affiliations and configuration', () => {
    const v = readSnapshot(before);
    expect(v.problems).toEqual([]);
    expect(v.rooms).toHaveLength(1);
    expect(v.rooms[0].occupants.map((o) => `${o.nick}:${o.role}:${o.affiliation}:${o.sessions}`)).toEqual([
      'Romeo:moderator:owner:1',
      'Juliet:participant:none:1',
    ]);
    expect(v.rooms[0].affiliations).toEqual([{ jid: 'romeo@localhost', affiliation: 'owner' }]);
    expect(v.rooms[0].config).toContainEqual(['membersOnly', 'false']);
  });

  it('turns garbage into problems, never a crash', () => {
    expect(readSnapshot('nonsense').problems).toEqual(['the snapshot has no rooms list']);
    const v = readSnapshot({ rooms: [42, { subject: 'x' }, { jid: ROOM, occupants: [{ role: 'x' }] }] });
    expect(v.rooms.map((r) => r.jid)).toEqual([ROOM]);
    expect(v.problems).toEqual(['room 1: not an object', 'room 2: no jid', `${ROOM} occupant 1: no nick`]);
    expect(readSnapshot(null)).toEqual({ rooms: [], problems: [] });
  });
});

describe('diffSnapshots', () => {
  it('after a kick: the occupant is gone and marked removed; other changes marked', () => {
    const d = diffSnapshots(readSnapshot(before), readSnapshot(kicked()));
    expect(d.changes.get(keyOf.occupant(ROOM, 'Juliet'))).toBe('removed');
    expect(d.goneOccupants.map((g) => g.occupant.nick)).toEqual(['Juliet']);
    expect(d.changes.get(keyOf.config(ROOM, 'membersOnly'))).toBe('changed');
    expect(d.changes.get(keyOf.history(ROOM))).toBe('changed');
    expect(d.changes.get(keyOf.affiliation(ROOM, 'juliet@localhost'))).toBe('added');
    expect(d.changes.has(keyOf.occupant(ROOM, 'Romeo'))).toBe(false);
    expect(d.changes.size).toBe(4);
  });

  it('marks a role change on the field, a new room and a destroyed room', () => {
    const next = structuredClone(before);
    next.rooms[0].occupants[1].role = 'moderator';
    next.rooms.push({ ...structuredClone(before.rooms[0]), jid: 'new@conference.localhost' });
    const d = diffSnapshots(readSnapshot(before), readSnapshot(next));
    expect([...d.changes]).toEqual([
      [keyOf.occupantField(ROOM, 'Juliet', 'role'), 'changed'],
      [keyOf.room('new@conference.localhost'), 'added'],
    ]);
    const gone = diffSnapshots(readSnapshot(next), readSnapshot(before));
    expect(gone.goneRooms.map((r) => r.jid)).toEqual(['new@conference.localhost']);
  });

  it('marks nothing without a previous snapshot or when nothing changed', () => {
    expect(diffSnapshots(null, readSnapshot(before)).changes.size).toBe(0);
    expect(diffSnapshots(readSnapshot(before), readSnapshot(structuredClone(before))).changes.size).toBe(0);
  });
});

describe('snapshotsForStep', () => {
  it('picks the latest snapshot at or before the step and the one before it', () => {
    const ins = { 0: 'a', 2: 'b', 5: 'c' };
    expect(snapshotsForStep(ins, 3)).toEqual({ current: 'b', previous: 'a', step: 2 });
    expect(snapshotsForStep(ins, null)).toEqual({ current: 'c', previous: 'b', step: 5 });
    expect(snapshotsForStep(ins, 0)).toEqual({ current: 'a', previous: null, step: 0 });
    expect(snapshotsForStep({}, 1)).toEqual({ current: null, previous: null, step: null });
  });
});
