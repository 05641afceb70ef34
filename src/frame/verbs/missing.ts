import type { Column } from "../column.js";

/**
 * True when row `r` of `c` is null, or NaN in a float column: the one definition
 * of "missing" shared by dropna and describe (pandas' isna).
 *
 * @example
 * isMissing(makeColumn([1, NaN, null]), 1); // true
 */
export function isMissing(c: Column, r: number): boolean {
  if (c.valid !== undefined && c.valid[r] === 0) return true;
  if (c.type === "float64" || c.type === "float32") {
    const v = c.values[r]!;
    return v !== v;
  }
  return false;
}
