/**
 * Sample quantiles and the median as numpy computes them by default, by
 * selection (average O(n)) instead of a full sort.
 */
import { ArgumentError } from "../frame/errors.js";
import { selectKth } from "../frame/reducers/select-kth.js";

/**
 * The values that are not NaN, as a Float64Array copy (±Infinity kept), and
 * how many there are. O(n).
 *
 * @example
 * Array.from(withoutNaN(Float32Array.of(1, NaN, Infinity))); // [1, Infinity]
 */
export function withoutNaN(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (x === x) out[m++] = x;
  }
  return m === n ? out : out.subarray(0, m);
}

/**
 * The p-quantile of `a[0..n)` (no NaN), rearranging `a` in place: numpy's
 * default "linear" method (Hyndman & Fan 1996 type 7), virtual index
 * h = (n - 1)·p between the order statistics x[⌊h⌋] and x[⌊h⌋ + 1], with
 * numpy's two-sided lerp so results agree with `np.quantile` to the last bit.
 * NaN when n = 0; ArgumentError for p outside [0, 1]. Average O(n).
 *
 * @example
 * quantileInPlace(Float64Array.of(4, 1, 3, 2), 4, 0.25); // 1.75
 */
export function quantileInPlace(a: Float64Array, n: number, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new ArgumentError(`quantile: p must be in [0, 1], got ${p}.`);
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const k = Math.floor(h);
  const lo = selectKth(a, n, k);
  const t = h - k;
  if (t === 0 || k + 1 >= n) return lo;
  // After selection a[k+1..n) >= a[k]: the next order statistic is their minimum.
  let hi = a[k + 1]!;
  for (let i = k + 2; i < n; i++) if (a[i]! < hi) hi = a[i]!;
  const d = hi - lo;
  return t >= 0.5 ? hi - d * (1 - t) : lo + d * t;
}

/**
 * Sample p-quantile by linear interpolation between order statistics
 * (numpy's `np.quantile(x, p)` default, Hyndman & Fan type 7). NaN values are
 * skipped (as `np.nanquantile`); NaN when no value is left. Works on a copy.
 * Average O(n).
 *
 * @example
 * quantile([1, 2, 3, 4, NaN], 0.75); // 3.25
 */
export function quantile(values: ArrayLike<number>, p: number): number {
  const a = withoutNaN(values);
  return quantileInPlace(a, a.length, p);
}

/**
 * The median of `a[0..n)` (no NaN), rearranging `a` in place: the middle order
 * statistic, or the mean of the two middle ones for even n (as `np.median`).
 * NaN when n = 0. Average O(n).
 *
 * @example
 * medianInPlace(Float64Array.of(4, 1, 3, 2), 4); // 2.5
 */
export function medianInPlace(a: Float64Array, n: number): number {
  if (n === 0) return NaN;
  const k = (n - 1) >> 1;
  const lo = selectKth(a, n, k);
  if (n % 2 === 1) return lo;
  let hi = a[k + 1]!;
  for (let i = k + 2; i < n; i++) if (a[i]! < hi) hi = a[i]!;
  return (lo + hi) / 2;
}

/**
 * Sample median (`np.nanmedian`): NaN values skipped; NaN when none is left.
 * Works on a copy. Average O(n).
 *
 * @example
 * median([5, 1, NaN, 3]); // 3
 */
export function median(values: ArrayLike<number>): number {
  const a = withoutNaN(values);
  return medianInPlace(a, a.length);
}
