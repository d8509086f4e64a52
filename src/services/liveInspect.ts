// The room inspector's logic, pure: a snapshot of the mock's rooms (an `inspection` event's `snapshot`,
// or `Transport.inspect()` live) read into a view model, and the difference between two snapshots
// (what the inspector highlights). A snapshot crossed a worker boundary and may come from another
// version of the mock, so it is read defensively: anything unreadable becomes a located problem, never
// a crash.

export interface OccupantView {
  nick: string;
  realJids: string[];
  role: string;
  affiliation: string;
  sessions: number;
}

export interface RoomView {
  jid: string;
  subject: string | null;
  /** Waiting for the owner's configuration (a new room). */
  locked: boolean;
  historySize: number;
  archiveSize: number;
  config: Array<[string, string]>;
  occupants: OccupantView[];
  affiliations: Array<{ jid: string; affiliation: string }>;
}

export interface InspectorView {
  rooms: RoomView[];
  problems: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

function valueText(v: unknown): string {
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  if (isObj(v)) return JSON.stringify(v);
  return str(v) ?? '';
}

function listOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isObj(v))
    return Object.entries(v).map(([k, x]) => (isObj(x) ? { key: k, ...x } : { key: k, value: x }));
  return [];
}

function readOccupant(v: unknown, where: string, problems: string[]): OccupantView | undefined {
  if (!isObj(v)) {
    problems.push(`${where}: not an object`);
    return undefined;
  }
  const nick = str(v.nick) ?? str(v.key);
  if (!nick) {
    problems.push(`${where}: no nick`);
    return undefined;
  }
  const sessionsRaw = v.sessions;
  const sessionJids = Array.isArray(sessionsRaw)
    ? sessionsRaw.map((s) => (isObj(s) ? str(s.jid) : str(s))).filter((s): s is string => !!s)
    : [];
  // The mock's snapshot: `jid` is the real bare JID, `sessions` the full JIDs; older shapes list JIDs.
  const realRaw = v.realJids ?? v.jids ?? v.realJid ?? v.jid;
  const listed = Array.isArray(realRaw)
    ? realRaw.map(str).filter((s): s is string => !!s)
    : str(realRaw)
      ? [str(realRaw)!]
      : [];
  const realJids = sessionJids.length ? sessionJids : listed;
  return {
    nick,
    realJids,
    role: str(v.role) ?? '?',
    affiliation: str(v.affiliation) ?? '?',
    sessions:
      typeof sessionsRaw === 'number'
        ? sessionsRaw
        : Array.isArray(sessionsRaw)
          ? sessionsRaw.length
          : realJids.length,
  };
}

function readAffiliations(v: unknown): Array<{ jid: string; affiliation: string }> {
  const out: Array<{ jid: string; affiliation: string }> = [];
  if (Array.isArray(v)) {
    for (const a of v)
      if (isObj(a) && str(a.jid)) out.push({ jid: str(a.jid)!, affiliation: str(a.affiliation) ?? '?' });
  } else if (isObj(v)) {
    for (const [k, x] of Object.entries(v)) {
      // Either { jid: affiliation } or { affiliation: [jids] }.
      if (Array.isArray(x)) for (const j of x) out.push({ jid: valueText(j), affiliation: k });
      else out.push({ jid: k, affiliation: valueText(x) });
    }
  }
  return out.sort((a, b) => a.affiliation.localeCompare(b.affiliation) || a.jid.localeCompare(b.jid));
}

function readRoom(v: unknown, where: string, problems: string[]): RoomView | undefined {
  if (!isObj(v)) {
    problems.push(`${where}: not an object`);
    return undefined;
  }
  const jid = str(v.jid) ?? str(v.key);
  if (!jid) {
    problems.push(`${where}: no jid`);
    return undefined;
  }
  const occupants = listOf(v.occupants)
    .map((o, i) => readOccupant(o, `${jid} occupant ${i + 1}`, problems))
    .filter((o): o is OccupantView => !!o);
  const history = v.historySize ?? v.history;
  const subject = isObj(v.subject) ? str(v.subject.text) : str(v.subject);
  return {
    jid,
    subject: subject ?? null,
    locked: v.locked === true,
    archiveSize: typeof v.archiveSize === 'number' ? v.archiveSize : 0,
    historySize: typeof history === 'number' ? history : Array.isArray(history) ? history.length : 0,
    config: isObj(v.config)
      ? Object.entries(v.config).map(([k, x]) => [k, valueText(x)] as [string, string])
      : [],
    occupants,
    affiliations: readAffiliations(v.affiliations),
  };
}

/** Reads a snapshot (`{ rooms: [...] }`, or the rooms themselves) into the inspector's view. */
export function readSnapshot(snapshot: unknown): InspectorView {
  const problems: string[] = [];
  if (snapshot === null || snapshot === undefined) return { rooms: [], problems };
  const roomsRaw = isObj(snapshot) && 'rooms' in snapshot ? snapshot.rooms : snapshot;
  if (!Array.isArray(roomsRaw) && !isObj(roomsRaw)) {
    return { rooms: [], problems: ['the snapshot has no rooms list'] };
  }
  const rooms = listOf(roomsRaw)
    .map((r, i) => readRoom(r, `room ${i + 1}`, problems))
    .filter((r): r is RoomView => !!r)
    .sort((a, b) => a.jid.localeCompare(b.jid));
  return { rooms, problems };
}

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface SnapshotDiff {
  /** Keys (see `keyOf`) of what changed since the previous snapshot, with how. */
  changes: Map<string, ChangeKind>;
  /** Occupants and rooms that are gone, to show struck through. */
  goneRooms: RoomView[];
  goneOccupants: Array<{ room: string; occupant: OccupantView }>;
}

export const keyOf = {
  room: (room: string) => `room ${room}`,
  occupant: (room: string, nick: string) => `room ${room} occupant ${nick}`,
  occupantField: (room: string, nick: string, field: keyof OccupantView) =>
    `room ${room} occupant ${nick} ${field}`,
  subject: (room: string) => `room ${room} subject`,
  history: (room: string) => `room ${room} history`,
  locked: (room: string) => `room ${room} locked`,
  config: (room: string, key: string) => `room ${room} config ${key}`,
  affiliation: (room: string, jid: string) => `room ${room} affiliation ${jid}`,
};

const OCCUPANT_FIELDS: Array<keyof OccupantView> = ['realJids', 'role', 'affiliation', 'sessions'];

/** What changed from `before` to `after` (with no `before`, nothing is marked). */
export function diffSnapshots(before: InspectorView | null, after: InspectorView): SnapshotDiff {
  const changes = new Map<string, ChangeKind>();
  const diff: SnapshotDiff = { changes, goneRooms: [], goneOccupants: [] };
  if (!before) return diff;
  const prevRooms = new Map(before.rooms.map((r) => [r.jid, r]));
  const nextRooms = new Set(after.rooms.map((r) => r.jid));
  for (const r of before.rooms) {
    if (!nextRooms.has(r.jid)) {
      changes.set(keyOf.room(r.jid), 'removed');
      diff.goneRooms.push(r);
    }
  }
  for (const room of after.rooms) {
    const prev = prevRooms.get(room.jid);
    if (!prev) {
      changes.set(keyOf.room(room.jid), 'added');
      continue;
    }
    if (prev.subject !== room.subject) changes.set(keyOf.subject(room.jid), 'changed');
    if (prev.historySize !== room.historySize) changes.set(keyOf.history(room.jid), 'changed');
    if (prev.locked !== room.locked) changes.set(keyOf.locked(room.jid), 'changed');
    const prevConfig = new Map(prev.config);
    for (const [k, v] of room.config) {
      if (!prevConfig.has(k)) changes.set(keyOf.config(room.jid, k), 'added');
      else if (prevConfig.get(k) !== v) changes.set(keyOf.config(room.jid, k), 'changed');
    }
    const prevAff = new Map(prev.affiliations.map((a) => [a.jid, a.affiliation]));
    const nextAff = new Set(room.affiliations.map((a) => a.jid));
    for (const a of room.affiliations) {
      if (!prevAff.has(a.jid)) changes.set(keyOf.affiliation(room.jid, a.jid), 'added');
      else if (prevAff.get(a.jid) !== a.affiliation)
        changes.set(keyOf.affiliation(room.jid, a.jid), 'changed');
    }
    for (const jid of prevAff.keys())
      if (!nextAff.has(jid)) changes.set(keyOf.affiliation(room.jid, jid), 'removed');
    const prevOcc = new Map(prev.occupants.map((o) => [o.nick, o]));
    const nextOcc = new Set(room.occupants.map((o) => o.nick));
    for (const o of room.occupants) {
      const p = prevOcc.get(o.nick);
      if (!p) {
        changes.set(keyOf.occupant(room.jid, o.nick), 'added');
        continue;
      }
      for (const f of OCCUPANT_FIELDS) {
        if (JSON.stringify(p[f]) !== JSON.stringify(o[f]))
          changes.set(keyOf.occupantField(room.jid, o.nick, f), 'changed');
      }
    }
    for (const p of prev.occupants) {
      if (!nextOcc.has(p.nick)) {
        changes.set(keyOf.occupant(room.jid, p.nick), 'removed');
        diff.goneOccupants.push({ room: room.jid, occupant: p });
      }
    }
  }
  return diff;
}

/** The snapshot to show for a step, and the one before it to diff against (the latest earlier step). */
export function snapshotsForStep(
  inspections: Record<number, unknown>,
  step: number | null,
): { current: unknown; previous: unknown; step: number | null } {
  const steps = Object.keys(inspections)
    .map(Number)
    .sort((a, b) => a - b);
  if (steps.length === 0) return { current: null, previous: null, step: null };
  const target = step === null ? steps[steps.length - 1] : steps.filter((s) => s <= step).pop();
  if (target === undefined) return { current: null, previous: null, step: null };
  const before = steps.filter((s) => s < target).pop();
  return {
    current: inspections[target],
    previous: before === undefined ? null : inspections[before],
    step: target,
  };
}
