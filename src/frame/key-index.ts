/**
 * Hash index over integer keys (int64 exact, or any integer column widened to
 * int64), the engine of fromFlat and joinNested. Keys are read as (lo, hi)
 * 32-bit pairs through an Int32Array view of the BigInt64Array's buffer, so no
 * BigInt is created per row and ids beyond 2^53 stay exact.
 */
import type { Column } from "./column.js";
import { SchemaError } from "./errors.js";

/** Keys of a column as interleaved (lo, hi) int32 pairs, length 2n. */
export function keyPairs(c: Column, name: string): Int32Array {
  if (c.valid && c.valid.includes(0)) {
    let nulls = 0;
    for (let i = 0; i < c.valid.length; i++) if (!c.valid[i]) nulls++;
    throw new SchemaError(`Key column "${name}" has ${nulls} null value(s); every row needs an id.`);
  }
  switch (c.type) {
    case "int64":
      return new Int32Array(c.values.buffer, c.values.byteOffset, c.values.length * 2);
    case "int8":
    case "int16":
    case "int32":
    case "uint8":
    case "uint16":
    case "uint32": {
      const v = c.values;
      const out = new Int32Array(v.length * 2);
      for (let i = 0; i < v.length; i++) {
        const x = v[i]!;
        out[2 * i] = x | 0;
        out[2 * i + 1] = x < 0 ? -1 : 0;
      }
      return out;
    }
    case "dict": {
      const out = new Int32Array(c.codes.length * 2);
      for (let i = 0; i < c.codes.length; i++) out[2 * i] = c.codes[i]!;
      return out;
    }
    default:
      throw new SchemaError(
        `Key column "${name}" is ${c.type}; ids must be integers (int64 or smaller) or strings. ` +
          `Floating-point ids lose precision beyond 2^53; read the column as int64.`,
      );
  }
}

function hash(lo: number, hi: number): number {
  let h = Math.imul(lo ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(hi ^ 0xc2b2ae35, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** Distinct keys and, per row, the index of its key among them (first-seen order). */
export interface KeyGroups {
  /** Group index of every row. */
  readonly groupOf: Int32Array;
  /** Number of distinct keys. */
  readonly count: number;
  /** First row of each group. */
  readonly firstRow: Int32Array;
  /** Look up a (lo, hi) key: its group, or -1. */
  find(lo: number, hi: number): number;
}

/**
 * Group rows by key in O(n) (open addressing, linear probing). The table holds
 * the keys inline and grows with the number of distinct keys, not rows, so it
 * stays cache-sized when many rows share few objects.
 *
 * @example
 * const g = groupKeys(keyPairs(makeColumn(BigInt64Array.of(7n, 3n, 7n)), "id"));
 * g.count; // 2, g.groupOf = [0, 1, 0]
 */
export function groupKeys(pairs: Int32Array): KeyGroups {
  const n = pairs.length >>> 1;
  let size = 1024;
  let mask = size - 1;
  let slotGroup = new Int32Array(size).fill(-1);
  let slotLo = new Int32Array(size);
  let slotHi = new Int32Array(size);
  const groupOf = new Int32Array(n);
  let firstRow = new Int32Array(Math.min(Math.max(n, 1), 1024));
  let count = 0;
  const grow = (): void => {
    const oldGroup = slotGroup;
    const oldLo = slotLo;
    const oldHi = slotHi;
    size *= 2;
    mask = size - 1;
    slotGroup = new Int32Array(size).fill(-1);
    slotLo = new Int32Array(size);
    slotHi = new Int32Array(size);
    for (let t = 0; t < oldGroup.length; t++) {
      const g = oldGroup[t]!;
      if (g < 0) continue;
      let s = hash(oldLo[t]!, oldHi[t]!) & mask;
      while (slotGroup[s]! >= 0) s = (s + 1) & mask;
      slotGroup[s] = g;
      slotLo[s] = oldLo[t]!;
      slotHi[s] = oldHi[t]!;
    }
  };
  for (let i = 0; i < n; i++) {
    const lo = pairs[2 * i]!;
    const hi = pairs[2 * i + 1]!;
    let s = hash(lo, hi) & mask;
    for (;;) {
      const g = slotGroup[s]!;
      if (g < 0) {
        if (count === firstRow.length) {
          const grown = new Int32Array(Math.min(n, firstRow.length * 2));
          grown.set(firstRow);
          firstRow = grown;
        }
        firstRow[count] = i;
        slotGroup[s] = count;
        slotLo[s] = lo;
        slotHi[s] = hi;
        groupOf[i] = count++;
        if (count * 2 > size) grow();
        break;
      }
      if (slotLo[s] === lo && slotHi[s] === hi) {
        groupOf[i] = g;
        break;
      }
      s = (s + 1) & mask;
    }
  }
  const first = firstRow.subarray(0, count);
  const find = (lo: number, hi: number): number => {
    let s = hash(lo, hi) & mask;
    for (;;) {
      const g = slotGroup[s]!;
      if (g < 0) return -1;
      if (slotLo[s] === lo && slotHi[s] === hi) return g;
      s = (s + 1) & mask;
    }
  };
  return { groupOf, count, firstRow: first, find };
}

/**
 * Row order that places rows group by group: groups by `rank` (default: group
 * index), rows within a group in input order (a stable counting sort). Rows with
 * group -1 are left out. Returns the permutation and the group offsets.
 */
export function groupPermutation(groupOf: Int32Array, rank: Int32Array | undefined, nGroups: number): { perm: Int32Array; offsets: Int32Array } {
  const n = groupOf.length;
  const offsets = new Int32Array(nGroups + 1);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    if (g >= 0) offsets[(rank ? rank[g]! : g) + 1]++;
  }
  for (let g = 0; g < nGroups; g++) offsets[g + 1] += offsets[g]!;
  const cursor = offsets.slice(0, nGroups);
  const perm = new Int32Array(offsets[nGroups]!);
  for (let i = 0; i < n; i++) {
    const g = groupOf[i]!;
    if (g >= 0) perm[cursor[rank ? rank[g]! : g]!++] = i;
  }
  return { perm, offsets };
}

/** Compare two keys as signed int64 (hi first, then lo unsigned). */
export function compareKeys(aLo: number, aHi: number, bLo: number, bHi: number): number {
  if (aHi !== bHi) return aHi < bHi ? -1 : 1;
  const x = aLo >>> 0;
  const y = bLo >>> 0;
  return x === y ? 0 : x < y ? -1 : 1;
}
