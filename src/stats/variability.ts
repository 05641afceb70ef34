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
import { type ErrorModelFit, type ErrorModelOptions, fitErrorModel } from "./error-model.js";
import { packLightCurves } from "./pack-light-curves.js";
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

/** Options of {@link screenVariables}. */
export interface ScreenOptions {
  /**
   * A light curve whose model chi-square has P(χ²_{n-1} > chi2) below this is
   * flagged variable; in (0, 1), default 1e-6. Under the model this is the
   * fraction of constant sources removed.
   */
  readonly pValue?: number;
  /**
   * Flag-and-refit rounds at most, an integer >= 1 (default 10); when they run
   * out while flags are still changing the result has `converged: false`.
   */
  readonly maxRounds?: number;
  /** Fit the additive floor as well as the scale (default true); false fits the scale with the floor fixed at 0. */
  readonly fitFloor?: boolean;
}

/** Result of {@link screenVariables}. */
export interface ScreenResult {
  /** Per input light curve, 1 when kept (consistent with the final model), 0 when flagged variable. */
  readonly keep: Uint8Array;
  /** Light curves flagged variable (the zeros of `keep`). */
  readonly variables: number;
  /** The error model fitted to the kept light curves (those with keep = 1). */
  readonly fit: ErrorModelFit;
  /** Flag rounds run, 1..maxRounds (each flags against the current fit; every one that changed a flag is followed by a refit). */
  readonly rounds: number;
  /**
   * True when the last round changed no flag, so `keep` is exactly the set the
   * final `fit` accepts; false when `maxRounds` ran out while light curves were
   * still being flagged or restored (`fit` is still the fit to `keep`, but
   * flagging against it would change `keep` again).
   */
  readonly converged: boolean;
}

/**
 * Screen variable light curves: fit the error model ({@link fitErrorModel}),
 * flag light curves whose model chi-square ({@link modelChi2}) has
 * p = P(χ²_{n-1} > chi2) < pValue, refit to the others (warm-started from the
 * previous fit), and repeat until no flag changes or `maxRounds` runs out
 * (`converged: false`). A flagged light curve comes back if the refitted model
 * explains it. Light curves with fewer than 2 usable points are never flagged.
 * Each round is O(N) for the chi-squares plus a fit, and a copy of the kept rows
 * in the input's array types (float32 stays float32).
 *
 * Throws InsufficientDataError (an ArgumentError, from fitErrorModel) when too
 * few light curves or residual degrees of freedom remain for the fit, at the
 * start or after flagging; ArgumentError for a pValue outside (0, 1), a
 * maxRounds that is not an integer >= 1, a fitFloor that is not a boolean, and
 * malformed input.
 *
 * @example
 * const offsets = Int32Array.of(0, 3, 6, 9, 12, 15, 18);
 * const flux = Float64Array.of(10, 11, 9, 5, 6, 4, 20, 21, 19, 0, 1, -1, 7, 8, 6, 0, 90, -80);
 * const r = screenVariables(offsets, flux, new Float64Array(18).fill(1), { fitFloor: false, pValue: 0.01 });
 * r.keep; // Uint8Array [1, 1, 1, 1, 1, 0]: the last light curve swings by 90 sigma
 * r.fit.scale; // 0.99999999999... (refitted without it: each constant light curve has χ² = 2 on 2 dof)
 * r.converged; // true, after 2 rounds
 */
export function screenVariables(offsets: Int32Array, flux: NumericArray, err: NumericArray, options: ScreenOptions = {}): ScreenResult {
  return screenVariablesOver(
    {
      lightCurves: offsets.length - 1,
      fit(keep, o) {
        if (keep === undefined) return fitErrorModel(offsets, flux, err, o);
        const packed = packLightCurves(offsets, flux, err, keep);
        return fitErrorModel(packed.offsets, packed.flux, packed.err, o);
      },
      modelChi2(s, a, visit) {
        const { chi2, dof } = modelChi2(offsets, flux, err, s, a);
        visit(0, chi2, dof);
      },
    },
    options,
  );
}

/**
 * Light curves to screen, held anywhere (in memory, or one catalog partition
 * at a time): what {@link screenVariablesOver} needs of them.
 */
export interface ScreenData {
  /** How many light curves (the keep masks have one entry each). */
  readonly lightCurves: number;
  /** The error model fitted to the light curves with keep[i] === 1 (all of them when `keep` is undefined), as fitErrorModel fits. */
  fit(keep: Uint8Array | undefined, options: ErrorModelOptions): ErrorModelFit;
  /** Every light curve's {@link modelChi2} at (s, a), handed to `visit` in runs: light curves first, first + 1, ... */
  modelChi2(s: number, a: number, visit: (first: number, chi2: Float64Array, dof: Int32Array) => void): void;
}

/**
 * {@link screenVariables} over light curves held anywhere: the same rounds,
 * flags and fits, with the data reached through `data` (a catalog passes its
 * partitions, read one at a time). Holds one byte per light curve for each of
 * two keep masks.
 *
 * @example
 * const offsets = Int32Array.of(0, 3, 6, 9, 12, 15, 18);
 * const flux = Float64Array.of(10, 11, 9, 5, 6, 4, 20, 21, 19, 0, 1, -1, 7, 8, 6, 0, 90, -80);
 * const err = new Float64Array(18).fill(1);
 * const data: ScreenData = {
 *   lightCurves: 6,
 *   fit: (keep, o) => {
 *     const p = packLightCurves(offsets, flux, err, keep ?? new Uint8Array(6).fill(1));
 *     return fitErrorModel(p.offsets, p.flux, p.err, o);
 *   },
 *   modelChi2: (s, a, visit) => {
 *     const r = modelChi2(offsets, flux, err, s, a);
 *     visit(0, r.chi2, r.dof);
 *   },
 * };
 * screenVariablesOver(data, { fitFloor: false, pValue: 0.01 }).keep; // Uint8Array [1, 1, 1, 1, 1, 0]
 */
export function screenVariablesOver(data: ScreenData, options: ScreenOptions = {}): ScreenResult {
  const pValue = options.pValue ?? 1e-6;
  if (!(pValue > 0 && pValue < 1)) throw new ArgumentError(`screenVariables: pValue must be in (0, 1), got ${pValue}.`);
  const maxRounds = options.maxRounds ?? 10;
  if (!(Number.isInteger(maxRounds) && maxRounds >= 1)) {
    throw new ArgumentError(`screenVariables: maxRounds must be an integer >= 1, got ${maxRounds}.`);
  }
  const fitFloor = options.fitFloor ?? true;
  if (typeof fitFloor !== "boolean") throw new ArgumentError(`screenVariables: fitFloor must be true or false, got ${String(fitFloor)}.`);
  const m = data.lightCurves;
  let keep = new Uint8Array(m).fill(1);
  let fit = data.fit(undefined, { fitFloor });
  let rounds = 0;
  let converged = false;
  while (rounds < maxRounds) {
    rounds++;
    const next = new Uint8Array(m);
    let changed = false;
    data.modelChi2(fit.scale, fit.floor, (first, chi2, dof) => {
      for (let j = 0; j < chi2.length; j++) {
        const i = first + j;
        next[i] = dof[j]! >= 1 && chiSquareSf(chi2[j]!, dof[j]!) < pValue ? 0 : 1;
        if (next[i] !== keep[i]) changed = true;
      }
    });
    keep = next;
    if (!changed) {
      converged = true;
      break;
    }
    fit = data.fit(keep, { fitFloor, start: fit });
  }
  let variables = 0;
  for (let i = 0; i < m; i++) if (keep[i] === 0) variables++;
  return { keep, variables, fit, rounds, converged };
}
