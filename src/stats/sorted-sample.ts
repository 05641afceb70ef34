/**
 * The checked, sorted float64 copy of a sample that the order-statistic tests
 * (Kolmogorov–Smirnov, Anderson–Darling) start from.
 */
import { ArgumentError } from "../frame/errors.js";

/**
 * A sorted Float64Array copy of `values` (typed-array sort: O(n log n), no
 * boxing; the input is not modified). Throws ArgumentError, prefixed with
 * `caller`, when `values` is empty or holds NaN (the message says how many);
 * ±Infinity is kept.
 *
 * @example
 * sortedSample([3, -1, 2], "myTest"); // Float64Array [-1, 2, 3]
 */
export function sortedSample(values: ArrayLike<number>, caller: string): Float64Array {
  const n = values.length;
  if (n === 0) throw new ArgumentError(`${caller}: the sample is empty; it needs at least one value.`);
  const sorted = Float64Array.from(values);
  let nan = 0;
  for (let i = 0; i < n; i++) if (sorted[i] !== sorted[i]) nan++;
  if (nan > 0) {
    throw new ArgumentError(`${caller}: ${nan} of ${n} values are NaN; drop them first (e.g. keep only rows with a finite flux and error).`);
  }
  return sorted.sort();
}
