/**
 * Reduced chi-square of each light curve about its weighted mean, the classic
 * per-object check of flux errors (≈ 1 for a constant source with correct errors),
 * and its upper-tail probability.
 */
import type { NumericArray } from "../frame/column.js";
import { chiSquareSf } from "./distributions.js";
import { checkLightCurves, isUsableRow, weightedMeans } from "./weighted-mean.js";

/**
 * Reduced chi-square Σ((f − mean)/e)² / (n − 1) of each light curve, n its usable
 * rows and mean its inverse-variance weighted mean (Bevington & Robinson, "Data
 * Reduction and Error Analysis", 3rd ed., §11.1: one degree of freedom goes to the
 * fitted mean). Pass `weightedMeans(...).mean` as `means` to reuse it; the n − 1
 * degrees of freedom assume these are the weighted means of the same rows.
 *
 * For a constant source with correct Gaussian errors, (n − 1)·χ²_red follows a
 * chi-square law with n − 1 degrees of freedom (see {@link chi2Pvalue}). Unusable
 * rows (see `isUsableRow`) are skipped; fewer than two usable rows gives NaN. O(rows).
 *
 * @example
 * reducedChi2(Int32Array.of(0, 3, 4), Float64Array.of(1, 2, 4, 5), Float64Array.of(1, 1, 2, 1));
 * // Float64Array [0.9444444444444444, NaN] (17/18; one point has no degree of freedom)
 */
export function reducedChi2(offsets: Int32Array, flux: NumericArray, err: NumericArray, means?: Float64Array): Float64Array {
  checkLightCurves("reducedChi2", offsets, flux, err, means);
  const mu = means ?? weightedMeans(offsets, flux, err).mean;
  const m = offsets.length - 1;
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const mean = mu[i]!;
    let s = 0;
    let k = 0;
    for (let r = offsets[i]!, end = offsets[i + 1]!; r < end; r++) {
      const f = flux[r]!;
      const e = err[r]!;
      if (!isUsableRow(f, e)) continue;
      const p = (f - mean) / e;
      s += p * p;
      k++;
    }
    out[i] = k >= 2 ? s / (k - 1) : NaN;
  }
  return out;
}

/**
 * Upper-tail probability P(X > chi2) of a chi-square law with `dof` degrees of
 * freedom: the p-value of a (not reduced) chi-square, e.g. `(n − 1) * reducedChi2`
 * with dof = n − 1. NaN when `chi2` is NaN or `dof` is not > 0 (so a light curve
 * with fewer than two points gives NaN rather than throwing).
 *
 * @example
 * chi2Pvalue(3.841458820694124, 1); // 0.05
 * chi2Pvalue(17 / 9, 2); // 0.3888955639892228 (exp(-17/18))
 */
export function chi2Pvalue(chi2: number, dof: number): number {
  if (chi2 !== chi2 || !(dof > 0)) return NaN;
  return chiSquareSf(chi2, dof);
}
