/**
 * Repeated observations: the same object measured twice on one visit (a
 * pipeline that wrote a visit twice, a table joined twice). Counting both
 * copies would weigh that visit double and correlate the pulls, so the
 * validation keeps the first usable row of each (object, visit) and the
 * cut-flow counts the rest. Without a visit column the exposure time stands in
 * for the visit (same object, band and time); without either nothing is checked.
 */
import type { Column } from "../frame/column.js";
import { groupKeys } from "../frame/key-index.js";

/** Exact (lo, hi) 32-bit pairs of a visit or time column; `usable[r]` = 0 where there is no key (null, NaN). */
function keyPairs(c: Column, start: number, rows: number): { pairs: Int32Array; usable: Uint8Array } {
  const usable = new Uint8Array(rows).fill(1);
  const valid = c.valid;
  if (valid !== undefined) for (let r = 0; r < rows; r++) usable[r] = valid[r + start]!;
  if (c.type === "int64") {
    const v = c.values.subarray(start, start + rows);
    return { pairs: new Int32Array(v.buffer, v.byteOffset, rows * 2), usable };
  }
  if (c.type === "dict") {
    const pairs = new Int32Array(rows * 2);
    for (let r = 0; r < rows; r++) {
      pairs[2 * r] = c.codes[r + start]!;
      if (c.codes[r + start]! < 0) usable[r] = 0;
    }
    return { pairs, usable };
  }
  // Any number, widened to float64: equal values give equal bits (-0 is made +0).
  const f = new Float64Array(rows);
  const v = c.values;
  for (let r = 0; r < rows; r++) {
    const x = Number(v[r + start]!);
    f[r] = x === 0 ? 0 : x;
    if (x !== x) usable[r] = 0;
  }
  return { pairs: new Int32Array(f.buffer), usable };
}

/**
 * Clear `keep[r]` for every kept row that repeats an earlier kept row of the
 * same object (rows grouped by `offsets`, which start at `start`) with the same
 * `key` and, unless `keyIsVisit`, the same band code. Rows with a null band
 * (code -1) or no key are left alone. O(rows). Returns the number of rows dropped.
 *
 * @example
 * const keep = Uint8Array.of(1, 1, 1, 1);
 * const visit = { type: "int64", values: BigInt64Array.of(7n, 7n, 8n, 7n) } as const;
 * dropRepeats(keep, Int32Array.of(0, 3, 4), Int32Array.of(0, 0, 0, 0), visit, true); // 1; keep [1, 0, 1, 1]
 */
export function dropRepeats(keep: Uint8Array, offsets: Int32Array, codes: Int32Array, key: Column, keyIsVisit: boolean): number {
  const start = offsets[0]!;
  const rows = keep.length;
  const { pairs, usable } = keyPairs(key, start, rows);
  // Only rows of an object with two or more candidate rows can repeat; hash those alone
  // (in a DIA catalog ~99% of objects have one row).
  const cand = candidateRows(keep, usable, codes, offsets);
  const n = cand.length;
  const sub = new Int32Array(n * 2);
  for (let k = 0; k < n; k++) {
    sub[2 * k] = pairs[2 * cand[k]!]!;
    sub[2 * k + 1] = pairs[2 * cand[k]! + 1]!;
  }
  let groupOf = groupKeys(sub).groupOf;
  if (!keyIsVisit) {
    // (key, band) as one exact key: a time shared by two bands is two exposures.
    for (let k = 0; k < n; k++) {
      sub[2 * k] = groupOf[k]!;
      sub[2 * k + 1] = codes[cand[k]!]!;
    }
    groupOf = groupKeys(sub).groupOf;
  }
  // stamp[g] = 1 + the object that last kept a row of key group g
  const stamp = new Int32Array(n);
  let dropped = 0;
  let k = 0;
  for (let i = 0; i + 1 < offsets.length && k < n; i++) {
    const end = offsets[i + 1]! - start;
    for (; k < n && cand[k]! < end; k++) {
      const g = groupOf[k]!;
      if (stamp[g] === i + 1) {
        keep[cand[k]!] = 0;
        dropped++;
      } else stamp[g] = i + 1;
    }
  }
  return dropped;
}

/** Kept rows with a key and a band, of objects that have at least two of them, in row order. */
function candidateRows(keep: Uint8Array, usable: Uint8Array, codes: Int32Array, offsets: Int32Array): Int32Array {
  const start = offsets[0]!;
  const out = new Int32Array(keep.length);
  let n = 0;
  for (let i = 0; i + 1 < offsets.length; i++) {
    const first = n;
    for (let r = offsets[i]! - start; r < offsets[i + 1]! - start; r++) if (keep[r] === 1 && usable[r] === 1 && codes[r]! >= 0) out[n++] = r;
    if (n - first < 2) n = first;
  }
  return out.subarray(0, n);
}
