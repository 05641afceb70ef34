/**
 * Robust estimates of a normal distribution's sigma that ignore a minority of
 * outliers: from the median absolute deviation and from the interquartile range.
 */
import { medianInPlace, quantileInPlace, withoutNaN } from "./quantile.js";
import { SORTED_BLOCK, type SortedValues } from "./sorted-values.js";

/** 1/Φ⁻¹(3/4) to the conventional four decimals: MAD × this estimates sigma of a normal. */
export const MAD_TO_SIGMA = 1.4826;

/** 2·Φ⁻¹(3/4) to the conventional three decimals: IQR / this estimates sigma of a normal. */
export const IQR_TO_SIGMA = 1.349;

/**
 * Sigma from the median absolute deviation, 1.4826 · median(|x − median(x)|)
 * (Hampel 1974; equals `1.4826 * np.median(np.abs(x - np.median(x)))`;
 * scipy's `median_abs_deviation(x, scale="normal")` uses 1.482602…).
 * Breakdown point 50%; relative standard error ≈ 1.17/√n for normal data.
 * NaN values are skipped; ±Infinity count as extreme values. NaN when no value
 * is left or the median itself is infinite. Average O(n) (two selections on
 * one Float64Array copy).
 *
 * @example
 * madSigma([1, 2, 3, 4, 100, NaN]); // 1.4826
 */
export function madSigma(values: ArrayLike<number>): number {
  const a = withoutNaN(values);
  const n = a.length;
  const m = medianInPlace(a, n);
  if (!Number.isFinite(m)) return NaN;
  for (let i = 0; i < n; i++) a[i] = Math.abs(a[i]! - m);
  return MAD_TO_SIGMA * medianInPlace(a, n);
}

/**
 * {@link madSigma} of a sorted sample without NaN held anywhere (in memory,
 * or a file from the external sorter), the same value bit for bit: the median
 * is read at the middle positions, and the median absolute deviation by
 * merging outwards from the middle (the deviations below the median ascend
 * going down, those above going up), reading about half the sample in blocks.
 *
 * @example
 * madSigmaSorted(sortedArray(Float64Array.of(1, 2, 3, 4, 100))); // 1.4826
 */
export function madSigmaSorted(sorted: SortedValues): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const k = (n - 1) >> 1;
  const mid = sorted.read(k, n % 2 === 1 ? 1 : 2);
  const m = n % 2 === 1 ? mid[0]! : (mid[0]! + mid[1]!) / 2;
  if (!Number.isFinite(m)) return NaN;
  // Below: positions k, k-1, ..., 0 (values <= m); above: k+1, ..., n-1 (values >= m).
  let low = new Float64Array(0);
  let lowAt = 0; // low[lowAt - 1] is the next value below, walking down
  let lowNext = k + 1; // positions [0, lowNext) not yet read
  let high = new Float64Array(0);
  let highAt = 0;
  let highNext = k + 1; // positions [highNext, n) not yet read
  const want = n % 2 === 1 ? k : k + 1; // the last order statistic of the deviations needed
  let lo = NaN;
  for (let c = 0; c <= want; c++) {
    if (lowAt === 0 && lowNext > 0) {
      const from = Math.max(0, lowNext - SORTED_BLOCK);
      low = sorted.read(from, lowNext - from);
      lowAt = low.length;
      lowNext = from;
    }
    if (highAt === high.length && highNext < n) {
      high = sorted.read(highNext, Math.min(SORTED_BLOCK, n - highNext));
      highAt = 0;
      highNext += high.length;
    }
    const dl = lowAt > 0 ? Math.abs(low[lowAt - 1]! - m) : Infinity;
    const dh = highAt < high.length ? Math.abs(high[highAt]! - m) : Infinity;
    let d: number;
    if (lowAt > 0 && (dl <= dh || highAt === high.length)) {
      d = dl;
      lowAt--;
    } else {
      d = dh;
      highAt++;
    }
    if (c === k) lo = d;
    if (c === want) return MAD_TO_SIGMA * (n % 2 === 1 ? lo : (lo + d) / 2);
  }
  return NaN;
}

/**
 * Sigma from the interquartile range, (Q3 − Q1) / 1.349, with numpy's default
 * linear-interpolated quantiles (Hyndman & Fan type 7, as `quantile`).
 * Breakdown point 25%; relative standard error ≈ 1.17/√n for normal data.
 * NaN values are skipped; NaN when no value is left. Average O(n).
 *
 * @example
 * iqrSigma([1, 2, 3, 4, 5]); // 1.4825796886582654 (= 2 / 1.349)
 */
export function iqrSigma(values: ArrayLike<number>): number {
  const a = withoutNaN(values);
  const n = a.length;
  const q1 = quantileInPlace(a, n, 0.25);
  const q3 = quantileInPlace(a, n, 0.75);
  return (q3 - q1) / IQR_TO_SIGMA;
}
