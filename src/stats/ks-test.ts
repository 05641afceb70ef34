/**
 * One-sample two-sided Kolmogorov–Smirnov test against a fully specified
 * continuous distribution (N(0, 1) unless told otherwise), with the p-value of
 * the exact finite-n distribution of D computed as scipy's `kstwo` does
 * (Simard & L'Ecuyer 2011).
 */
import { ArgumentError } from "../frame/errors.js";
import { normalCdf } from "./distributions.js";
import { type SampleOptions, sortedSample } from "./sorted-sample.js";
import { SORTED_BLOCK, type SortedValues, sortedArray } from "./sorted-values.js";

/** Result of {@link ksTest}. */
export interface KsTestResult {
  /** D = sup |F_n(x) - F(x)| = max(D+, D-). */
  readonly stat: number;
  /** P(D_n >= stat) under the null hypothesis. */
  readonly p: number;
  /** Sample size. */
  readonly n: number;
}

/**
 * One-sample two-sided Kolmogorov–Smirnov test of `values` against the
 * continuous distribution with CDF `cdf` (default: standard normal).
 * D = max(D+, D-) with D+ = max_i(i/n - F(x_(i))) and D- = max_i(F(x_(i)) - (i-1)/n)
 * over the sorted sample (ties need no special care); the p-value is
 * {@link kolmogorovSf}(D, n), which matches `scipy.stats.kstest(values, cdf)`
 * (method "auto", i.e. exact) to about 1e-8 relative.
 *
 * Values outside the support are allowed (their CDF is 0 or 1); ±Infinity too.
 * Throws InsufficientDataError (an ArgumentError) for an empty sample, and
 * ArgumentError for NaN values (saying how many) and when `cdf` returns
 * something outside [0, 1]. Sorts a Float64Array copy:
 * O(n log n) time, 8n bytes; the p-value costs at most O(n) on top. With
 * `{ sorted: true }` the values must already ascend and are not sorted again.
 *
 * @example
 * ksTest(Float64Array.of(-1.2, -0.4, 0.1, 0.7, 1.5));
 * // { stat: 0.158036347776927, p: 0.9974716825802737, n: 5 }  (scipy.stats.kstest gives the same)
 */
export function ksTest(values: ArrayLike<number>, cdf: (x: number) => number = normalCdf, options: SampleOptions = {}): KsTestResult {
  const x = sortedSample(values, "ksTest", options);
  const stat = ksStatistic(sortedArray(x), cdf);
  return { stat, p: kolmogorovSf(stat, x.length), n: x.length };
}

/**
 * The KS statistic D = max(D+, D-) of a sorted, non-empty sample held
 * anywhere (in memory, or a file from the external sorter), read one block at
 * a time in one forward pass: what {@link ksTest} computes, bit for bit; its
 * p-value is kolmogorovSf(D, n). Throws ArgumentError when `cdf` returns
 * something outside [0, 1].
 *
 * @example
 * ksStatistic(sortedArray(Float64Array.of(-1.2, -0.4, 0.1, 0.7, 1.5)), normalCdf); // 0.158036347776927
 */
export function ksStatistic(sorted: SortedValues, cdf: (x: number) => number = normalCdf): number {
  const n = sorted.length;
  let dPlus = 0;
  let dMinus = 0;
  for (let i0 = 0; i0 < n; i0 += SORTED_BLOCK) {
    const x = sorted.read(i0, Math.min(SORTED_BLOCK, n - i0));
    for (let j = 0; j < x.length; j++) {
      const i = i0 + j;
      const f = cdf(x[j]!);
      if (!(f >= 0 && f <= 1)) {
        throw new ArgumentError(`ksTest: cdf(${x[j]}) returned ${f}; a CDF must return a number in [0, 1].`);
      }
      const above = (i + 1) / n - f;
      const below = f - i / n;
      if (above > dPlus) dPlus = above;
      if (below > dMinus) dMinus = below;
    }
  }
  return Math.max(dPlus, dMinus);
}

/**
 * Upper tail P(D_n >= d) of the two-sided one-sample Kolmogorov–Smirnov
 * statistic for sample size n, by the method choice of Simard & L'Ecuyer (2011),
 * "Computing the two-sided Kolmogorov–Smirnov distribution", J. Stat. Softw. 39(11),
 * as in scipy's `kstwo.sf`:
 * - d <= 1/n: Ruben & Gambino's closed form; d >= 1 - 1/n: 2(1 - d)^n;
 * - the tail (n d² > 4 for n <= 140, n d² >= 2.2 above, or d >= 0.5): twice the
 *   one-sided Smirnov tail (exact Birnbaum–Tingey sum, O(n)); the two one-sided
 *   events then overlap with probability about 2e^(-8 n d²), below 5e-8;
 * - otherwise the exact Durbin matrix of Marsaglia, Tsang & Wang (2003),
 *   "Evaluating Kolmogorov's distribution", J. Stat. Softw. 8(18), for n <= 140
 *   and, up to n = 100000, where n d^1.5 <= 1.4; else the Pelz–Good (1976)
 *   asymptotic expansion to O(n^-3/2).
 *
 * NaN d gives NaN. Throws ArgumentError unless n is a positive integer.
 *
 * @example
 * kolmogorovSf(0.2, 20); // 0.35272017362341634 (scipy.stats.kstwo.sf: 0.352720173623415)
 * kolmogorovSf(0.01, 100000); // 4.093278021287849e-9 (scipy: 4.093278023549254e-9)
 */
export function kolmogorovSf(d: number, n: number): number {
  if (!(Number.isInteger(n) && n >= 1)) throw new ArgumentError(`kolmogorovSf(d, n) needs a positive integer sample size n, got ${n}.`);
  if (d !== d) return NaN;
  if (d >= 1) return 0;
  if (d <= 0) return 1;
  const t = n * d;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    return clip(1 - rubenGambinoCdf(t, n));
  }
  if (t >= n - 1) return clip(2 * Math.pow(1 - d, n));
  if (d >= 0.5) return clip(2 * smirnovSf(d, n));
  const nd2 = t * d;
  if (n <= 140) return clip(nd2 <= 4 ? 1 - durbinCdf(d, n) : 2 * smirnovSf(d, n));
  if (nd2 >= 370) return 0;
  if (nd2 >= 2.2) return clip(2 * smirnovSf(d, n));
  if (n <= 100000 && n * d ** 1.5 <= 1.4) return clip(1 - durbinCdf(d, n));
  return clip(1 - pelzGoodCdf(d, n));
}

function clip(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** P(D_n <= d) = n!/n^n (2t - 1)^n for t = n d in [1/2, 1] (Ruben & Gambino 1982). */
function rubenGambinoCdf(t: number, n: number): number {
  let log = n * Math.log(2 * t - 1);
  for (let i = 1; i < n && log > -750; i++) log += Math.log(i / n);
  return Math.exp(log);
}

/**
 * One-sided Smirnov tail P(D+_n >= d), Birnbaum & Tingey (1951):
 * d Σ_{j=0}^{⌊n(1-d)⌋} C(n, j) (1 - d - j/n)^(n-j) (d + j/n)^(j-1).
 * Every term is positive, so summing in order loses nothing to cancellation.
 */
function smirnovSf(d: number, n: number): number {
  const nd = n * d;
  const last = Math.floor(n - nd);
  let logChoose = 0;
  let sum = 0;
  for (let j = 0; j <= last; j++) {
    const a = (n - j - nd) / n;
    if (a > 0) sum += Math.exp(logChoose + (n - j) * Math.log(a) + (j - 1) * Math.log((nd + j) / n));
    logChoose += Math.log((n - j) / (j + 1));
  }
  return d * sum;
}

const SCALE_EXP = 128;
const BIG = 2 ** SCALE_EXP;
const SMALL = 2 ** -SCALE_EXP;

/**
 * P(D_n <= d) by the Durbin matrix: the (k, k) entry of n!/n^n H^n, H of order
 * m = 2k - 1 with k = ceil(n d) (Marsaglia, Tsang & Wang 2003). Powers by
 * squaring, rescaled by 2^-128 as they grow: O(m³ log n).
 */
function durbinCdf(d: number, n: number): number {
  const nd = n * d;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  // First column v[j] = (1 - h^(j+1)) / (j+1)!, last row reversed v; w[j] = 1/j!.
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  v[m - 1] = (1 + Math.max(2 * h - 1, 0) ** m - 2 * h ** m) * fac;
  let base: Float64Array = new Float64Array(m * m);
  for (let c = 1; c < m; c++) for (let r = c - 1; r < m; r++) base[r * m + c] = w[r - c + 1]!;
  for (let r = 0; r < m; r++) base[r * m] = v[r]!;
  for (let c = 0; c < m; c++) base[(m - 1) * m + c] = v[m - 1 - c]!;

  const centre = (k - 1) * m + (k - 1);
  let power: Float64Array | undefined;
  let exp = 0;
  let baseExp = 0;
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) {
      power = power ? multiply(power, base, m) : base.slice();
      exp += baseExp;
      if (Math.abs(power[centre]!) > BIG) {
        scale(power, SMALL);
        exp += SCALE_EXP;
      }
    }
    if (e > 1) {
      base = multiply(base, base, m);
      baseExp *= 2;
      if (Math.abs(base[centre]!) > BIG) {
        scale(base, SMALL);
        baseExp += SCALE_EXP;
      }
    }
  }
  let p = power![centre]!;
  for (let i = 1; i <= n; i++) {
    p = (p * i) / n;
    if (p < SMALL) {
      p *= BIG;
      exp -= SCALE_EXP;
    }
  }
  return ldexp(p, exp);
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l]!;
      if (ail === 0) continue;
      for (let j = 0, bo = l * m, co = i * m; j < m; j++) c[co + j]! += ail * b[bo + j]!;
    }
  }
  return c;
}

function scale(a: Float64Array, f: number): void {
  for (let i = 0; i < a.length; i++) a[i]! *= f;
}

/** x · 2^e without overflow or underflow in the intermediate power. */
function ldexp(x: number, e: number): number {
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
  }
  return x * 2 ** e;
}

/**
 * P(D_n <= d) by the Pelz & Good (1976) expansion K0(z) + K1(z)/√n + K2(z)/n +
 * K3(z)/n^1.5, z = d√n, in the theta-function form that converges fast for small z
 * (as in scipy's `_kolmogn_PelzGood`).
 */
function pelzGoodCdf(d: number, n: number): number {
  const PI2 = Math.PI * Math.PI;
  const PI4 = PI2 * PI2;
  const PI6 = PI4 * PI2;
  const SQRT2PI = Math.sqrt(2 * Math.PI);
  const z = Math.sqrt(n) * d;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 0;
  const q = Math.exp(qlog);

  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z4 * z4;

  // Horner in q^(8k) over the odd integers m = 2k - 1: Σ c(m) q^(m²).
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k >= 1; k--) {
    const m2 = (2 * k - 1) ** 2;
    const qp = Math.pow(q, 8 * k);
    s0 = s0 * qp + 1;
    s1 = s1 * qp + k1a + k1b * m2;
    s2 = s2 * qp + k2a + k2b * m2 + k2c * m2 * m2;
    s3 = s3 * qp + k3a + k3b * m2 + k3c * m2 * m2 + k3d * m2 * m2 * m2;
  }
  const f = q * SQRT2PI;
  s0 *= f / z;
  s1 *= f / (6 * z4);
  s2 *= f / (72 * z6 * z);
  s3 *= f / (6480 * z6 * z4);

  // The terms over all integers k: K2 += (π² k²) q2^(k²), K3 += (3π² k² z² - π⁴ k⁴) q2^(k²).
  const q2 = Math.exp(-PI2 / 2 / z2);
  let extra2 = 0;
  let extra3 = 0;
  for (let k = maxk; k >= 1; k--) {
    const k2 = k * k;
    const qp = Math.pow(q2, k2);
    extra2 += k2 * qp;
    extra3 += (3 * z2 - PI2 * k2) * k2 * qp;
  }
  s2 += (extra2 * PI2 * SQRT2PI) / (-36 * z2 * z);
  s3 += (extra3 * PI2 * SQRT2PI) / (216 * z6);
  const rn = Math.sqrt(n);
  return s0 + s1 / rn + s2 / n + s3 / (n * rn);
}
