/**
 * Inverse-variance weighted mean of each light curve, and the input checks and
 * usable-row rule shared by the per-light-curve kernels (pulls, whitening, chi-square).
 *
 * Layout: `offsets` (length nLightCurves + 1, light curve i = rows
 * offsets[i]..offsets[i+1]) over flat `flux`/`err` arrays, all light curves back
 * to back. Float32 input is read in place and every value is converted to float64
 * before any arithmetic.
 */
import type { NumericArray } from "../frame/column.js";
import { ArgumentError } from "../frame/errors.js";

/**
 * A row is usable when its flux is finite and its error is finite and > 0;
 * every kernel skips the other rows (NaN flux, zero, negative, infinite or NaN error).
 *
 * @example
 * isUsableRow(12.5, 0.5); // true
 * isUsableRow(NaN, 0.5); // false
 * isUsableRow(12.5, 0); // false
 */
export function isUsableRow(f: number, e: number): boolean {
  return f - f === 0 && e > 0 && e < Infinity;
}

/**
 * Check the shared layout of a per-light-curve kernel's inputs: `offsets` has at
 * least one entry, never decreases, starts at >= 0 and ends within `flux`;
 * `flux` and `err` have the same length; `means`, when given, has one value per
 * light curve. Throws an `ArgumentError` naming `fn` and the first problem found. O(nLightCurves).
 *
 * @example
 * checkLightCurves("myKernel", Int32Array.of(0, 2), Float64Array.of(1, 2), Float64Array.of(1, 1)); // passes
 */
export function checkLightCurves(fn: string, offsets: Int32Array, flux: NumericArray, err: NumericArray, means?: Float64Array): void {
  if (offsets.length < 1) throw new ArgumentError(`${fn}: offsets must have nLightCurves + 1 >= 1 entries, got an empty array.`);
  if (flux.length !== err.length) throw new ArgumentError(`${fn}: flux has ${flux.length} values but err has ${err.length}; they must be the same rows.`);
  if (offsets[0]! < 0) throw new ArgumentError(`${fn}: offsets[0] is ${offsets[0]}, must be >= 0.`);
  for (let i = 1; i < offsets.length; i++) {
    if (offsets[i]! < offsets[i - 1]!) throw new ArgumentError(`${fn}: offsets decrease at light curve ${i - 1} (${offsets[i - 1]} > ${offsets[i]}).`);
  }
  const end = offsets[offsets.length - 1]!;
  if (end > flux.length) throw new ArgumentError(`${fn}: offsets end at row ${end} but flux and err have only ${flux.length} rows.`);
  if (means !== undefined && means.length !== offsets.length - 1) {
    throw new ArgumentError(`${fn}: means has ${means.length} values, one per light curve needs ${offsets.length - 1} (pass weightedMeans(...).mean).`);
  }
}

/**
 * The weighted sums of one light curve, rows `start..end` of `flux`/`err`:
 * writes Σ f/e² to `out[0]` and W = Σ 1/e² to `out[1]` and returns the number of
 * usable rows (see {@link isUsableRow}; the others are skipped, and with none the
 * sums are 0). Computed exactly as `f / (e * e)` and `1 / (e * e)` in float64,
 * summed in row order, so every kernel gets the same mean bit for bit as
 * {@link weightedMeans} (and its SQL oracle). `out` is the caller's scratch
 * (length >= 2), reused across light curves so nothing is allocated. O(end - start).
 *
 * @example
 * const sums = new Float64Array(2);
 * weightedSums(Float64Array.of(1, 2, NaN, 4), Float64Array.of(1, 1, 1, 2), 0, 4, sums); // 3 (usable rows)
 * Array.from(sums); // [4, 2.25] (1 + 2 + 4/4, 1 + 1 + 1/4)
 */
export function weightedSums(flux: NumericArray, err: NumericArray, start: number, end: number, out: Float64Array): number {
  let sfw = 0;
  let sw = 0;
  let k = 0;
  for (let r = start; r < end; r++) {
    const f = flux[r]!;
    const e = err[r]!;
    if (!isUsableRow(f, e)) continue;
    sfw += f / (e * e);
    sw += 1 / (e * e);
    k++;
  }
  out[0] = sfw;
  out[1] = sw;
  return k;
}

/** Per-light-curve results of {@link weightedMeans}. */
export interface WeightedMeans {
  /** Σ(f/e²) / Σ(1/e²); NaN when the light curve has no usable row. */
  readonly mean: Float64Array;
  /** 1/sqrt(W), the standard error of the mean for correct errors; NaN when no usable row. */
  readonly meanErr: Float64Array;
  /** W = Σ 1/e² over usable rows (0 when none). */
  readonly weightSum: Float64Array;
  /** Number of usable rows. */
  readonly n: Int32Array;
}

/**
 * Inverse-variance weighted mean of each light curve (Bevington & Robinson,
 * "Data Reduction and Error Analysis", 3rd ed., §4.1, non-uniform uncertainties):
 * W = Σ 1/e², mean = Σ(f/e²) / W, meanErr = 1/sqrt(W), n = usable rows.
 *
 * For agreement bit for bit with an SQL oracle the mean is computed exactly as
 * `sum(f / (e*e)) / sum(1 / (e*e))`, f and e converted to float64 first, summed in
 * row order. Unusable rows (see {@link isUsableRow}) are skipped; a light curve
 * with none gets mean = meanErr = NaN, weightSum = 0, n = 0. Errors outside about
 * 1e-154..1e154 overflow e² in float64 (not an issue for float32 input). O(rows).
 *
 * @example
 * const { mean, meanErr, weightSum, n } = weightedMeans(Int32Array.of(0, 3, 3), Float64Array.of(1, 2, 4), Float64Array.of(1, 1, 2));
 * mean[0]; // 1.7777777777777777 (16/9)
 * meanErr[0]; // 0.6666666666666666 (1/sqrt(2.25))
 * weightSum[0]; // 2.25
 * n[0]; // 3
 * mean[1]; // NaN (empty light curve)
 */
export function weightedMeans(offsets: Int32Array, flux: NumericArray, err: NumericArray): WeightedMeans {
  checkLightCurves("weightedMeans", offsets, flux, err);
  const m = offsets.length - 1;
  const mean = new Float64Array(m);
  const meanErr = new Float64Array(m);
  const weightSum = new Float64Array(m);
  const n = new Int32Array(m);
  const sums = new Float64Array(2);
  for (let i = 0; i < m; i++) {
    const k = weightedSums(flux, err, offsets[i]!, offsets[i + 1]!, sums);
    const sw = sums[1]!;
    mean[i] = k > 0 ? sums[0]! / sw : NaN;
    meanErr[i] = k > 0 ? 1 / Math.sqrt(sw) : NaN;
    weightSum[i] = sw;
    n[i] = k;
  }
  return { mean, meanErr, weightSum, n };
}
