// Which received children may pair with an expected child (matcher rule M6): an index by element name,
// and, when the expected child has a concrete attribute value or text (not {scansion:any}, not a
// capture), by that value. A received child without the value cannot match, so the keyed list is exact
// and turns a search among thousands of same-named children into a lookup.
import type { Element } from 'ltx';
import { ANY, STRICT_ATTR, attr, attrNames, isCaptureValue, textOf } from './matchBasics';

type Key = { attr: string; value: string } | { text: string };

const NONE: readonly number[] = [];

export class CandidateIndex {
  private byName = new Map<string, number[]>();
  private byKey = new Map<string, Map<string, number[]>>();
  private keys: Array<Key | undefined | null>;
  private lists: Array<readonly number[] | undefined>;

  constructor(
    private ec: Element[],
    private rc: Element[],
  ) {
    rc.forEach((r, j) => {
      const l = this.byName.get(r.name);
      if (l) l.push(j);
      else this.byName.set(r.name, [j]);
    });
    this.keys = ec.map(() => null);
    this.lists = ec.map(() => undefined);
  }

  /** The first concrete attribute (or else the concrete text) of expected child `i`. */
  key(i: number): Key | undefined {
    let k = this.keys[i];
    if (k === null) {
      k = undefined;
      const e = this.ec[i];
      for (const name of attrNames(e)) {
        if (name === STRICT_ATTR || name === 'xmlns' || name.startsWith('xmlns:')) continue;
        const v = attr(e, name)!;
        if (v === ANY || isCaptureValue(v) !== undefined) continue;
        k = { attr: name, value: v };
        break;
      }
      if (!k) {
        const t = textOf(e);
        if (t !== '' && t !== ANY) k = { text: t };
      }
      this.keys[i] = k;
    }
    return k;
  }

  hasKey(i: number): boolean {
    return this.key(i) !== undefined;
  }

  sameName(i: number): readonly number[] {
    return this.byName.get(this.ec[i].name) ?? NONE;
  }

  /** Received children that can pair with expected `i` (same name, same key value), in order. */
  keyed(i: number): readonly number[] {
    const cached = this.lists[i];
    if (cached) return cached;
    const name = this.ec[i].name;
    const k = this.key(i);
    let list: readonly number[];
    if (!k) list = this.sameName(i);
    else {
      const field = 'attr' in k ? `@${k.attr}` : 'text()';
      const id = `${name}\u0000${field}`;
      let byValue = this.byKey.get(id);
      if (!byValue) {
        byValue = new Map();
        for (const j of this.sameName(i)) {
          const v = 'attr' in k ? attr(this.rc[j], k.attr) : textOf(this.rc[j]);
          if (v === undefined) continue;
          const l = byValue.get(v);
          if (l) l.push(j);
          else byValue.set(v, [j]);
        }
        this.byKey.set(id, byValue);
      }
      list = byValue.get('attr' in k ? k.value : k.text) ?? NONE;
    }
    this.lists[i] = list;
    return list;
  }

  /** Can received `j` pair with expected `i` as far as name and key go? (A cheap pre-check.) */
  admits(i: number, j: number): boolean {
    const r = this.rc[j];
    if (r.name !== this.ec[i].name) return false;
    const k = this.key(i);
    if (!k) return true;
    return 'attr' in k ? attr(r, k.attr) === k.value : textOf(r) === k.text;
  }

  /** How alike received `j`'s key value is to expected `i`'s: the length of their common prefix. */
  similarity(i: number, j: number): number {
    const k = this.key(i);
    if (!k) return 0;
    const want = 'attr' in k ? k.value : k.text;
    const got = ('attr' in k ? attr(this.rc[j], k.attr) : textOf(this.rc[j])) ?? '';
    let n = 0;
    while (n < want.length && n < got.length && want[n] === got[n]) n++;
    return Math.min(n, 999);
  }
}
