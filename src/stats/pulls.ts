/**
 * Pulls: each observation's deviation from its light curve's weighted mean in
 * units of its error, one value per row. The naive pull is the DP1 recipe's; the
 * corrected pull divides by the deviation's actual standard deviation, so it has
 * unit variance for correct errors however short the light curve.
 */
import type { NumericArray } from "../frame/column.js";
import { checkLightCurves, isUsableRow, weightedMeans, weightedSums } from "./weighted-mean.js";

/**
 * Naive pull (f − mean)/e of every row, with mean the light curve's inverse-variance
 * weighted mean (pass `weightedMeans(...).mean` as `means` to reuse it) — the
 * definition of the Rubin DP1 flux-error validation recipe. Computed in float64
 * exactly as `(f - mean) / e`.
 *
 * For correct Gaussian errors E[pull²] = 1 − 1/(W e²) < 1, since f and its own mean
 * are correlated (W = Σ 1/e² of the light curve): the naive pull distribution is
 * too narrow for short light curves; see {@link correctedPulls}.
 *
 * Output has one value per row of `flux` (same indexing); unusable rows, rows of a
 * light curve without a usable mean, and rows outside every light curve are NaN. O(rows).
 *
 * @example
 * naivePulls(Int32Array.of(0, 3), Float64Array.of(1, 2, 4), Float64Array.of(1, 1, 2));
 * // Float64Array [-0.7777777777777777, 0.22222222222222232, 1.1111111111111112] (-7/9, 2/9, 10/9)
 */
export function naivePulls(offsets: Int32Array, flux: NumericArray, err: NumericArray, means?: Float64Array): Float64Array {
  checkLightCurves("naivePulls", offsets, flux, err, means);
  const mu = means ?? weightedMeans(offsets, flux, err).mean;
  const out = new Float64Array(flux.length).fill(NaN);
  for (let i = 0, m = offsets.length - 1; i < m; i++) {
    const mean = mu[i]!;
    for (let r = offsets[i]!, end = offsets[i + 1]!; r < end; r++) {
      const f = flux[r]!;
      const e = err[r]!;
      if (isUsableRow(f, e)) out[r] = (f - mean) / e;
    }
  }
  return out;
}

/**
 * Corrected pull (f − mean)/sqrt(e² − 1/W) of every row, W = Σ 1/e² over the
 * light curve's usable rows. Since Cov(f_i, mean) = 1/W, Var(f_i − mean) = e_i² − 1/W
 * exactly, so for correct Gaussian errors every corrected pull is N(0, 1) (the pull
 * with the "unbiased" denominator of Demortier & Lyons, "Everything you always
 * wanted to know about pulls", CDF/ANAL/PUBLIC/5776, 2002).
 *
 * `means`, when given, must be the weighted means (e.g. `weightedMeans(...).mean`);
 * W is recomputed either way. Computed as `(f - mean) / Math.sqrt(e * e - 1 / W)`.
 * A light curve with one usable row gives NaN (the deviation is identically 0 and
 * so is its variance: 0/0), as do unusable rows and rows outside every light curve.
 * When one error is ~1e8 times smaller than all others of its light curve, e² − 1/W
 * loses all its digits to rounding; a non-positive result gives NaN. O(rows).
 *
 * @example
 * correctedPulls(Int32Array.of(0, 3), Float64Array.of(1, 2, 4), Float64Array.of(1, 1, 2));
 * // Float64Array [-1.0434983894999017, 0.2981423969999721, 1.1785113019775793]
 * // (-7/(3√5), 2/(3√5), 5/(3√2))
 */
export function correctedPulls(offsets: Int32Array, flux: NumericArray, err: NumericArray, means?: Float64Array): Float64Array {
  checkLightCurves("correctedPulls", offsets, flux, err, means);
  const out = new Float64Array(flux.length).fill(NaN);
  const sums = new Float64Array(2);
  for (let i = 0, m = offsets.length - 1; i < m; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (weightedSums(flux, err, start, end, sums) < 2) continue;
    const sw = sums[1]!;
    const mean = means === undefined ? sums[0]! / sw : means[i]!;
    const varMean = 1 / sw;
    for (let r = start; r < end; r++) {
      const f = flux[r]!;
      const e = err[r]!;
      if (!isUsableRow(f, e)) continue;
      const v = e * e - varMean;
      if (v > 0) out[r] = (f - mean) / Math.sqrt(v);
    }
  }
  return out;
}
