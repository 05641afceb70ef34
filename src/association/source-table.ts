/**
 * The DiaSource table association reads: its columns, the exact int64 source
 * ids (checked unique), positions as unit vectors, and the processing order
 * (visit, then source id), which makes every result independent of the input's
 * row order.
 */
import { type Column, toFloat64 } from "../frame/column.js";
import { SchemaError } from "../frame/errors.js";
import { compareKeys, groupKeys, keyPairs } from "../frame/key-index.js";
import { type FlatInput, flatTable } from "../frame/verbs/from-flat.js";
import { unitVectors } from "./sky-geometry.js";

/** A flat source table, checked and ready for association. */
export interface SourceTable {
  readonly cols: Record<string, Column>;
  readonly n: number;
  /** Source ids, exact. */
  readonly ids: BigInt64Array;
  readonly ra: Float64Array;
  readonly dec: Float64Array;
  /** Unit vectors, interleaved x, y, z. */
  readonly xyz: Float64Array;
}

/**
 * Read and check a flat source table: `id` must be int64 and unique, `ra`/`dec`
 * numeric, finite, dec within [-90, 90]. Errors name the column and the row.
 *
 * @example
 * const t = sourceTable({ diaSourceId: BigInt64Array.of(5n, 6n), ra: [1, 2], dec: [0, 0] }, "diaSourceId", "ra", "dec");
 * t.n; // 2
 */
export function sourceTable(sources: FlatInput, id: string, ra: string, dec: string): SourceTable {
  const { cols, ids, n } = flatTable(sources, id);
  if (ids.type !== "int64") throw new SchemaError(`Source id column "${id}" is ${ids.type}; association needs int64 ids (Rubin ids exceed 2^53).`);
  const groups = groupKeys(keyPairs(ids, id));
  if (groups.count !== n) throw new SchemaError(`Source id column "${id}" has ${n - groups.count} duplicate id(s); every source needs its own id.`);
  const need = (name: string): Column => {
    const c = cols[name];
    if (c === undefined) throw new SchemaError(`The source table has no column "${name}"; columns: ${Object.keys(cols).join(", ")}.`);
    return c;
  };
  const raV = toFloat64(need(ra), ra);
  const decV = toFloat64(need(dec), dec);
  return { cols, n, ids: ids.values, ra: raV, dec: decV, xyz: unitVectors(raV, decV, [ra, dec]) };
}

/**
 * Rows in processing order, by `visit` (int64 or numeric) then source id, and
 * the start of each visit's run: `starts` has one entry per visit plus `n`.
 *
 * @example
 * const t = sourceTable({ diaSourceId: BigInt64Array.of(9n, 3n, 4n), visit: BigInt64Array.of(2n, 2n, 1n), ra: [0, 0, 0], dec: [0, 1, 2] }, "diaSourceId", "ra", "dec");
 * const { order, starts } = visitOrder(t, "visit");
 * Array.from(order); // [2, 1, 0] (visit 1; then visit 2: ids 3, 9)
 * Array.from(starts); // [0, 1, 3]
 */
export function visitOrder(table: SourceTable, visit: string): { order: Int32Array; starts: Int32Array } {
  const c = table.cols[visit];
  if (c === undefined) throw new SchemaError(`The source table has no visit column "${visit}"; columns: ${Object.keys(table.cols).join(", ")}.`);
  const idp = new Int32Array(table.ids.buffer, table.ids.byteOffset, 2 * table.n);
  const byId = (a: number, b: number): number => compareKeys(idp[2 * a]!, idp[2 * a + 1]!, idp[2 * b]!, idp[2 * b + 1]!);
  let same: (a: number, b: number) => boolean;
  let cmp: (a: number, b: number) => number;
  if (c.type === "int64" || (c.type !== "dict" && c.type !== "bool" && c.type !== "float32" && c.type !== "float64")) {
    const vp = keyPairs(c, visit);
    same = (a, b) => vp[2 * a] === vp[2 * b] && vp[2 * a + 1] === vp[2 * b + 1];
    cmp = (a, b) => compareKeys(vp[2 * a]!, vp[2 * a + 1]!, vp[2 * b]!, vp[2 * b + 1]!) || byId(a, b);
  } else if (c.type === "float32" || c.type === "float64") {
    const t = toFloat64(c, visit);
    for (let i = 0; i < t.length; i++) {
      if (Number.isNaN(t[i]!)) throw new SchemaError(`Visit/time column "${visit}" is NaN at row ${i}; every source needs one.`);
    }
    same = (a, b) => t[a] === t[b];
    cmp = (a, b) => t[a]! - t[b]! || byId(a, b);
  } else {
    throw new SchemaError(`Visit column "${visit}" is ${c.type}; an int64 visit id or a numeric time was expected.`);
  }
  const order = new Int32Array(table.n);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort(cmp);
  const starts: number[] = [];
  for (let k = 0; k < order.length; k++) if (k === 0 || !same(order[k - 1]!, order[k]!)) starts.push(k);
  starts.push(order.length);
  return { order, starts: Int32Array.from(starts) };
}
