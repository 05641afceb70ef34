import { type Column, makeColumn } from "../column.js";
import { SchemaError } from "../errors.js";
import { NestedFrame } from "../nested-frame.js";
import { isMissing } from "./missing.js";

const STATS = ["count", "mean", "std", "min", "25%", "50%", "75%", "max"] as const;

/**
 * Summary statistics, like pandas' describe: count, mean, std (ddof = 1), min,
 * 25%, 50%, 75% (linear interpolation, pandas' default) and max of each column,
 * skipping nulls and NaN. Default columns: every float/integer base column and
 * nested field (not int64 ids, bools or strings; bools may be named explicitly).
 * Nested fields are summarised over all observations. Returns one row per column:
 * a `column` string column, then one float64 column per statistic.
 *
 * @example
 * console.log(describe(frame, ["coord_ra", "lc.psfFlux"]).toString());
 */
export function describe(frame: NestedFrame, columns?: readonly string[]): NestedFrame {
  const names = columns ?? frame.columnNames.filter((n) => isSummable(frame.resolve(n).column, false));
  const stats = STATS.map(() => new Float64Array(names.length));
  names.forEach((name, j) => {
    const r = frame.resolve(name);
    if (!isSummable(r.column, true)) throw new SchemaError(`describe: "${name}" is ${r.column.type}; only numeric and bool columns can be summarised.`);
    const [start, end] = r.kind === "base" ? [0, frame.length] : [r.nested.offsets[0]!, r.nested.offsets[r.nested.offsets.length - 1]!];
    summarise(r.column, start, end).forEach((v, s) => (stats[s]![j] = v));
  });
  const base: Record<string, Column> = { column: makeColumn([...names], "dict") };
  STATS.forEach((s, k) => (base[s] = makeColumn(stats[k]!)));
  return new NestedFrame({ base, length: names.length });
}

function isSummable(c: Column, allowBool: boolean): boolean {
  return c.type !== "int64" && c.type !== "dict" && (allowBool || c.type !== "bool");
}

/** The eight statistics of rows [start, end) of a numeric or bool column. */
function summarise(c: Column, start: number, end: number): number[] {
  const values = (c as { values: ArrayLike<number> }).values;
  const xs = new Float64Array(end - start);
  let n = 0;
  for (let r = start; r < end; r++) if (!isMissing(c, r)) xs[n++] = values[r]!;
  const s = xs.subarray(0, n).sort();
  if (n === 0) return [0, NaN, NaN, NaN, NaN, NaN, NaN, NaN];
  let sum = 0;
  for (let k = 0; k < n; k++) sum += s[k]!;
  const mean = sum / n;
  let ss = 0;
  for (let k = 0; k < n; k++) ss += (s[k]! - mean) ** 2;
  const q = (p: number) => {
    const pos = (n - 1) * p;
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, n - 1);
    return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
  };
  return [n, mean, n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, s[0]!, q(0.25), q(0.5), q(0.75), s[n - 1]!];
}
