/**
 * Error-model fit: per group of light curves, a scale `s` and an additive floor
 * `a` (nJy) such that the true scatter of an observation with reported error e
 * is sqrt((s e)^2 + a^2).
 *
 * Model: light curve j has an unknown constant flux μ_j and
 * f_i = μ_j + N(0, σ_i^2), σ_i^2 = s^2 e_i^2 + a^2. The μ_j are nuisance
 * parameters, one per (short) light curve, so the fit maximises the restricted
 * (REML) likelihood, in which each μ_j is integrated out (Patterson & Thompson
 * 1971, Biometrika 58, 545; Harville 1977, JASA 72, 320). Plugging in the
 * weighted mean instead (maximum likelihood) biases s^2 low by about (1 - 1/n)
 * for light curves of n points.
 *
 * The work is split by job: error-model-likelihood.ts (the likelihood and its
 * derivatives, one pass), error-model-newton.ts (the optimiser) and
 * error-model-uncertainty.ts (errors from the observed information); this
 * module checks the input and options, picks the start and assembles the fit.
 */
import type { NumericArray } from "../frame/column.js";
import { ArgumentError, InsufficientDataError } from "../frame/errors.js";
import { type ErrorModelPass, type ErrorModelUsable, checkErrorModelInput, errorModelPass } from "./error-model-likelihood.js";
import { maximiseErrorModel } from "./error-model-newton.js";
import { errorModelUncertainty } from "./error-model-uncertainty.js";

export { type ErrorModelPass, type ErrorModelUsable, errorModelLogLikelihood } from "./error-model-likelihood.js";

/** Result of {@link fitErrorModel}. */
export interface ErrorModelFit {
  /** Fitted scale s (> 0). */
  readonly scale: number;
  /** Standard error of s from the observed information. */
  readonly scaleErr: number;
  /** Fitted (or, with `fitFloor: false`, fixed) floor a >= 0, nJy. */
  readonly floor: number;
  /**
   * Standard error of a from the observed information; at the boundary a = 0 a
   * one-sided value (see {@link fitErrorModel}); 0 when the floor is fixed.
   */
  readonly floorErr: number;
  /** Correlation of the s and a estimates; 0 at the boundary or when a is fixed. */
  readonly correlation: number;
  /** Restricted log-likelihood at the fit (see {@link errorModelLogLikelihood}). */
  readonly logLikelihood: number;
  /** Light curves with >= 2 usable points (the others carry no information and are skipped). */
  readonly nLightCurves: number;
  /** Usable points in those light curves. */
  readonly nPoints: number;
  /** Newton iterations taken. */
  readonly iterations: number;
  /** False when the optimiser stopped (iteration limit, failed line search) before converging. */
  readonly converged: boolean;
  /** True when the fitted floor sits on its constraint a = 0 (always false for a fixed floor). */
  readonly atBoundary: boolean;
}

/** Options of {@link fitErrorModel}. */
export interface ErrorModelOptions {
  /** Fit the floor a (default true); false fits s alone with a fixed at `floor`. */
  readonly fitFloor?: boolean;
  /** The fixed floor a (nJy) when `fitFloor` is false; default 0. */
  readonly floor?: number;
  /** Newton iterations before giving up with `converged: false`; default 50. */
  readonly maxIterations?: number;
  /** Where to start, e.g. the fit of a slightly different set of light curves (a warm start converges in fewer passes). */
  readonly start?: { readonly scale: number; readonly floor: number };
}

/**
 * Fit the error model σ² = (s e)² + a² to groups of constant light curves by
 * maximising the restricted log-likelihood ({@link errorModelLogLikelihood})
 * over s > 0 and a >= 0 (or s alone with `fitFloor: false`).
 *
 * Algorithm ({@link maximiseErrorModel}): projected Newton in (log s², a²) with the analytic gradient and
 * Hessian, Levenberg–Marquardt damping where the Hessian is not negative
 * definite, and a backtracking (Armijo) line search; the bound a² >= 0 is an
 * active constraint when the gradient pushes against it. It starts at a = 0 (or
 * the fixed floor) with s² = χ²/(points − light curves) at s = 1, the exact
 * solution when a = 0, and stops when the full Newton step is below
 * 1e-10 (in log s², and in a² relative to a² + a typical s²e²). Each iteration
 * is one O(N) pass over the typed arrays without allocation, plus one per line-search halving
 * (rare); a fit typically takes 4–10 iterations, 2 passes more to validate and start.
 *
 * Uncertainties ({@link errorModelUncertainty}): the inverse of the observed information (minus the Hessian of
 * the restricted log-likelihood in (s, a)) at the maximum. At the boundary
 * a = 0 (`atBoundary`), `scaleErr` is the marginal error of s from the
 * information in (s², a²) (a could move off zero, and s trades off against it),
 * and `floorErr` is one-sided: the a at
 * which the profile log-likelihood, modelled as quadratic in a², has dropped by
 * ½ (≈ 1/sqrt(-2 ∂ℓ/∂a²) when that slope dominates). Near the boundary the
 * Gaussian errors are unreliable; plot the profile with errorModelLogLikelihood.
 *
 * Usable points have a finite flux and 0 < err < ∞; light curves with fewer
 * than 2 usable points are skipped. Throws InsufficientDataError (an
 * ArgumentError) for fewer than 2 usable light curves or fewer residual degrees
 * of freedom (points minus light curves) than parameters + 1, and ArgumentError
 * for bad options and malformed input (offsets, lengths). When the optimiser stops
 * early (iteration limit, no ascent possible) or ends where the information
 * matrix is singular (e.g. all errors equal, so that s and a are not separately
 * identifiable) it returns the best point found with `converged: false` instead
 * of throwing; its errors may then be NaN.
 *
 * @example
 * const offsets = Int32Array.of(0, 3, 6, 10);
 * const flux = Float64Array.of(10, 13, 11, 20, 24, 19, 5, 3, 8, 4);
 * const err = Float64Array.of(1, 1, 2, 1, 2, 2, 1, 3, 1, 2);
 * const fit = fitErrorModel(offsets, flux, err, { fitFloor: false });
 * fit.scale; // 1.484144334994468 = sqrt(Σ (f - μ̂)²/e² / Σ (n - 1))
 * fit.scaleErr; // 0.39665425814791083 = scale / sqrt(2 Σ (n - 1))
 */
export function fitErrorModel(offsets: Int32Array, flux: NumericArray, err: NumericArray, options: ErrorModelOptions = {}): ErrorModelFit {
  const o = fitOptions("fitErrorModel", options);
  const u = checkErrorModelInput("fitErrorModel", offsets, flux, err);
  return fitWith("fitErrorModel", (alpha, beta, order, out) => errorModelPass(offsets, flux, err, alpha, beta, order, out), u, o, offsets.length - 1);
}

/** Light curves in the flat layout of {@link fitErrorModel}: one piece of a group held in pieces. */
export interface ErrorModelPiece {
  readonly offsets: Int32Array;
  readonly flux: NumericArray;
  readonly err: NumericArray;
}

/**
 * The pass and the usable counts of data held in pieces (e.g. one per
 * partition of a catalog): each pass runs over the pieces in the order given,
 * continuing one set of sums, so it is bit for bit the pass over their
 * concatenation, and the fit needs only one piece's arrays at a time when
 * `pieces` is an iterable that reads them lazily (it is iterated once here
 * and once per pass). Checks each piece's layout as fitErrorModel does.
 *
 * @example
 * const a = { offsets: Int32Array.of(0, 3), flux: Float64Array.of(10, 13, 11), err: Float64Array.of(1, 1, 2) };
 * const b = { offsets: Int32Array.of(0, 3, 7), flux: Float64Array.of(20, 24, 19, 5, 3, 8, 4), err: Float64Array.of(1, 2, 2, 1, 3, 1, 2) };
 * const { usable } = errorModelPieces([a, b]);
 * usable.nLightCurves; // 3
 */
export function errorModelPieces(pieces: Iterable<ErrorModelPiece>): { readonly pass: ErrorModelPass; readonly usable: ErrorModelUsable } {
  let usable: ErrorModelUsable = { nLightCurves: 0, nPoints: 0, invErr2: 0 };
  let k = 0;
  for (const p of pieces) usable = checkErrorModelInput(`errorModelPieces (piece ${k++})`, p.offsets, p.flux, p.err, usable);
  const pass: ErrorModelPass = (alpha, beta, order, out) => {
    out.fill(0, 0, 7);
    for (const p of pieces) errorModelPass(p.offsets, p.flux, p.err, alpha, beta, order, out, true);
  };
  return { pass, usable };
}

/** How a fit over passes words its errors: as `caller` would, counting `lightCurves` light curves in all. */
export interface FitContext {
  readonly caller?: string;
  readonly lightCurves?: number;
}

/**
 * {@link fitErrorModel} over data held in pieces: the same start, optimiser,
 * errors and checks, with every pass a sum over the pieces
 * ({@link errorModelPieces}, or your own `pass` that reads partitions one at a
 * time). With errorModelPieces it equals fitErrorModel on the concatenated
 * light curves bit for bit. `context` words the errors for too little data
 * (default: as fitErrorModelPasses, without a total).
 *
 * @example
 * const a = { offsets: Int32Array.of(0, 3), flux: Float64Array.of(10, 13, 11), err: Float64Array.of(1, 1, 2) };
 * const b = { offsets: Int32Array.of(0, 3, 7), flux: Float64Array.of(20, 24, 19, 5, 3, 8, 4), err: Float64Array.of(1, 2, 2, 1, 3, 1, 2) };
 * const { pass, usable } = errorModelPieces([a, b]);
 * fitErrorModelPasses(pass, usable, { fitFloor: false }).scale; // 1.484144334994468, as fitErrorModel on all ten points
 */
export function fitErrorModelPasses(pass: ErrorModelPass, usable: ErrorModelUsable, options: ErrorModelOptions = {}, context: FitContext = {}): ErrorModelFit {
  const who = context.caller ?? "fitErrorModelPasses";
  return fitWith(who, pass, usable, fitOptions(who, options), context.lightCurves);
}

interface FitOptions {
  readonly fitFloor: boolean;
  readonly maxIterations: number;
  readonly fixedFloor: number;
  readonly start: ErrorModelOptions["start"];
}

function fitOptions(who: string, options: ErrorModelOptions): FitOptions {
  const fitFloor = options.fitFloor ?? true;
  const maxIterations = options.maxIterations ?? 50;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    throw new ArgumentError(`${who}: maxIterations must be a positive integer, got ${maxIterations}.`);
  }
  if (fitFloor && options.floor !== undefined) {
    throw new ArgumentError(`${who}: floor (${options.floor}) fixes a only with fitFloor: false; drop it to fit the floor.`);
  }
  const fixedFloor = options.floor ?? 0;
  if (!(fixedFloor >= 0 && fixedFloor < Infinity)) throw new ArgumentError(`${who}: floor must be finite and >= 0 nJy, got ${fixedFloor}.`);
  return { fitFloor, maxIterations, fixedFloor, start: options.start };
}

/** The fit from a pass; `lightCurves` (all of them, usable or not) only words the message for too few. */
function fitWith(who: string, pass: ErrorModelPass, u: ErrorModelUsable, o: FitOptions, lightCurves?: number): ErrorModelFit {
  const { fitFloor, maxIterations, fixedFloor, start } = o;
  if (u.nLightCurves < 2) {
    throw new InsufficientDataError(
      `${who} needs at least 2 light curves with >= 2 usable points (finite flux, 0 < err < Infinity); got ${u.nLightCurves}${lightCurves === undefined ? "" : ` of ${lightCurves}`}.`,
    );
  }
  const nParams = fitFloor ? 2 : 1;
  const dof = u.nPoints - u.nLightCurves;
  if (dof < nParams + 1) {
    throw new InsufficientDataError(
      `${who} needs at least ${nParams + 1} residual degrees of freedom (usable points minus light curves) to fit ${fitFloor ? "scale and floor" : "the scale"}; got ${dof} (${u.nPoints} points in ${u.nLightCurves} light curves).`,
    );
  }

  // Start: a given earlier fit (warm start), else the closed form for a fixed floor at α = 1, exact when that floor is 0.
  let beta = fitFloor ? 0 : fixedFloor * fixedFloor;
  let alpha: number;
  if (start && start.scale > 0 && start.scale < Infinity && start.floor >= 0 && start.floor < Infinity) {
    alpha = start.scale * start.scale;
    if (fitFloor) beta = start.floor * start.floor;
  } else {
    const ev = new Float64Array(7);
    pass(1, beta, 0, ev);
    alpha = ev[6]! / dof;
    if (!(alpha > 0 && alpha < Infinity)) alpha = 1;
  }

  const max = maximiseErrorModel(pass, u, alpha, beta, fitFloor, maxIterations);
  const { scaleErr, floorErr, correlation } = errorModelUncertainty(max.alpha, max.beta, max.ev, fitFloor, max.betaActive);
  return {
    scale: Math.sqrt(max.alpha),
    scaleErr,
    floor: !fitFloor ? fixedFloor : max.betaActive ? 0 : Math.sqrt(max.beta),
    floorErr,
    correlation,
    logLikelihood: max.ev[0]!,
    nLightCurves: u.nLightCurves,
    nPoints: u.nPoints,
    iterations: max.iterations,
    // A singular or indefinite information matrix (e.g. a ridge) is no strict maximum.
    converged: max.converged && scaleErr > 0 && floorErr >= 0 && correlation === correlation,
    atBoundary: fitFloor && max.betaActive,
  };
}
