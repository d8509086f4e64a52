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
const room = fc.integer({ min: 0, max: 1 });
const nickChoice: fc.Arbitrary<NickChoice> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<NickChoice>('none', 'tab', 'long', 'spaces', 'upper') },
);
const addr: fc.Arbitrary<Addr> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Addr>({ k: 'server' }) },
  { weight: 2, arbitrary: fc.constant<Addr>({ k: 'service' }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('room' as const), r: room }) },
  {
    weight: 5,
    arbitrary: fc.record({ k: fc.constant('occ' as const), r: room, n: fc.integer({ min: 0, max: 3 }) }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('user' as const), c: client, full: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('odd' as const), v: fc.integer({ min: 0, max: ODD.length - 1 }) }),
  },
);

export const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      t: fc.constant('join' as const),
      c: client,
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
    arbitrary: fc.record({ t: fc.constant('leave' as const), c: client, r: room, status: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('nick' as const), c: client, r: room, nick: nickChoice }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('pres' as const),
      c: client,
      to: addr,
      show: fc.constantFrom('away' as const, 'dnd' as const, 'none' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('probe' as const), c: client, to: addr }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('sub' as const),
      c: client,
      to: addr,
      type: fc.constantFrom('subscribe' as const, 'unsubscribed' as const),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      t: fc.constant('msg' as const),
      c: client,
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
      c: client,
      to: addr,
      type: fc.constantFrom('get' as const, 'get' as const, 'set' as const),
      ns: fc.integer({ min: 0, max: IQ_NS.length - 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('list' as const),
      c: client,
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
      c: client,
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
  { weight: 1, arbitrary: fc.record({ t: fc.constant('ownerGet' as const), c: client, r: room }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('config' as const),
      c: client,
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
      c: client,
      r: room,
      reason: fc.boolean(),
      alt: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('invite' as const),
      c: client,
      r: room,
      to: client,
      reason: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('decline' as const), c: client, r: room, to: client }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('register' as const),
      c: client,
      r: room,
      nick: fc.integer({ min: 0, max: 3 }),
    }),
  },
);

/** One flow's names: unique rooms and users, so flows never meet on a shared Prosody. */
export interface Names {
  rooms: string[];
  users: string[];
  resources: string[];
}

export function flowNames(tag: string, clients: number, admin: boolean): Names {
  const users = Array.from({ length: clients }, (_, i) =>
    admin && i === 0 ? 'admin@localhost' : `${tag}u${i}@localhost`,
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

export function addrText(a: Addr, names: Names): string {
  switch (a.k) {
    case 'server':
      return 'localhost';
    case 'service':
      return SERVICE;
    case 'room':
      return names.rooms[a.r];
    case 'occ':
      return `${names.rooms[a.r]}/${NICKS[a.n]}`;
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
