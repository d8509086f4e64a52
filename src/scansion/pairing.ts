// Pairing expected children with received ones (matcher rules M6/M7) at a cost bounded for many
// same-named children. A full compatibility matrix (every expected child tried against every received
// one) is quadratic in time and, with the trial memo, in memory: 3,000 <item/> children ran out of heap.
//
// 1. Greedy, in order: each expected child first tries the next few free received children after the
//    last pairing (the common case, where the server sends what the script lists in the same order, is
//    linear), then its candidate list: the received children that can pair with it at all (same name,
//    and when the expected child has a concrete attribute or text, the same value there, found through
//    an index). Used candidates at the head of a list are skipped by a cursor, once.
// 2. Residue: an expected child left unpaired may be unpaired only because greedy gave its candidate to
//    another child; augmenting paths (Kuhn's algorithm, iterative) repair that, exploring candidate
//    lists only from the residue. The result is then a maximum matching, as the full matrix gave.
// Every compatibility test goes through `ok`, which the matcher bounds with a global trial budget (the
//    bounded fallback: a pathological stanza ends in a clear 'limit' mismatch, never a hang or OOM).

export interface PairingInput {
  expCount: number;
  recCount: number;
  /** Received indexes that may pair with expected `i`, in received order. Lists may be shared. */
  candidates(i: number): readonly number[];
  /** Does expected `i` match received `j` as a whole? */
  ok(i: number, j: number): boolean;
}

export interface Pairing {
  /** expected index -> received index, or -1 */
  partner: Int32Array;
  /** received index -> expected index, or -1 */
  owner: Int32Array;
}

/** How many free received children after the last pairing are tried before the candidate list. */
const LOOKAHEAD = 4;

export function pairChildren(p: PairingInput): Pairing {
  const partner = new Int32Array(p.expCount).fill(-1);
  const owner = new Int32Array(p.recCount).fill(-1);
  const cursor = new Map<readonly number[], number>();
  let next = 0;
  for (let i = 0; i < p.expCount; i++) {
    let got = -1;
    for (let j = next, tried = 0; j < p.recCount && tried < LOOKAHEAD; j++) {
      if (owner[j] !== -1) continue;
      tried++;
      if (p.ok(i, j)) {
        got = j;
        break;
      }
    }
    if (got === -1) {
      const list = p.candidates(i);
      let start = cursor.get(list) ?? 0;
      while (start < list.length && owner[list[start]] !== -1) start++;
      cursor.set(list, start);
      for (let k = start; k < list.length; k++) {
        const j = list[k];
        if (owner[j] === -1 && p.ok(i, j)) {
          got = j;
          break;
        }
      }
    }
    if (got !== -1) {
      partner[i] = got;
      owner[got] = i;
      next = got + 1;
    }
  }
  const seen = new Int32Array(p.recCount);
  let stamp = 0;
  for (let root = 0; root < p.expCount; root++) {
    if (partner[root] !== -1) continue;
    stamp++;
    augment(p, root, partner, owner, seen, stamp);
  }
  return { partner, owner };
}

/** One augmenting path from the unpaired expected child `root` (iterative depth-first search). */
function augment(
  p: PairingInput,
  root: number,
  partner: Int32Array,
  owner: Int32Array,
  seen: Int32Array,
  stamp: number,
): boolean {
  const exp: number[] = [root];
  const pos: number[] = [0];
  const via: number[] = [];
  while (exp.length > 0) {
    const d = exp.length - 1;
    const i = exp[d];
    const list = p.candidates(i);
    let k = pos[d];
    let descended = false;
    while (k < list.length) {
      const j = list[k++];
      if (seen[j] === stamp || !p.ok(i, j)) continue;
      seen[j] = stamp;
      pos[d] = k;
      via[d] = j;
      if (owner[j] === -1) {
        for (let t = 0; t <= d; t++) {
          partner[exp[t]] = via[t];
          owner[via[t]] = exp[t];
        }
        return true;
      }
      exp.push(owner[j]);
      pos.push(0);
      descended = true;
      break;
    }
    if (!descended) {
      exp.pop();
      pos.pop();
    }
  }
  return false;
}
