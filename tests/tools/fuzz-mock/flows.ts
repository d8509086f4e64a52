// Random MUC flows: actions as plain data (fast-check arbitraries, so they shrink), rendered into stanzas
// against one flow's names (unique rooms and users per flow, so one Prosody serves many flows).
import fc from 'fast-check';

export const SERVICE = 'conference.localhost';
export const NICKS = ['alice', 'bob', 'carol', 'dave'];
export const PASSWORD = 'secret';

/** An addressee. */
export type Addr =
  | { k: 'server' }
  | { k: 'service' }
  | { k: 'room'; r: number }
  | { k: 'occ'; r: number; n: number }
  /** The sender's own nickname in room r (its own occupant JID, whatever client sends). */
  | { k: 'self'; r: number }
  | { k: 'user'; c: number; full: boolean }
  | { k: 'odd'; v: number };

/** Hostile addresses (`${room}` is room 0's local part, `${user}` client 1's). */
export const ODD = [
  'a@localhost.',
  'a@',
  '${room}@conference.localhost.',
  '${room}@CONFERENCE.localhost',
  '${ROOM}@conference.localhost/alice',
  `${'x'.repeat(1100)}@conference.localhost`,
  '${room}@conference.localhost/' + 'n'.repeat(1100),
  '${user}@localhost/nobody',
];

export const IQ_NS = [
  ['query', 'http://jabber.org/protocol/disco#info'],
  ['query', 'http://jabber.org/protocol/disco#items'],
  ['ping', 'urn:xmpp:ping'],
  ['query', 'jabber:iq:version'],
  ['vCard', 'vcard-temp'],
  ['time', 'urn:xmpp:time'],
  ['query', 'jabber:iq:last'],
  ['query', 'jabber:iq:register'],
  ['query', 'http://jabber.org/protocol/muc#admin'],
  ['query', 'http://jabber.org/protocol/muc#owner'],
  ['query', 'urn:xmpp:mam:2'],
  ['query', 'jabber:iq:private'],
  ['query', 'jabber:iq:roster'],
  ['pubsub', 'http://jabber.org/protocol/pubsub'],
  ['command', 'http://jabber.org/protocol/commands'],
  ['query', 'urn:example:unknown'],
] as const;

export type NickChoice = number | 'none' | 'tab' | 'long' | 'spaces' | 'upper';

export type Action =
  | {
      t: 'join';
      c: number;
      r: number;
      nick: NickChoice;
      x: boolean;
      pw: 'none' | 'empty' | 'right' | 'wrong';
      hist: 'none' | 'max0' | 'max2' | 'chars';
    }
  | { t: 'leave'; c: number; r: number; status: boolean }
  | { t: 'nick'; c: number; r: number; nick: NickChoice }
  | { t: 'pres'; c: number; to: Addr; show: 'away' | 'dnd' | 'none' }
  | { t: 'probe'; c: number; to: Addr }
  | { t: 'sub'; c: number; to: Addr; type: 'subscribe' | 'unsubscribed' }
  | {
      t: 'msg';
      c: number;
      to: Addr;
      type: 'groupchat' | 'chat' | 'normal' | 'headline' | 'none';
      body: 'short' | 'big' | 'none';
      subject: boolean;
    }
  | { t: 'iq'; c: number; to: Addr; type: 'get' | 'set'; ns: number }
  | { t: 'list'; c: number; r: number; what: 'owner' | 'admin' | 'member' | 'outcast' | 'moderator' }
  | {
      t: 'admin';
      c: number;
      r: number;
      target: { nick: number } | { user: number };
      set:
        | 'owner'
        | 'admin'
        | 'member'
        | 'outcast'
        | 'none-aff'
        | 'moderator'
        | 'participant'
        | 'visitor'
        | 'none';
      reason: boolean;
    }
  | { t: 'ownerGet'; c: number; r: number }
  | {
      t: 'config';
      c: number;
      r: number;
      fields: {
        persistent?: boolean;
        membersonly?: boolean;
        moderated?: boolean;
        password?: boolean;
        whois?: 'anyone' | 'moderators';
        public?: boolean;
        changesubject?: boolean;
        historylength?: number;
      };
    }
  | { t: 'destroy'; c: number; r: number; reason: boolean; alt: boolean }
  | { t: 'invite'; c: number; r: number; to: number; reason: boolean }
  | { t: 'decline'; c: number; r: number; to: number }
  | { t: 'register'; c: number; r: number; nick: number };

const client = fc.integer({ min: 0, max: 3 });
/**
 * The client that acts: client 0 (the room's maker in every prologue, and the one that demotes itself in
 * a locked room) 2.5 times as often as each other, so its rarer roles still act often (about 45% of the steps).
 */
const sender = fc.oneof(
  { weight: 5, arbitrary: fc.constant(0) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) },
);
const room = fc.integer({ min: 0, max: 1 });
const nickChoice: fc.Arbitrary<NickChoice> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<NickChoice>('none', 'tab', 'long', 'spaces', 'upper') },
);
const addr: fc.Arbitrary<Addr> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Addr>({ k: 'server' }) },
  { weight: 3, arbitrary: fc.constant<Addr>({ k: 'service' }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('room' as const), r: room }) },
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant('occ' as const), r: room, n: fc.integer({ min: 0, max: 3 }) }),
  },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('self' as const), r: room }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('user' as const), c: sender, full: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('odd' as const), v: fc.integer({ min: 0, max: ODD.length - 1 }) }),
  },
);

export const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      t: fc.constant('join' as const),
      c: sender,
      r: room,
      nick: nickChoice,
      x: fc.constantFrom(true, true, true, true, false),
      pw: fc.constantFrom(
        'none' as const,
        'none' as const,
        'empty' as const,
        'right' as const,
        'wrong' as const,
      ),
      hist: fc.constantFrom(
        'none' as const,
        'none' as const,
        'max0' as const,
        'max2' as const,
        'chars' as const,
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant('leave' as const), c: sender, r: room, status: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('nick' as const), c: sender, r: room, nick: nickChoice }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('pres' as const),
      c: sender,
      to: addr,
      show: fc.constantFrom('away' as const, 'dnd' as const, 'none' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('probe' as const), c: sender, to: addr }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('sub' as const),
      c: sender,
      to: addr,
      type: fc.constantFrom('subscribe' as const, 'unsubscribed' as const),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('msg' as const),
      c: sender,
      to: addr,
      type: fc.constantFrom(
        'groupchat' as const,
        'groupchat' as const,
        'chat' as const,
        'normal' as const,
        'headline' as const,
        'none' as const,
      ),
      body: fc.constantFrom(
        'short' as const,
        'short' as const,
        'short' as const,
        'none' as const,
        'big' as const,
      ),
      subject: fc.boolean(),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('iq' as const),
      c: sender,
      to: addr,
      type: fc.constantFrom('get' as const, 'get' as const, 'set' as const),
      ns: fc.integer({ min: 0, max: IQ_NS.length - 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('list' as const),
      c: sender,
      r: room,
      what: fc.constantFrom(
        'owner' as const,
        'admin' as const,
        'member' as const,
        'outcast' as const,
        'moderator' as const,
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('admin' as const),
      c: sender,
      r: room,
      target: fc.oneof(fc.record({ nick: fc.integer({ min: 0, max: 3 }) }), fc.record({ user: client })),
      set: fc.constantFrom(
        'owner' as const,
        'admin' as const,
        'member' as const,
        'outcast' as const,
        'none-aff' as const,
        'moderator' as const,
        'participant' as const,
        'visitor' as const,
        'none' as const,
      ),
      reason: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('ownerGet' as const), c: sender, r: room }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('config' as const),
      c: sender,
      r: room,
      fields: fc.record(
        {
          persistent: fc.boolean(),
          membersonly: fc.boolean(),
          moderated: fc.boolean(),
          password: fc.boolean(),
          whois: fc.constantFrom('anyone' as const, 'moderators' as const),
          public: fc.boolean(),
          changesubject: fc.boolean(),
          historylength: fc.constantFrom(0, 1, 5),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('destroy' as const),
      c: sender,
      r: room,
      reason: fc.boolean(),
      alt: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('invite' as const),
      c: sender,
      r: room,
      to: client,
      reason: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('decline' as const), c: sender, r: room, to: client }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('register' as const),
      c: sender,
      r: room,
      nick: fc.integer({ min: 0, max: 3 }),
    }),
  },
);

/**
 * How a flow begins, before its random steps, so that every room state and sender role is met often:
 *   open       client 0 makes room 0 and accepts the default configuration; client 1 joins (participant)
 *   moderated  the same with a moderated room: clients 1 and 2 join as visitors
 *   locked     client 0 makes room 0 and leaves it locked (the others meet a locked room)
 *   locked-participant, locked-visitor  the same, and client 0 (the owner) gives itself that role
 *   none       no prologue
 */
export type PrologueKind = 'open' | 'moderated' | 'locked' | 'locked-participant' | 'locked-visitor' | 'none';

export const prologueKind: fc.Arbitrary<PrologueKind> = fc.oneof(
  { weight: 8, arbitrary: fc.constant<PrologueKind>('open') },
  { weight: 6, arbitrary: fc.constant<PrologueKind>('moderated') },
  { weight: 4, arbitrary: fc.constant<PrologueKind>('locked') },
  { weight: 8, arbitrary: fc.constant<PrologueKind>('locked-participant') },
  { weight: 8, arbitrary: fc.constant<PrologueKind>('locked-visitor') },
  { weight: 2, arbitrary: fc.constant<PrologueKind>('none') },
);

export function prologueOf(kind: PrologueKind, clients: number): Action[] {
  const join = (c: number): Action => ({ t: 'join', c, r: 0, nick: c, x: true, pw: 'none', hist: 'none' });
  const demote = (set: 'participant' | 'visitor'): Action => ({
    t: 'admin',
    c: 0,
    r: 0,
    target: { nick: 0 },
    set,
    reason: false,
  });
  const steps: Action[] =
    kind === 'open'
      ? [join(0), { t: 'config', c: 0, r: 0, fields: {} }, join(1)]
      : kind === 'moderated'
        ? [join(0), { t: 'config', c: 0, r: 0, fields: { moderated: true } }, join(1), join(2)]
        : kind === 'locked'
          ? [join(0)]
          : kind === 'locked-participant'
            ? [join(0), demote('participant')]
            : kind === 'locked-visitor'
              ? [join(0), demote('visitor')]
              : [];
  return steps.filter((a) => a.c < clients);
}

/** One flow's names: unique rooms and users, so flows never meet on a shared Prosody. */
export interface Names {
  rooms: string[];
  users: string[];
  resources: string[];
}

/** `admin`: client 0's account when it is the flow's MUC service admin (admins.ts). */
export function flowNames(tag: string, clients: number, admin?: string): Names {
  const users = Array.from({ length: clients }, (_, i) =>
    admin !== undefined && i === 0 ? admin : `${tag}u${i}@localhost`,
  );
  return {
    rooms: [`${tag}r0@${SERVICE}`, `${tag}r1@${SERVICE}`],
    users,
    resources: users.map((_, i) => `res${i}`),
  };
}

export function nickText(n: NickChoice): string | undefined {
  if (typeof n === 'number') return NICKS[n];
  switch (n) {
    case 'none':
      return undefined;
    case 'tab':
      return 'tab\tnick';
    case 'long':
      return 'L'.repeat(1100);
    case 'spaces':
      return '   ';
    case 'upper':
      return 'ALICE';
  }
}

/** The address `a` as text; `sender` is the sending client (for `self`). */
export function addrText(a: Addr, names: Names, sender: number): string {
  switch (a.k) {
    case 'server':
      return 'localhost';
    case 'service':
      return SERVICE;
    case 'room':
      return names.rooms[a.r];
    case 'occ':
      return `${names.rooms[a.r]}/${NICKS[a.n]}`;
    case 'self':
      return `${names.rooms[a.r]}/${NICKS[sender]}`;
    case 'user': {
      const u = names.users[a.c % names.users.length];
      return a.full ? `${u}/${names.resources[a.c % names.users.length]}` : u;
    }
    case 'odd': {
      const local = names.rooms[0].split('@')[0];
      return ODD[a.v]
        .replace('${room}', local)
        .replace('${ROOM}', local.toUpperCase())
        .replace('${user}', names.users[1 % names.users.length].split('@')[0]);
    }
  }
}
