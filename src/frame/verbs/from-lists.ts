/**
 * fromLists: a table whose list columns hold one array per object (e.g.
 * `Float32Array[]` or `number[][]`) -> a frame with those lists nested.
 */
import { type Column, type ColumnArray, asColumn, concatColumns, makeColumn } from "../column.js";
import { ArgumentError, ColumnNotFoundError, SchemaError } from "../errors.js";
import { NestedFrame } from "../nested-frame.js";

/** A list column: one array (typed or plain) per object. */
export type ListValues = ReadonlyArray<ColumnArray | readonly unknown[]>;

export interface FromListsOptions {
  /** Names of the list columns to nest; every other column becomes a base column. */
  readonly lists: readonly string[];
  /** Name of the nested column (default "nested"). */
  readonly name?: string;
}

/**
 * Build a frame from per-object list columns; the lists of one object must have equal lengths.
 *
 * @example
 * const f = fromLists(
 *   { id: BigInt64Array.of(1n, 2n), flux: [new Float32Array([1, 2]), new Float32Array([3])], band: [["g", "r"], ["g"]] },
 *   { lists: ["flux", "band"], name: "lc" },
 * );
 * f.nest("lc").offsets; // [0, 2, 3]
 */
export function fromLists(
  table: Readonly<Record<string, Column | ColumnArray | readonly unknown[]>>,
  options: FromListsOptions,
): NestedFrame {
  const names = Object.keys(table);
  if (options.lists.length === 0) throw new ArgumentError("fromLists needs at least one list column.");
  const lists = options.lists.map((l) => {
    const v = table[l];
    if (v === undefined) throw new ColumnNotFoundError(l, names, "the table");
    if (!Array.isArray(v)) throw new SchemaError(`List column "${l}" must be an array of arrays (one per object).`);
    return v as ListValues;
  });
  const m = lists[0]!.length;
  const offsets = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) offsets[i + 1] = offsets[i]! + (lists[0]![i]?.length ?? 0);
  const fields: Record<string, Column> = {};
  options.lists.forEach((l, j) => {
    const rows = lists[j]!;
    if (rows.length !== m) throw new SchemaError(`List column "${l}" has ${rows.length} rows, "${options.lists[0]}" has ${m}.`);
    for (let i = 0; i < m; i++) {
      const len = rows[i]?.length ?? 0;
      if (len !== offsets[i + 1]! - offsets[i]!) {
        throw new SchemaError(`Row ${i}: list "${l}" has ${len} values, "${options.lists[0]}" has ${offsets[i + 1]! - offsets[i]!}.`);
      }
    }
    fields[l] = listColumn(rows, l);
  });
  const base: Record<string, Column> = {};
  for (const [name, v] of Object.entries(table)) {
    if (options.lists.includes(name)) continue;
    base[name] = asColumn(v);
  }
  return new NestedFrame({ base, nested: { [options.name ?? "nested"]: { offsets, fields } }, length: m });
}

/**
 * One column from the rows of a list column. Typed-array rows are concatenated
 * as they are; plain rows are flattened first and typed once over all their
 * values, so that a row holding only nulls does not fix a type the other rows
 * contradict.
 */
function listColumn(rows: ListValues, name: string): Column {
  const filled = rows.filter((r) => r && r.length > 0);
  if (filled.length === 0) return makeColumn([]);
  if (filled.every((r) => ArrayBuffer.isView(r))) return concatColumns(filled.map((r) => makeColumn(r)), `list column "${name}"`);
  const flat: unknown[] = [];
  for (const r of filled) for (let k = 0; k < r.length; k++) flat.push(r[k]);
  return makeColumn(flat);
}
