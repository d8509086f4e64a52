// The fuzzer's coverage table: stanza kind x addressee x sender role x room state, each cell counting
// the distinct flows that hit it. Role and state are read from the mock's snapshot before the step.
import type { MockSnapshot } from '../../../src/mock/inspect';

export interface Cell {
  kind: string;
  addressee: string;
  role: string;
  state: string;
}

export const KINDS = ['presence', 'message', 'iq'];
export const ADDRESSEES = ['service', 'room', 'own-nick', 'other-nick', 'user/server', 'odd'];
export const ROLES = ['none', 'visitor', 'participant', 'moderator'];
export const STATES = ['absent', 'locked', 'open'];

export function roleIn(snap: MockSnapshot, room: string, bareJid: string): string {
  const r = snap.rooms.find((x) => x.jid === room);
  const o = r?.occupants.find((x) => x.jid === bareJid);
  return o?.role ?? 'none';
}

export function stateOf(snap: MockSnapshot, room: string): string {
  const r = snap.rooms.find((x) => x.jid === room);
  return r === undefined ? 'absent' : r.locked ? 'locked' : 'open';
}

function possible(role: string, state: string): boolean {
  return state !== 'absent' || role === 'none';
}

const key = (c: Cell) => `${c.kind}|${c.addressee}|${c.role}|${c.state}`;

/**
 * The cells that can be hit: a role other than none needs the room to exist. A locked room holds only
 * its creator, but as its owner it may give itself any role (Prosody's may_set_role allows it), so
 * every role occurs in a locked room.
 */
export function possibleCells(): Cell[] {
  const cells: Cell[] = [];
  for (const kind of KINDS)
    for (const addressee of ADDRESSEES)
      for (const role of ROLES)
        for (const state of STATES) if (possible(role, state)) cells.push({ kind, addressee, role, state });
  return cells;
}

export class Coverage {
  private readonly flows = new Map<string, Set<number>>();

  hit(flow: number, cell: Cell): void {
    const k = key(cell);
    let s = this.flows.get(k);
    if (!s) this.flows.set(k, (s = new Set()));
    s.add(flow);
  }

  count(cell: Cell): number {
    return this.flows.get(key(cell))?.size ?? 0;
  }

  /** Cells hit by fewer than `min` flows. */
  thin(min: number): Cell[] {
    return possibleCells().filter((c) => this.count(c) < min);
  }

  /**
   * A printable table: one row per kind x addressee, one column per role/state. A cell no flow can
   * reach (see possibleCells) shows `n/a`, and a legend says why.
   */
  table(): string {
    const cols: Array<[string, string]> = [];
    for (const role of ROLES) for (const state of STATES) cols.push([role, state]);
    const head = [
      'kind/addressee'.padEnd(22),
      ...cols.map(([r, s]) => `${r.slice(0, 4)}/${s.slice(0, 4)}`.padStart(10)),
    ].join('');
    const lines = [head];
    for (const kind of KINDS)
      for (const addressee of ADDRESSEES) {
        const row = cols.map(([role, state]) =>
          (possible(role, state) ? String(this.count({ kind, addressee, role, state })) : 'n/a').padStart(10),
        );
        lines.push([`${kind}/${addressee}`.padEnd(22), ...row].join(''));
      }
    lines.push(
      'n/a: no flow can be there: a room that does not exist has no occupants (every role is none).',
    );
    return lines.join('\n');
  }
}
