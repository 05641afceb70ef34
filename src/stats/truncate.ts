/**
 * A continuous distribution truncated to an interval, for goodness-of-fit tests
 * of samples that were cut to a range (e.g. pulls within [-3, 3] against N(0, 1)).
 */
import { ArgumentError } from "../frame/errors.js";

/**
 * The CDF of `cdf`'s distribution truncated to [lo, hi]: 0 below `lo`, 1 above
 * `hi`, and `(cdf(x) - cdf(lo)) / (cdf(hi) - cdf(lo))` between, so it is exactly 0
 * at `lo` and exactly 1 at `hi`. `lo` may be -Infinity and `hi` Infinity. NaN
 * maps to NaN. Throws ArgumentError when `lo`/`hi` are NaN, `lo >= hi`, or the
 * interval has zero probability under `cdf`. O(1) per call (two cdf calls are
 * made once, up front). `truncatedCdf(normalCdf, -3, 3)(1)` is
 * (Φ(1) - Φ(-3)) / (Φ(3) - Φ(-3)) = 0.842268802032848, as scipy's `truncnorm.cdf(1, -3, 3)`.
 *
 * @example
 * const uniform = (x: number) => Math.min(1, Math.max(0, x));
 * const f = truncatedCdf(uniform, 0.2, 0.6);
 * f(0.1); // 0
 * f(0.5); // 0.75
 * f(0.7); // 1
 */
export function truncatedCdf(cdf: (x: number) => number, lo: number, hi: number): (x: number) => number {
  if (!(lo < hi)) throw new ArgumentError(`truncatedCdf(cdf, ${lo}, ${hi}) needs lo < hi.`);
  const flo = cdf(lo);
  const mass = cdf(hi) - flo;
  if (!(mass > 0)) {
    throw new ArgumentError(`truncatedCdf(cdf, ${lo}, ${hi}): the distribution has probability ${mass} in [${lo}, ${hi}]; choose a range where it has mass.`);
  }
  return (x: number): number => {
    if (x <= lo) return 0;
    if (x >= hi) return 1;
    if (x !== x) return NaN;
    return Math.min(1, Math.max(0, (cdf(x) - flo) / mass));
  };
}
