/**
 * Variability screening against a fitted error model. A light curve is
 * flagged variable when its chi-square about its own weighted mean, with the
 * model's errors sqrt((s e)^2 + a^2), is improbable for a constant source:
 * P(chi2_{n-1} > chi2) < pValue. The model is refitted without the flagged
 * light curves until the set stops changing, so variables do not inflate the
 * scale and floor they are judged by.
 *
 * Why not a plain reduced-chi-square threshold: with an error floor, bright and
 * long light curves of constant sources have large reduced chi-squares with the
 * *reported* errors, and a fixed threshold would remove exactly the light curves
 * that show the under-estimate. Under the model, a constant source is removed
 * with probability pValue whatever its length or brightness.
 */
import type { NumericArray } from "../frame/column.js";
import { ArgumentError } from "../frame/errors.js";
import { chiSquareSf } from "./distributions.js";
import { type ErrorModelFit, fitErrorModel } from "./error-model.js";
import { checkLightCurves, isUsableRow } from "./weighted-mean.js";

/**
 * Chi-square of each light curve about its weighted mean under the error model
 * sqrt((s e)^2 + a^2), and its degrees of freedom (usable points - 1; NaN chi2 below 2 points).
 *
 * @example
 * const { chi2, dof } = modelChi2(Int32Array.of(0, 3), Float64Array.of(1, 2, 4), Float64Array.of(1, 1, 2), 1, 0);
 * // chi2 [17/9], dof [2]
 */
export function modelChi2(offsets: Int32Array, flux: NumericArray, err: NumericArray, s: number, a: number): { chi2: Float64Array; dof: Int32Array } {
  checkLightCurves("modelChi2", offsets, flux, err);
  const m = offsets.length - 1;
  const chi2 = new Float64Array(m);
  const dof = new Int32Array(m);
  const s2 = s * s;
  const a2 = a * a;
  for (let i = 0; i < m; i++) {
    let W = 0;
    let Wf = 0;
    let n = 0;
    for (let r = offsets[i]!; r < offsets[i + 1]!; r++) {
      const f = flux[r]!;
      const e = err[r]!;
      if (!isUsableRow(f, e)) continue;
      const w = 1 / (s2 * e * e + a2);
      W += w;
      Wf += w * f;
      n++;
    }
    const mu = Wf / W;
    let c = 0;
    for (let r = offsets[i]!; r < offsets[i + 1]!; r++) {
      const f = flux[r]!;
      const e = err[r]!;
      if (!isUsableRow(f, e)) continue;
      const d = f - mu;
      c += (d * d) / (s2 * e * e + a2);
    }
    chi2[i] = n >= 2 ? c : NaN;
    dof[i] = Math.max(n - 1, 0);
  }
  return { chi2, dof };
}

export interface ScreenOptions {
  /** A light curve with P(chi2 > observed) below this is variable (default 1e-6). */
  readonly pValue?: number;
  /** Refit rounds at most (default 10). */
  readonly maxRounds?: number;
  /** Fit the floor as well as the scale (default true). */
  readonly fitFloor?: boolean;
}

export interface ScreenResult {
  /** 1 for light curves kept (consistent with the model), 0 for variables. */
  readonly keep: Uint8Array;
  readonly variables: number;
  /** The error model fitted to the kept light curves. */
  readonly fit: ErrorModelFit;
  readonly rounds: number;
}

/** The light curves of `keep` packed back to back (offsets from 0). */
function pack(offsets: Int32Array, flux: NumericArray, err: NumericArray, keep: Uint8Array): { offsets: Int32Array; flux: Float64Array; err: Float64Array } {
  let nLc = 0;
  let rows = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] === 1) {
      nLc++;
      rows += offsets[i + 1]! - offsets[i]!;
    }
  }
  const o = new Int32Array(nLc + 1);
  const f = new Float64Array(rows);
  const e = new Float64Array(rows);
  let k = 0;
  let r = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] !== 1) continue;
    for (let q = offsets[i]!; q < offsets[i + 1]!; q++, r++) {
      f[r] = flux[q]!;
      e[r] = err[q]!;
    }
    o[++k] = r;
  }
  return { offsets: o, flux: f, err: e };
}

/**
 * Screen variable light curves: fit the error model, flag light curves whose
 * model chi-square has p < pValue, refit without them, until no flag changes.
 * A flagged light curve may come back if the refitted model explains it. Throws
 * what fitErrorModel throws when too few light curves remain.
 *
 * @example
 * const r = screenVariables(Int32Array.of(0, 3, 6, 9), Float64Array.of(10, 11, 9, 5, 6, 4, 0, 90, -80), Float64Array.of(1, 1, 1, 1, 1, 1, 1, 1, 1), { fitFloor: false });
 * r.keep; // [1, 1, 0]: the third light curve swings by 90 sigma
 */
export function screenVariables(offsets: Int32Array, flux: NumericArray, err: NumericArray, options: ScreenOptions = {}): ScreenResult {
  const pValue = options.pValue ?? 1e-6;
  if (!(pValue > 0 && pValue < 1)) throw new ArgumentError(`screenVariables: pValue must be in (0, 1), got ${pValue}.`);
  const maxRounds = options.maxRounds ?? 10;
  const fitOptions = { fitFloor: options.fitFloor ?? true };
  const m = offsets.length - 1;
  let keep = new Uint8Array(m).fill(1);
  let fit = fitErrorModel(offsets, flux, err, fitOptions);
  let rounds = 0;
  while (rounds < maxRounds) {
    rounds++;
    const { chi2, dof } = modelChi2(offsets, flux, err, fit.scale, fit.floor);
    const next = new Uint8Array(m);
    let changed = false;
    for (let i = 0; i < m; i++) {
      next[i] = dof[i]! >= 1 && chiSquareSf(chi2[i]!, dof[i]!) < pValue ? 0 : 1;
      if (next[i] !== keep[i]) changed = true;
    }
    keep = next;
    if (!changed) break;
    const packed = pack(offsets, flux, err, keep);
    fit = fitErrorModel(packed.offsets, packed.flux, packed.err, { ...fitOptions, start: fit });
  }
  let variables = 0;
  for (let i = 0; i < m; i++) if (keep[i] === 0) variables++;
  return { keep, variables, fit, rounds };
}
