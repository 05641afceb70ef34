/**
 * From a per-source assignment to the DiaObject frame: one row per object
 * (ordered by diaObjectId), its sources nested in visit order, then the
 * aggregates. Shared by sequential association and friends-of-friends.
 */
import type { Column } from "../frame/column.js";
import { NestedFrame } from "../frame/nested-frame.js";
import { fromFlat } from "../frame/verbs/from-flat.js";
import { type DiaObjectAggregateOptions, diaObjectAggregates } from "./dia-object-aggregates.js";
import type { SourceTable } from "./source-table.js";

export interface DiaObjectFrameOptions {
  /** Name of the object id column (default "diaObjectId"); an input column of that name is replaced. */
  readonly objectId?: string;
  /** Name of the nest of sources (default "diaSource"). */
  readonly nest?: string;
  /** Order sources within an object by this column (the visit). */
  readonly sortBy?: string;
  /** Options of diaObjectAggregates (nest, ra, dec are taken from here), or false for none. */
  readonly aggregates?: Omit<DiaObjectAggregateOptions, "nest" | "ra" | "dec"> | false;
}

/**
 * Group the sources by their assigned object id into a DiaObject frame.
 *
 * @example
 * const ids = BigInt64Array.of(5n, 6n);
 * const cols = { diaSourceId: makeColumn(ids), visit: makeColumn(BigInt64Array.of(1n, 2n)), ra: makeColumn([1, 1]), dec: makeColumn([0, 0]) };
 * const t = { cols, n: 2, ids, ra: Float64Array.of(1, 1), dec: Float64Array.of(0, 0), xyz: unitVectors([1, 1], [0, 0]) }; // what sourceTable() gives
 * const objects = diaObjectFrame(t, BigInt64Array.of(5n, 5n), { ra: "ra", dec: "dec", sortBy: "visit" });
 * objects.length; // 1
 * objects.toArray("nDiaSources"); // [2]
 */
export function diaObjectFrame(table: SourceTable, objectIds: BigInt64Array, options: DiaObjectFrameOptions & { readonly ra: string; readonly dec: string }): NestedFrame {
  const objectId = options.objectId ?? "diaObjectId";
  const nest = options.nest ?? "diaSource";
  const flat: Record<string, Column> = { [objectId]: { type: "int64", values: objectIds } };
  for (const [name, c] of Object.entries(table.cols)) if (name !== objectId) flat[name] = c;
  const frame = fromFlat(new NestedFrame({ base: flat, length: table.n }), { on: objectId, name: nest, ...(options.sortBy !== undefined ? { sortBy: options.sortBy } : {}) });
  if (options.aggregates === false) return frame;
  return diaObjectAggregates(frame, { ...options.aggregates, nest, ra: options.ra, dec: options.dec });
}
