/**
 * fromFlat: one row per observation (per-visit order, unsorted ids) -> one row
 * per object with its light curve nested. O(n): a hash pass assigns each row its
 * object, a counting sort places rows object by object (stable, so each light
 * curve keeps input order unless `sortBy` names a time column).
 */
import { type Column, type ColumnArray, asColumn, columnLength, gatherColumn, rawValues, valueAt } from "../column.js";
import { ArgumentError, ColumnNotFoundError, SchemaError } from "../errors.js";
import { groupKeys, groupPermutation, type KeyGroups, keyPairs } from "../key-index.js";
import { NestedFrame } from "../nested-frame.js";

/** A flat table: a frame without nested columns, or named columns (typed arrays, plain arrays or Columns). */
export type FlatInput = NestedFrame | Readonly<Record<string, Column | ColumnArray | readonly unknown[]>>;

export interface FromFlatOptions {
  /** The object id column (int64 or another integer type, or strings). */
  readonly on: string;
  /** Name of the nested column to create (default "nested", as in nested-pandas). */
  readonly name?: string;
  /** Columns with one value per object, lifted to base columns (checked to be constant within each object). */
  readonly baseColumns?: readonly string[];
  /** Order observations within each light curve by this column (e.g. "midpointMjdTai"); default: input order. */
  readonly sortBy?: string;
  /** Order of objects: by id ascending (default) or by first appearance. */
  readonly objectOrder?: "id" | "first";
}

/** The named columns of a flat input as Columns (no copies for typed arrays). */
function flatColumns(table: FlatInput): Record<string, Column> {
  if (table instanceof NestedFrame) {
    if (table.nestedNames.length > 0) {
      throw new ArgumentError(`fromFlat needs a flat table; this frame has nested columns (${table.nestedNames.join(", ")}). Use toFlat() first.`);
    }
    return { ...table.base };
  }
  const out: Record<string, Column> = {};
  for (const [name, v] of Object.entries(table)) out[name] = asColumn(v);
  return out;
}

/** A flat table's columns and its id column `on`, checked to exist and to have as many rows as every other column. */
export function flatTable(table: FlatInput, on: string): { cols: Record<string, Column>; ids: Column; n: number } {
  const cols = flatColumns(table);
  const ids = cols[on];
  if (!ids) throw new ColumnNotFoundError(on, Object.keys(cols), "the flat table");
  const n = columnLength(ids);
  for (const [name, c] of Object.entries(cols)) {
    if (columnLength(c) !== n) throw new SchemaError(`Flat column "${name}" has ${columnLength(c)} rows, "${on}" has ${n}.`);
  }
  return { cols, ids, n };
}

/** Rank of each group when groups are ordered by key (signed int64 order, or dictionary order for strings). */
function groupRanksById(pairs: Int32Array, groups: KeyGroups): Int32Array {
  const uniq = new BigInt64Array(groups.count);
  const u32 = new Int32Array(uniq.buffer);
  for (let g = 0; g < groups.count; g++) {
    const r = groups.firstRow[g]!;
    u32[2 * g] = pairs[2 * r]!;
    u32[2 * g + 1] = pairs[2 * r + 1]!;
  }
  uniq.sort();
  const rank = new Int32Array(groups.count);
  for (let k = 0; k < groups.count; k++) rank[groups.find(u32[2 * k]!, u32[2 * k + 1]!)] = k;
  return rank;
}

/** Sort each light curve's rows by `time` (stable), in place on `perm`; segments already in order are left alone. */
function sortSegments(perm: Int32Array, offsets: Int32Array, time: Column, name: string): void {
  if (time.type === "dict" || time.type === "bool") throw new SchemaError(`sortBy column "${name}" is ${time.type}; a numeric time column was expected.`);
  const t = time.values as ArrayLike<number | bigint>;
  for (let g = 0; g + 1 < offsets.length; g++) {
    const a = offsets[g]!;
    const b = offsets[g + 1]!;
    let sorted = true;
    for (let k = a + 1; k < b && sorted; k++) sorted = t[perm[k - 1]!]! <= t[perm[k]!]!;
    if (sorted) continue;
    const seg = Array.from(perm.subarray(a, b));
    seg.sort((x, y) => (t[x]! < t[y]! ? -1 : t[x]! > t[y]! ? 1 : x - y));
    perm.set(seg, a);
  }
}

/** Throws when a base column is not constant within an object (NaN equals NaN here). */
function checkConstant(c: Column, name: string, perm: Int32Array, offsets: Int32Array, ids: Column): void {
  const v = rawValues(c) as ArrayLike<number | bigint>;
  for (let g = 0; g + 1 < offsets.length; g++) {
    const first = perm[offsets[g]!]!;
    const x = v[first]!;
    for (let k = offsets[g]! + 1; k < offsets[g + 1]!; k++) {
      const y = v[perm[k]!]!;
      if (y !== x && !(Number.isNaN(x) && Number.isNaN(y))) {
        throw new SchemaError(
          `Base column "${name}" differs within object ${String(valueAt(ids, first))} (${String(valueAt(c, first))} vs ${String(valueAt(c, perm[k]!))}); ` +
            `only per-object constants can be base columns.`,
        );
      }
    }
  }
}

/**
 * Group flat per-visit rows into nested light curves.
 *
 * @example
 * const frame = fromFlat(
 *   { objectId: BigInt64Array.of(9n, 7n, 9n), psfFlux: new Float32Array([1, 2, 3]) },
 *   { on: "objectId", name: "lc" },
 * );
 * frame.length; // 2 objects: 7n (1 obs), 9n (2 obs)
 */
export function fromFlat(table: FlatInput, options: FromFlatOptions): NestedFrame {
  const { cols, ids } = flatTable(table, options.on);
  const need = (n: string): Column => {
    const c = cols[n];
    if (!c) throw new ColumnNotFoundError(n, Object.keys(cols), "the flat table");
    return c;
  };
  const baseNames = options.baseColumns ?? [];
  baseNames.forEach(need);
  const pairs = keyPairs(ids, options.on);
  const groups = groupKeys(pairs);
  const rank = options.objectOrder === "first" ? undefined : groupRanksById(pairs, groups);
  const { perm, offsets } = groupPermutation(groups.groupOf, rank, groups.count);
  if (options.sortBy !== undefined) sortSegments(perm, offsets, need(options.sortBy), options.sortBy);

  const firstRows = new Int32Array(groups.count);
  for (let g = 0; g < groups.count; g++) firstRows[g] = perm[offsets[g]!]!;
  const base: Record<string, Column> = { [options.on]: gatherColumn(ids, firstRows) };
  for (const b of baseNames) {
    if (b === options.on) continue;
    checkConstant(cols[b]!, b, perm, offsets, ids);
    base[b] = gatherColumn(cols[b]!, firstRows);
  }
  const fields: Record<string, Column> = {};
  for (const [name, c] of Object.entries(cols)) {
    if (name === options.on || baseNames.includes(name)) continue;
    fields[name] = gatherColumn(c, perm);
  }
  return new NestedFrame({ base, nested: { [options.name ?? "nested"]: { offsets, fields } }, length: groups.count });
}
