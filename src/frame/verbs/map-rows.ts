import { type Column, type ColumnArray, makeColumn, rawValues, valueAt } from "../column.js";
import { ArgumentError } from "../errors.js";
import type { NestedFrame } from "../nested-frame.js";

/** What mapRows hands to user code: base values as scalars, nested fields as zero-copy typed-array views. */
export type RowView = Record<string, number | bigint | boolean | string | null | ColumnArray>;
export type RowResult = number | bigint | boolean | string | null | Record<string, number | bigint | boolean | string | null>;

type Scalar = number | bigint | boolean | string | null;

/**
 * Run `fn` once per object and turn its results into base columns. `columns` names
 * what `row` holds, keyed exactly as given: base columns as scalars (int64 as
 * bigint, null for a null), nested fields (`lc.psfFlux`, or a whole nest `lc` for
 * all its fields) as zero-copy subarray views (dictionary fields give their Int32
 * codes). One `row` object is reused for every object, so a view is valid only
 * during its call: copy it (`Array.from`, `.slice()`) to keep it.
 *
 * A scalar result becomes the column `name` (default "result"); an object result
 * becomes one column per key. number -> float64, bigint -> int64, boolean -> bool,
 * string -> dictionary; null (or a key missing for some objects) -> null.
 *
 * @example
 * mapRows(frame, (row) => {
 *   const f = row["lc.psfFlux"] as Float32Array;
 *   let peak = -Infinity;
 *   for (let k = 0; k < f.length; k++) peak = Math.max(peak, f[k]!);
 *   return { peak, n: f.length };
 * }, ["lc.psfFlux"]);
 */
export function mapRows(frame: NestedFrame, fn: (row: RowView, i: number) => RowResult, columns: readonly string[], options: { name?: string } = {}): NestedFrame {
  const baseKeys: string[] = [];
  const baseCols: Column[] = [];
  const viewKeys: string[] = [];
  const viewCols: Column[] = [];
  const viewOffsets: Int32Array[] = [];
  for (const name of columns) {
    if (Object.hasOwn(frame.nested, name)) {
      const nc = frame.nested[name]!;
      for (const [f, c] of Object.entries(nc.fields)) {
        viewKeys.push(`${name}.${f}`);
        viewCols.push(c);
        viewOffsets.push(nc.offsets);
      }
      continue;
    }
    const r = frame.resolve(name);
    if (r.kind === "base") {
      baseKeys.push(name);
      baseCols.push(r.column);
    } else {
      viewKeys.push(name);
      viewCols.push(r.column);
      viewOffsets.push(r.nested.offsets);
    }
  }
  const raw = viewCols.map(rawValues);
  const row: RowView = {};
  const builders = new Map<string, ColumnBuilder>();
  const scalarName = options.name ?? "result";
  const n = frame.length;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < baseKeys.length; k++) row[baseKeys[k]!] = valueAt(baseCols[k]!, i);
    for (let k = 0; k < viewKeys.length; k++) row[viewKeys[k]!] = raw[k]!.subarray(viewOffsets[k]![i]!, viewOffsets[k]![i + 1]!);
    const res = fn(row, i);
    if (res !== null && typeof res === "object") {
      if (options.name !== undefined) throw new ArgumentError(`mapRows: "name" applies to scalar results; object results name their columns by key (object ${i}).`);
      for (const key of Object.keys(res)) builderFor(builders, key, n).set(i, res[key]!);
    } else {
      builderFor(builders, scalarName, n).set(i, res);
    }
  }
  if (n === 0 && options.name !== undefined) builderFor(builders, scalarName, 0);
  return frame.withColumns(Object.fromEntries([...builders].map(([key, b]) => [key, b.build()])));
}

function builderFor(builders: Map<string, ColumnBuilder>, key: string, n: number): ColumnBuilder {
  let b = builders.get(key);
  if (!b) {
    b = new ColumnBuilder(key, n);
    builders.set(key, b);
  }
  return b;
}

/** Collects one key's results; its type is fixed by the first non-null value. */
class ColumnBuilder {
  private kind: "number" | "bigint" | "boolean" | "string" | undefined;
  private readonly values: Scalar[];
  constructor(
    private readonly key: string,
    n: number,
  ) {
    this.values = new Array<Scalar>(n).fill(null);
  }

  set(i: number, v: Scalar | undefined): void {
    if (v === null || v === undefined) return;
    const t = typeof v;
    if (t !== "number" && t !== "bigint" && t !== "boolean" && t !== "string") {
      throw new ArgumentError(`mapRows: result "${this.key}" of object ${i} is a ${t}; return numbers, bigints, booleans, strings or null.`);
    }
    this.kind ??= t as "number";
    if (t !== this.kind) throw new ArgumentError(`mapRows: result "${this.key}" is a ${this.kind} for earlier objects but a ${t} for object ${i}.`);
    this.values[i] = v;
  }

  build(): Column {
    // Numbers (or only nulls) become float64 holding NaN where null, with a validity mask so a null stays distinct from a NaN result.
    return makeColumn(this.values, this.kind === "number" || this.kind === undefined ? "float64" : undefined);
  }
}
