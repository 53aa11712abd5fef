/**
 * Column storage for the rows of an import: typed arrays instead of one object per row, so that a
 * 1,000,000-row file costs about 100 MB while it is checked and before it is written in one transaction.
 * Missing numbers are NaN (written as NULL).
 */
import { copyString } from '../io/strings.ts';

export const F_SUPPRESSED = 1; // a suppression marker (*, c, .., x, -) in a number cell
export const F_MISSING = 2; // no value and no numerator: stored as missing
export const F_BAD = 4; // the row has an error (not a number, short row...): never written

function grow<T extends Int32Array | Float64Array | Uint8Array | Int16Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}

export class Columns {
  n = 0;
  private cap: number;
  row: Int32Array;
  ind: Int32Array;
  area: Int32Array;
  period: Int32Array;
  sexAge: Int32Array;
  band: Int32Array;
  hint: Int16Array;
  note: Int32Array;
  flags: Uint8Array;
  num: Float64Array;
  den: Float64Array;
  val: Float64Array;
  l95: Float64Array;
  u95: Float64Array;
  l998: Float64Array;
  u998: Float64Array;

  constructor(capacity = 1024) {
    this.cap = Math.max(16, capacity);
    const c = this.cap;
    this.row = new Int32Array(c);
    this.ind = new Int32Array(c);
    this.area = new Int32Array(c);
    this.period = new Int32Array(c);
    this.sexAge = new Int32Array(c);
    this.band = new Int32Array(c);
    this.hint = new Int16Array(c);
    this.note = new Int32Array(c);
    this.flags = new Uint8Array(c);
    this.num = new Float64Array(c);
    this.den = new Float64Array(c);
    this.val = new Float64Array(c);
    this.l95 = new Float64Array(c);
    this.u95 = new Float64Array(c);
    this.l998 = new Float64Array(c);
    this.u998 = new Float64Array(c);
  }

  /** Index of a new row (grows the arrays when full). */
  push(): number {
    if (this.n === this.cap) {
      const c = this.cap * 2;
      this.row = grow(this.row, c);
      this.ind = grow(this.ind, c);
      this.area = grow(this.area, c);
      this.period = grow(this.period, c);
      this.sexAge = grow(this.sexAge, c);
      this.band = grow(this.band, c);
      this.hint = grow(this.hint, c);
      this.note = grow(this.note, c);
      this.flags = grow(this.flags, c);
      this.num = grow(this.num, c);
      this.den = grow(this.den, c);
      this.val = grow(this.val, c);
      this.l95 = grow(this.l95, c);
      this.u95 = grow(this.u95, c);
      this.l998 = grow(this.l998, c);
      this.u998 = grow(this.u998, c);
      this.cap = c;
    }
    return this.n++;
  }
}

/** Interns strings as small integers, keeping the first-seen order. */
export class Interner {
  readonly list: string[] = [];
  private readonly map = new Map<string, number>();
  private last: string | null = null;
  private lastId = -1;

  id(s: string): number {
    if (s === this.last) return this.lastId; // consecutive rows often repeat the period or breakdown
    let i = this.map.get(s);
    if (i === undefined) {
      i = this.list.length;
      const own = copyString(s);
      this.list.push(own);
      this.map.set(own, i);
    }
    this.last = s;
    this.lastId = i;
    return i;
  }

  get(s: string): number | undefined {
    return this.map.get(s);
  }

  get size(): number {
    return this.list.length;
  }

  /** rank[i] = position of list[i] in sorted (binary) order. */
  ranks(key: (s: string) => string = (s) => s): Int32Array {
    const order = this.list.map((_, i) => i).sort((a, b) => {
      const x = key(this.list[a]!);
      const y = key(this.list[b]!);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const rank = new Int32Array(this.list.length);
    order.forEach((i, r) => (rank[i] = r));
    return rank;
  }
}
