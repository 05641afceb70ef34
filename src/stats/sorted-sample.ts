/**
 * The checked, sorted float64 copy of a sample that the order-statistic tests
 * (Kolmogorov–Smirnov, Anderson–Darling) start from.
 */
import { ArgumentError, InsufficientDataError } from "../frame/errors.js";

/** Options of the order-statistic tests. */
export interface SampleOptions {
  /** The values are already in ascending order: skip the sort (one sort can serve KS and AD). */
  readonly sorted?: boolean;
}

/**
 * A sorted Float64Array copy of `values` (typed-array sort: O(n log n), no
 * boxing; the input is not modified; with `sorted` only copied and checked).
 * Throws InsufficientDataError (an ArgumentError), prefixed with `caller`, when
 * `values` is empty, and ArgumentError when it holds NaN (the message says how
 * many) or is said to be sorted and is not; ±Infinity is kept.
 *
 * @example
 * sortedSample([3, -1, 2], "myTest"); // Float64Array [-1, 2, 3]
 */
export function sortedSample(values: ArrayLike<number>, caller: string, options: SampleOptions = {}): Float64Array {
  const n = values.length;
  if (n === 0) throw new InsufficientDataError(`${caller}: the sample is empty; it needs at least one value.`);
  const sorted = Float64Array.from(values);
  let nan = 0;
  for (let i = 0; i < n; i++) if (sorted[i] !== sorted[i]) nan++;
  if (nan > 0) {
    throw new ArgumentError(`${caller}: ${nan} of ${n} values are NaN; drop them first (e.g. keep only rows with a finite flux and error).`);
  }
  if (!options.sorted) return sorted.sort();
  for (let i = 1; i < n; i++) {
    if (sorted[i]! < sorted[i - 1]!) throw new ArgumentError(`${caller}: { sorted: true } but value ${i} (${sorted[i]}) is below value ${i - 1} (${sorted[i - 1]}).`);
  }
  return sorted;
}
