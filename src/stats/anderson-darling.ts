/**
 * Anderson–Darling test against a fully specified continuous distribution
 * (N(0, 1) unless told otherwise; "case 0": no parameter is estimated), with the
 * p-value of Marsaglia & Marsaglia (2004).
 */
import { ArgumentError } from "../frame/errors.js";
import { normalCdf, normalSf } from "./distributions.js";
import { type SampleOptions, sortedSample } from "./sorted-sample.js";
import { SORTED_BLOCK, type SortedValues, sortedArray } from "./sorted-values.js";

/** Result of {@link andersonDarling}. */
export interface AndersonDarlingResult {
  /** A² = -n - (1/n) Σ (2i-1) [ln F(x_(i)) + ln(1 - F(x_(n+1-i)))]. */
  readonly stat: number;
  /** P(A²_n >= stat) under the null hypothesis. */
  readonly p: number;
  /** Sample size. */
  readonly n: number;
}

/** CDF values are clamped to [EPS, 1 - EPS] so that ln F and ln(1 - F) stay finite. */
const EPS = 2 ** -53;

/**
 * Anderson–Darling test of `values` against the continuous distribution with CDF
 * `cdf` (default: standard normal), all parameters known (case 0):
 * A² = -n - (1/n) Σ_{i=1..n} (2i-1) [ln F(x_(i)) + ln(1 - F(x_(n+1-i)))]
 * (Anderson & Darling 1954), p-value {@link andersonDarlingSf}(A², n).
 *
 * CDF values are clamped to [2^-53, 1 - 2^-53] (symmetric, so a sample and its
 * mirror image give the same A² under a symmetric distribution): a value outside
 * the support, or beyond about 8.2σ of N(0, 1), adds a large but finite term. Throws
 * InsufficientDataError (an ArgumentError) for an empty sample, and
 * ArgumentError for NaN values (saying how many) and when `cdf` returns
 * something outside [0, 1]. Sorts a Float64Array copy: O(n log n);
 * with `{ sorted: true }` the values must already ascend and are only copied.
 *
 * @example
 * andersonDarling(Float64Array.of(-1.2, -0.4, 0.1, 0.7, 1.5));
 * // { stat: 0.18073517713773413, p: 0.9968564699820692, n: 5 }
 */
export function andersonDarling(values: ArrayLike<number>, cdf: (x: number) => number = normalCdf, options: SampleOptions = {}): AndersonDarlingResult {
  const x = sortedSample(values, "andersonDarling", options);
  const stat = andersonDarlingStatistic(sortedArray(x), cdf);
  return { stat, p: andersonDarlingSf(stat, x.length), n: x.length };
}

/** The clamped CDF values of a block, checked. */
function clampedCdf(x: Float64Array, cdf: (x: number) => number): Float64Array {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const f = cdf(x[i]!);
    if (!(f >= 0 && f <= 1)) {
      throw new ArgumentError(`andersonDarling: cdf(${x[i]}) returned ${f}; a CDF must return a number in [0, 1].`);
    }
    out[i] = f < EPS ? EPS : f > 1 - EPS ? 1 - EPS : f;
  }
  return out;
}

/**
 * The statistic A² of a sorted, non-empty sample held anywhere (in memory, or
 * a file from the external sorter), read one block at a time from both ends
 * at once, so that the sum runs in {@link andersonDarling}'s order: the same
 * A², bit for bit. Its p-value is andersonDarlingSf(A², n). Throws
 * ArgumentError when `cdf` returns something outside [0, 1].
 *
 * @example
 * andersonDarlingStatistic(sortedArray(Float64Array.of(-1.2, -0.4, 0.1, 0.7, 1.5)), normalCdf); // 0.18073517713773413
 */
export function andersonDarlingStatistic(sorted: SortedValues, cdf: (x: number) => number = normalCdf): number {
  const n = sorted.length;
  let sum = 0;
  for (let i0 = 0; i0 < n; i0 += SORTED_BLOCK) {
    const c = Math.min(SORTED_BLOCK, n - i0);
    const low = clampedCdf(sorted.read(i0, c), cdf);
    // x[n - 1 - i] for i = i0 .. i0 + c - 1, read as one ascending block and walked backwards.
    const high = clampedCdf(sorted.read(n - i0 - c, c), cdf);
    for (let j = 0; j < c; j++) {
      const i = i0 + j;
      sum += (2 * i + 1) * (Math.log(low[j]!) + Math.log1p(-high[c - 1 - j]!));
    }
  }
  return -n - sum / n;
}

/** A² above which the upper tail uses the large-a asymptote, where it meets Marsaglia's adinf tail. */
const ASYMPTOTE_FROM = 6.421;

/**
 * Upper tail P(A²_n >= a) of the case-0 Anderson–Darling statistic for sample
 * size n, after Marsaglia & Marsaglia (2004), "Evaluating the Anderson-Darling
 * distribution", J. Stat. Softw. 9(2): their short `adinf` approximation of the
 * limiting distribution (|error| < 2e-5 against their exact series `ADinf`) plus
 * their finite-n correction `errfix` (fitted to simulations for n = 8..128; within
 * about 1e-4 of Monte Carlo for n >= 5, about 1e-2 off in the body for n = 2).
 * n = 1 is exact: 1 - sqrt(1 - 4e^(-1-a)). n = Infinity gives the limiting
 * distribution.
 *
 * Two changes for the far tail, where adinf's fit departs from the truth (a
 * factor 2 low by a = 10). Above a = 6.421 (p ≈ 6e-4), where the two agree, the
 * limiting tail is √3·erfc(√a)·(1 + 0.3/a): the leading term of the tail of
 * Σ_j χ²_1/(j(j+1)) with a 1/a term fitted to Imhof's numerical inversion
 * (relative error < 2e-4 for a >= 5; adinf's tail below 6.421 stays within 0.4%).
 * And errfix for p < 0.2 is taken relative to its value at p = 0 (-0.0006/n,
 * within the stated accuracy), so that p → 0 as a → ∞ instead of stalling at 0.0006/n.
 *
 * NaN a gives NaN; a <= 0 gives 1. Throws ArgumentError unless n is a positive
 * integer or Infinity. O(1).
 *
 * @example
 * andersonDarlingSf(2.492, Infinity); // 0.05001405541817421 (2.492 is the published asymptotic 5% point)
 * andersonDarlingSf(2.492, 10); // 0.05118441822741982 (Monte Carlo, 4e6 samples: 0.05106 ± 0.00011)
 */
export function andersonDarlingSf(a: number, n: number): number {
  if (!((Number.isInteger(n) && n >= 1) || n === Infinity)) {
    throw new ArgumentError(`andersonDarlingSf(a, n) needs a positive integer sample size n (or Infinity), got ${n}.`);
  }
  if (a !== a) return NaN;
  if (a <= 0) return 1;
  if (n === 1) {
    // A² = -1 - ln(u(1 - u)) for one uniform u: P(A² >= a) = P(u(1 - u) <= c/4).
    const c = 4 * Math.exp(-1 - a);
    return c >= 1 ? 1 : c / (1 + Math.sqrt(1 - c));
  }
  let tail: number;
  if (a < 2) {
    tail = 1 - (Math.exp(-1.2337141 / a) / Math.sqrt(a)) * (2.00012 + (0.247105 - (0.0649821 - (0.0347962 - (0.011672 - 0.00168691 * a) * a) * a) * a) * a);
  } else if (a < ASYMPTOTE_FROM) {
    tail = -Math.expm1(-Math.exp(1.0776 - (2.30695 - (0.43424 - (0.082433 - (0.008056 - 0.0003146 * a) * a) * a) * a) * a));
  } else {
    // erfc(√a) = 2 Q(√(2a)).
    tail = 2 * Math.sqrt(3) * normalSf(Math.sqrt(2 * a)) * (1 + 0.3 / a);
  }
  return Math.min(1, Math.max(0, tail - errfix(n, tail)));
}

/**
 * Marsaglia & Marsaglia's errfix(n, x) at x = 1 - tail, its x > 0.8 branch as a
 * polynomial in the tail that vanishes at 0 (g(1 - t) - g(1), exact in the
 * published coefficients).
 */
function errfix(n: number, tail: number): number {
  if (tail < 0.2) {
    const t = tail;
    return (t * (-0.4717 + (6.531 - (43.05 - (162.562 - 255.7844 * t) * t) * t) * t)) / n;
  }
  const x = 1 - tail;
  const c = 0.01265 + 0.1757 / n;
  if (x < c) {
    const v = x / c;
    return (Math.sqrt(v) * (1 - v) * (49 * v - 102) * (0.0037 / (n * n) + 0.00078 / n + 0.00006)) / n;
  }
  const v = (x - c) / (0.8 - c);
  return ((-0.00022633 + (6.54034 - (14.6538 - (14.458 - (8.259 - 1.91864 * v) * v) * v) * v) * v) * (0.04213 + 0.01365 / n)) / n;
}
