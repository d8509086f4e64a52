// A look inside the mock: every room's state as plain JSON (MockSnapshot), taken from the MUC's own
// state (never from the stanzas it sent), and a validator for snapshots that cross the worker boundary.
// Pure: no DOM, no timers. Rules: SPEC.md "Inspection" (INSPECT-*).
import type { Room } from './muc/room';

export const SNAPSHOT_VERSION = 1;

/** One session of an occupant: the real full JID and what its last presence said. */
export interface SessionSnapshot {
  jid: string;
  show?: string;
  status?: string;
  priority?: number;
}

export interface OccupantSnapshot {
  /** The nickname (resource of the in-room JID). */
  nick: string;
  /** room@service/nick */
  roomJid: string;
  /** The real bare JID. */
  jid: string;
  role: string;
  affiliation: string;
  /** In join order; the first is the primary session. */
  sessions: SessionSnapshot[];
}

export interface AffiliationSnapshot {
  jid: string;
  affiliation: string;
  /** A nickname reserved by registration (XEP-0045 §7.10). */
  nick?: string;
}

export interface RoomConfigSnapshot {
  name?: string;
  description?: string;
  language?: string;
  public: boolean;
  persistent: boolean;
  membersOnly: boolean;
  allowMemberInvites: boolean;
  moderated: boolean;
  /** The room's password, when it has one (the mock's own data: nothing secret). */
  password?: string;
  whois: string;
  changeSubject: boolean;
  historyLength: number;
  defaultHistoryMessages: number;
  /** Roles whose presence is broadcast, sorted. */
  presenceBroadcast: string[];
  archiving: boolean;
}

export interface RoomSnapshot {
  jid: string;
  /** Waiting for its owner's configuration (a new room, XEP-0045 §10.1.1). */
  locked: boolean;
  occupants: OccupantSnapshot[];
  /** Every affiliation held, owners first, then admins, members, outcasts; by JID inside each. */
  affiliations: AffiliationSnapshot[];
  config: RoomConfigSnapshot;
  subject?: { text: string; from: string };
  /** Messages kept for history on join, and in the archive (muc_mam). */
  historySize: number;
  archiveSize: number;
}

export interface MockSnapshot {
  version: typeof SNAPSHOT_VERSION;
  /** Online sessions (full JIDs), in connection order. */
  sessions: string[];
  /** Rooms by JID. */
  rooms: RoomSnapshot[];
}

const AFF_ORDER: Record<string, number> = { owner: 0, admin: 1, member: 2, outcast: 3 };
const byJid = <T extends { jid: string }>(a: T, b: T) => (a.jid < b.jid ? -1 : a.jid > b.jid ? 1 : 0);

function text(presence: { getChildText(name: string): string | null }, name: string): string | undefined {
  return presence.getChildText(name) ?? undefined;
}

/** INSPECT-1: one room as the MUC holds it. */
export function snapshotRoom(room: Room, now: number): RoomSnapshot {
  const c = room.config;
  const occupants: OccupantSnapshot[] = room.eachOccupant().map((o) => {
    const sessions: SessionSnapshot[] = [];
    const order =
      o.jid === undefined
        ? [...o.sessions.keys()]
        : [o.jid, ...[...o.sessions.keys()].filter((j) => j !== o.jid)];
    for (const jid of order) {
      const pr = o.sessions.get(jid);
      if (!pr || pr.attrs.type !== undefined) continue;
      const s: SessionSnapshot = { jid };
      const show = text(pr, 'show');
      const status = text(pr, 'status');
      const priority = text(pr, 'priority');
      if (show !== undefined) s.show = show;
      if (status !== undefined) s.status = status;
      if (priority !== undefined && /^-?\d+$/.test(priority.trim())) s.priority = Number(priority.trim());
      sessions.push(s);
    }
    const slash = o.nick.indexOf('/');
    return {
      nick: o.nick.slice(slash + 1),
      roomJid: o.nick,
      jid: o.bareJid,
      role: o.role ?? 'none',
      affiliation: room.getAffiliation(o.bareJid) ?? 'none',
      sessions,
    };
  });
  const affiliations: AffiliationSnapshot[] = [...room.affiliations]
    .map(([jid, affiliation]) => {
      const a: AffiliationSnapshot = { jid, affiliation };
      const nick = room.registeredNick(jid);
      if (nick !== undefined) a.nick = nick;
      return a;
    })
    .sort((a, b) => AFF_ORDER[a.affiliation] - AFF_ORDER[b.affiliation] || byJid(a, b));
  const config: RoomConfigSnapshot = {
    public: !c.hidden,
    persistent: c.persistent,
    membersOnly: c.membersOnly,
    allowMemberInvites: c.allowMemberInvites,
    moderated: c.moderated,
    whois: c.whois,
    changeSubject: c.changeSubject,
    historyLength: c.historyLength ?? 20,
    defaultHistoryMessages: c.defaultHistoryMessages ?? 20,
    presenceBroadcast: [...c.presenceBroadcast].sort(),
    archiving: c.archiving ?? true,
  };
  if (c.name !== undefined) config.name = c.name;
  if (c.description !== undefined) config.description = c.description;
  if (c.language !== undefined) config.language = c.language;
  if (c.password !== undefined && c.password !== '') config.password = c.password;
  const snap: RoomSnapshot = {
    jid: room.jid,
    locked: room.lockedUntil !== undefined && room.lockedUntil > now,
    occupants,
    affiliations,
    config,
    historySize: room.history.length,
    archiveSize: room.archive.length,
  };
  const subject = room.subject;
  if (subject.text !== undefined) snap.subject = { text: subject.text, from: subject.from ?? room.jid };
  return snap;
}

// ---- validation (a snapshot arriving from the worker) ---------------------------------------------

export type ParsedSnapshot = { ok: true; snapshot: MockSnapshot } | { ok: false; error: string };

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isBool = (x: unknown): x is boolean => typeof x === 'boolean';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const optStr = (x: unknown) => x === undefined || isStr(x);
const strArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isStr);

class Invalid extends Error {}
function need(ok: boolean, where: string): void {
  if (!ok) throw new Invalid(where);
}

function checkSession(x: unknown, at: string): void {
  need(isObj(x) && isStr(x.jid), `${at}.jid`);
  const s = x as Obj;
  need(optStr(s.show) && optStr(s.status), `${at}.show/status`);
  need(s.priority === undefined || isNum(s.priority), `${at}.priority`);
}

function checkOccupant(x: unknown, at: string): void {
  need(isObj(x), at);
  const o = x as Obj;
  for (const k of ['nick', 'roomJid', 'jid', 'role', 'affiliation']) need(isStr(o[k]), `${at}.${k}`);
  need(Array.isArray(o.sessions), `${at}.sessions`);
  (o.sessions as unknown[]).forEach((s, i) => checkSession(s, `${at}.sessions[${i}]`));
}

function checkConfig(x: unknown, at: string): void {
  need(isObj(x), at);
  const c = x as Obj;
  for (const k of ['name', 'description', 'language', 'password']) need(optStr(c[k]), `${at}.${k}`);
  for (const k of [
    'public',
    'persistent',
    'membersOnly',
    'allowMemberInvites',
    'moderated',
    'changeSubject',
    'archiving',
  ])
    need(isBool(c[k]), `${at}.${k}`);
  need(isStr(c.whois), `${at}.whois`);
  need(isNum(c.historyLength) && isNum(c.defaultHistoryMessages), `${at}.history`);
  need(strArray(c.presenceBroadcast), `${at}.presenceBroadcast`);
}

function checkRoom(x: unknown, at: string): void {
  need(isObj(x), at);
  const r = x as Obj;
  need(isStr(r.jid), `${at}.jid`);
  need(isBool(r.locked), `${at}.locked`);
  need(Array.isArray(r.occupants), `${at}.occupants`);
  (r.occupants as unknown[]).forEach((o, i) => checkOccupant(o, `${at}.occupants[${i}]`));
  need(Array.isArray(r.affiliations), `${at}.affiliations`);
  (r.affiliations as unknown[]).forEach((a, i) => {
    need(isObj(a) && isStr(a.jid) && isStr(a.affiliation) && optStr(a.nick), `${at}.affiliations[${i}]`);
  });
  checkConfig(r.config, `${at}.config`);
  need(
    r.subject === undefined || (isObj(r.subject) && isStr(r.subject.text) && isStr(r.subject.from)),
    `${at}.subject`,
  );
  need(isNum(r.historySize) && isNum(r.archiveSize), `${at}.historySize/archiveSize`);
}

/** INSPECT-3: a snapshot that crossed a boundary, checked field by field; a misfit says where. */
export function parseSnapshot(x: unknown): ParsedSnapshot {
  try {
    need(isObj(x), 'snapshot');
    const s = x as Obj;
    need(s.version === SNAPSHOT_VERSION, 'snapshot.version');
    need(strArray(s.sessions), 'snapshot.sessions');
    need(Array.isArray(s.rooms), 'snapshot.rooms');
    (s.rooms as unknown[]).forEach((r, i) => checkRoom(r, `snapshot.rooms[${i}]`));
    return { ok: true, snapshot: x as unknown as MockSnapshot };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, error: `invalid snapshot at ${err.message}` };
    throw err;
  }
}
