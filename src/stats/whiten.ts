/**
 * Whitened residuals: each light curve of n usable points with an unknown
 * constant mean becomes n − 1 independent N(0, 1) values when its errors are
 * right, by one Householder reflection per light curve (no matrix, O(n)).
 */
import type { NumericArray } from "../frame/column.js";
import { checkLightCurves, isUsableRow, weightedSums } from "./weighted-mean.js";

/** Output of {@link whitenedResiduals}: light curve i's values are `values[offsets[i]..offsets[i+1])`. */
export interface WhitenedResiduals {
  readonly values: Float64Array;
  /** nLightCurves + 1 entries, starting at 0; light curve i has max(n_i − 1, 0) values. */
  readonly offsets: Int32Array;
}

/**
 * Householder whitening, n − 1 outputs per light curve of n usable rows.
 *
 * Model: z_i = f_i/e_i = μ u_i + ε_i with u_i = 1/e_i and ε ~ N(0, I) when the
 * errors are correct. The Householder reflection H = I − 2vvᵀ/(vᵀv),
 * v = û + sign(û₁)e₁ with û = u/|u| (Golub & Van Loan, "Matrix Computations",
 * 4th ed., §5.1.2; here û₁ > 0, so v₁ >= 1 and nothing cancels), maps û onto
 * −e₁, so components 2..n of Hz are free of μ and, H being orthogonal, are
 * n − 1 independent N(0, 1) values. They are computed from the centred residuals
 * r_i = (f_i − μ̂)/e_i (μ̂ the weighted mean; Hz and Hr agree in components 2..n)
 * as y_k = r_k − û_k (û·r + r₁)/(1 + û₁), which keeps full precision for bright
 * sources. Their sum of squares is the light curve's chi-square Σ r_i².
 *
 * LINCC Frameworks' uncle-val (github.com/lincc-frameworks/uncle-val,
 * `uncle_val/whitening.py`) whitens the same residuals through an eigen-decomposition
 * of their covariance (O(n³)); any orthonormal basis of the complement of u gives
 * the same distribution and the same sum of squares, so the two differ only by a
 * rotation within each light curve.
 *
 * Unusable rows (see `isUsableRow`) are skipped; "first" means the first usable
 * row. A light curve with fewer than two usable rows contributes no values
 * (NaN input never reaches the output). Value k (from 0) of a light curve is
 * component k + 2 of Hr: it follows the order of the usable rows from the second
 * on, but mixes all of them. O(rows); allocates only the two output arrays (and a two-number scratch).
 *
 * @example
 * const w = whitenedResiduals(Int32Array.of(0, 2, 5), Float64Array.of(3, 7, 1, 2, 4), Float64Array.of(3, 4, 1, 1, 2));
 * w.offsets; // Int32Array [0, 1, 3]
 * w.values[0]; // 0.8 (= (7 - 3)/sqrt(3² + 4²), up to sign)
 */
export function whitenedResiduals(offsets: Int32Array, flux: NumericArray, err: NumericArray): WhitenedResiduals {
  checkLightCurves("whitenedResiduals", offsets, flux, err);
  const m = offsets.length - 1;
  const outOffsets = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) {
    let k = 0;
    for (let r = offsets[i]!, end = offsets[i + 1]!; r < end; r++) if (isUsableRow(flux[r]!, err[r]!)) k++;
    outOffsets[i + 1] = outOffsets[i]! + Math.max(k - 1, 0);
  }
  const values = new Float64Array(outOffsets[m]!);
  const sums = new Float64Array(2);
  for (let i = 0; i < m; i++) {
    let o = outOffsets[i]!;
    if (outOffsets[i + 1] === o) continue;
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    // Pass 1: weighted mean, W, first usable row (there are at least two).
    weightedSums(flux, err, start, end, sums);
    const sw = sums[1]!;
    const mean = sums[0]! / sw;
    let first = start;
    while (!isUsableRow(flux[first]!, err[first]!)) first++;
    const norm = Math.sqrt(sw);
    // Pass 2: û·r (zero but for rounding; kept so H is applied exactly).
    let ur = 0;
    for (let r = start; r < end; r++) {
      const f = flux[r]!;
      const e = err[r]!;
      if (isUsableRow(f, e)) ur += ((f - mean) / e) * (1 / e / norm);
    }
    const e1 = err[first]!;
    const u1 = 1 / e1 / norm;
    const c = (ur + (flux[first]! - mean) / e1) / (1 + u1);
    // Pass 3: components 2..n of H r.
    for (let r = first + 1; r < end; r++) {
      const f = flux[r]!;
      const e = err[r]!;
      if (isUsableRow(f, e)) values[o++] = (f - mean) / e - (1 / e / norm) * c;
    }
  }
  return { values, offsets: outOffsets };
}
