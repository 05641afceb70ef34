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
 */
import { ArgumentError, InsufficientDataError } from "../frame/errors.js";
import type { NumericArray } from "../frame/column.js";
import { isUsableRow } from "./weighted-mean.js";

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

const LOG_2PI = Math.log(2 * Math.PI);
/** Convergence: the full Newton step is below this, in log s^2 and relative to (a^2 + typical s^2 e^2). */
const STEP_TOL = 1e-10;

/** What one pass over the data finds: usable light curves and points. */
interface Usable {
  readonly nLightCurves: number;
  readonly nPoints: number;
  /** Σ 1/e^2 over the usable points. */
  readonly invErr2: number;
}

function checkInput(who: string, offsets: Int32Array, flux: NumericArray, err: NumericArray): Usable {
  if (!(offsets instanceof Int32Array) || offsets.length < 1) {
    throw new ArgumentError(`${who}: offsets must be an Int32Array of length nLightCurves + 1 (at least 1), got length ${offsets?.length}.`);
  }
  if (flux.length !== err.length) {
    throw new ArgumentError(`${who}: flux and err must have the same length, got ${flux.length} and ${err.length}.`);
  }
  const m = offsets.length - 1;
  if (offsets[0]! < 0 || offsets[m]! > flux.length) {
    throw new ArgumentError(`${who}: offsets must lie in [0, ${flux.length}] (the length of flux), got ${offsets[0]}..${offsets[m]}.`);
  }
  let nLightCurves = 0;
  let nPoints = 0;
  let invErr2 = 0;
  for (let j = 0; j < m; j++) {
    const lo = offsets[j]!;
    const hi = offsets[j + 1]!;
    if (hi < lo) throw new ArgumentError(`${who}: offsets must be non-decreasing, but offsets[${j + 1}] = ${hi} < offsets[${j}] = ${lo}.`);
    let n = 0;
    let s = 0;
    for (let i = lo; i < hi; i++) {
      const e = err[i]!;
      if (isUsableRow(flux[i]!, e)) {
        n++;
        s += 1 / (e * e);
      }
    }
    if (n >= 2) {
      nLightCurves++;
      nPoints += n;
      invErr2 += s;
    }
  }
  return { nLightCurves, nPoints, invErr2 };
}

/**
 * One pass: the restricted log-likelihood at variances σ_i^2 = α e_i^2 + β and,
 * when `order` is 2, its gradient and Hessian in (α, β), written to
 * out = [ℓ, ℓ_α, ℓ_β, ℓ_αα, ℓ_αβ, ℓ_ββ, χ²] with χ² = Σ w (f - μ̂)².
 *
 * Per light curve, with P = V^-1 - w w^T / W and q = P f = w (f - μ̂):
 * ∂ℓ/∂θ_k = -½[tr(P V_k) - q^T V_k q] and
 * ∂²ℓ/∂θ_k∂θ_l = ½ tr(P V_k P V_l) - q^T V_k P V_l q (V is linear in α, β).
 */
function evaluate(offsets: Int32Array, flux: NumericArray, err: NumericArray, alpha: number, beta: number, order: 0 | 2, out: Float64Array): void {
  let ll = 0;
  let g1 = 0;
  let g2 = 0;
  let h11 = 0;
  let h12 = 0;
  let h22 = 0;
  let chi2All = 0;
  const m = offsets.length - 1;
  for (let j = 0; j < m; j++) {
    const lo = offsets[j]!;
    const hi = offsets[j + 1]!;
    let n = 0;
    let W = 0;
    let Wf = 0;
    for (let i = lo; i < hi; i++) {
      const f = flux[i]!;
      const e = err[i]!;
      if (!isUsableRow(f, e)) continue;
      const w = 1 / (alpha * e * e + beta);
      n++;
      W += w;
      Wf += w * f;
    }
    if (n < 2) continue;
    const mu = Wf / W;
    let logV = 0;
    let chi2 = 0;
    // d_1 = e^2 (∂σ²/∂α), d_2 = 1 (∂σ²/∂β).
    let A1 = 0; // Σ w d1
    let B1 = 0; // Σ w² d1
    let B2 = 0; // Σ w²
    let G1 = 0; // Σ d1 q²
    let G2 = 0; // Σ q²
    let C11 = 0; // Σ w² d1²
    let E11 = 0; // Σ w³ d1²
    let E12 = 0; // Σ w³ d1
    let E22 = 0; // Σ w³
    let F11 = 0; // Σ d1² w q²
    let F12 = 0; // Σ d1 w q²
    let F22 = 0; // Σ w q²
    let H1 = 0; // Σ d1 w q
    let H2 = 0; // Σ w q
    for (let i = lo; i < hi; i++) {
      const f = flux[i]!;
      const e = err[i]!;
      if (!isUsableRow(f, e)) continue;
      const d = e * e;
      const v = alpha * d + beta;
      const w = 1 / v;
      const r = f - mu;
      const q = w * r;
      logV += Math.log(v);
      chi2 += q * r;
      if (order === 0) continue;
      const w2 = w * w;
      const w3 = w2 * w;
      const q2 = q * q;
      A1 += w * d;
      B1 += w2 * d;
      B2 += w2;
      G1 += d * q2;
      G2 += q2;
      C11 += w2 * d * d;
      E11 += w3 * d * d;
      E12 += w3 * d;
      E22 += w3;
      F11 += d * d * w * q2;
      F12 += d * w * q2;
      F22 += w * q2;
      H1 += d * w * q;
      H2 += w * q;
    }
    ll -= 0.5 * ((n - 1) * LOG_2PI + logV + Math.log(W) + chi2);
    chi2All += chi2;
    if (order === 0) continue;
    g1 -= 0.5 * (A1 - B1 / W - G1);
    g2 -= 0.5 * (W - B2 / W - G2);
    h11 += 0.5 * (C11 - (2 * E11) / W + (B1 * B1) / (W * W)) - (F11 - (H1 * H1) / W);
    h12 += 0.5 * (B1 - (2 * E12) / W + (B1 * B2) / (W * W)) - (F12 - (H1 * H2) / W);
    h22 += 0.5 * (B2 - (2 * E22) / W + (B2 * B2) / (W * W)) - (F22 - (H2 * H2) / W);
  }
  out[0] = ll;
  out[1] = g1;
  out[2] = g2;
  out[3] = h11;
  out[4] = h12;
  out[5] = h22;
  out[6] = chi2All;
}

/**
 * The restricted (REML) log-likelihood of the error model with scale `s` and
 * floor `a`, the mean of each light curve integrated out:
 *
 * ℓ(s, a) = -½ Σ_j [ (n_j - 1) log 2π + Σ_i log σ_i² + log W_j + Σ_i w_i (f_i - μ̂_j)² ],
 * σ_i² = s² e_i² + a², w_i = 1/σ_i², W_j = Σ_i w_i, μ̂_j = Σ_i w_i f_i / W_j
 * (Harville 1977, JASA 72, 320, for one mean per light curve).
 *
 * Only usable points count (finite flux, 0 < err < ∞); light curves with fewer
 * than 2 of them carry no information and add nothing (no such light curve: 0).
 * One O(N) pass, no allocation. Useful for profile-likelihood plots and tests.
 *
 * @example
 * const offsets = Int32Array.of(0, 3, 6);
 * const flux = Float64Array.of(10, 12, 11, 20, 23, 19);
 * const err = Float64Array.of(1, 1, 2, 1, 2, 2);
 * errorModelLogLikelihood(offsets, flux, err, 1.5, 0.5); // -8.999458817765902
 */
export function errorModelLogLikelihood(offsets: Int32Array, flux: NumericArray, err: NumericArray, s: number, a: number): number {
  if (!(s > 0 && s < Infinity)) throw new ArgumentError(`errorModelLogLikelihood: the scale s must be finite and > 0, got ${s}.`);
  if (!(a >= 0 && a < Infinity)) throw new ArgumentError(`errorModelLogLikelihood: the floor a must be finite and >= 0, got ${a}.`);
  checkInput("errorModelLogLikelihood", offsets, flux, err);
  const out = new Float64Array(7);
  evaluate(offsets, flux, err, s * s, a * a, 0, out);
  return out[0]!;
}

/**
 * Fit the error model σ² = (s e)² + a² to groups of constant light curves by
 * maximising the restricted log-likelihood ({@link errorModelLogLikelihood})
 * over s > 0 and a >= 0 (or s alone with `fitFloor: false`).
 *
 * Algorithm: projected Newton in (log s², a²) with the analytic gradient and
 * Hessian, Levenberg–Marquardt damping where the Hessian is not negative
 * definite, and a backtracking (Armijo) line search; the bound a² >= 0 is an
 * active constraint when the gradient pushes against it. It starts at a = 0 (or
 * the fixed floor) with s² = χ²/(points − light curves) at s = 1, the exact
 * solution when a = 0, and stops when the full Newton step is below
 * 1e-10 (in log s², and in a² relative to a² + a typical s²e²). Each iteration
 * is one O(N) pass over the typed arrays without allocation, plus one per line-search halving
 * (rare); a fit typically takes 4–10 iterations, 2 passes more to validate and start.
 *
 * Uncertainties: the inverse of the observed information (minus the Hessian of
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
  const fitFloor = options.fitFloor ?? true;
  const maxIterations = options.maxIterations ?? 50;
  if (!(Number.isInteger(maxIterations) && maxIterations >= 1)) {
    throw new ArgumentError(`fitErrorModel: maxIterations must be a positive integer, got ${maxIterations}.`);
  }
  if (fitFloor && options.floor !== undefined) {
    throw new ArgumentError(`fitErrorModel: floor (${options.floor}) fixes a only with fitFloor: false; drop it to fit the floor.`);
  }
  const fixedFloor = options.floor ?? 0;
  if (!(fixedFloor >= 0 && fixedFloor < Infinity)) throw new ArgumentError(`fitErrorModel: floor must be finite and >= 0 nJy, got ${fixedFloor}.`);

  const u = checkInput("fitErrorModel", offsets, flux, err);
  if (u.nLightCurves < 2) {
    throw new InsufficientDataError(
      `fitErrorModel needs at least 2 light curves with >= 2 usable points (finite flux, 0 < err < Infinity); got ${u.nLightCurves} of ${offsets.length - 1}.`,
    );
  }
  const nParams = fitFloor ? 2 : 1;
  const dof = u.nPoints - u.nLightCurves;
  if (dof < nParams + 1) {
    throw new InsufficientDataError(
      `fitErrorModel needs at least ${nParams + 1} residual degrees of freedom (usable points minus light curves) to fit ${fitFloor ? "scale and floor" : "the scale"}; got ${dof} (${u.nPoints} points in ${u.nLightCurves} light curves).`,
    );
  }

  let ev = new Float64Array(7);
  let trial = new Float64Array(7);
  // Start: a given earlier fit (warm start), else the closed form for a fixed floor at α = 1, exact when that floor is 0.
  let beta = fitFloor ? 0 : fixedFloor * fixedFloor;
  let alpha: number;
  const start = options.start;
  if (start && start.scale > 0 && start.scale < Infinity && start.floor >= 0 && start.floor < Infinity) {
    alpha = start.scale * start.scale;
    if (fitFloor) beta = start.floor * start.floor;
  } else {
    evaluate(offsets, flux, err, 1, beta, 0, ev);
    alpha = ev[6]! / dof;
    if (!(alpha > 0 && alpha < Infinity)) alpha = 1;
  }
  // Typical s²e² (harmonic mean of e², scaled): the scale of the a² step tolerance.
  const betaScale = () => (alpha * u.nPoints) / u.invErr2;
  evaluate(offsets, flux, err, alpha, beta, 2, ev);

  let iterations = 0;
  let converged = false;
  let betaActive = !fitFloor;
  while (iterations < maxIterations) {
    iterations++;
    // (log α, β) derivatives from (α, β) ones.
    const gu = alpha * ev[1]!;
    const gb = ev[2]!;
    const nuu = -(alpha * alpha * ev[3]! + alpha * ev[1]!);
    const nub = -alpha * ev[4]!;
    const nbb = -ev[5]!;
    betaActive = !fitFloor || (beta === 0 && gb <= 0);
    let step = newtonStep(gu, gb, nuu, nub, nbb, betaActive);
    // A free step that would cross a² = 0: go at most to the boundary, or fix a = 0 if already there.
    let tMax = 1;
    if (!betaActive && step.db < 0 && beta + step.db < 0) {
      tMax = beta / -step.db;
      if (tMax === 0) {
        betaActive = true;
        step = newtonStep(gu, gb, nuu, nub, nbb, true);
        tMax = 1;
      }
    }
    if (!step.damped && tMax === 1 && Math.abs(step.du) <= STEP_TOL && Math.abs(step.db) <= STEP_TOL * (beta + betaScale())) {
      converged = true;
      break;
    }
    const slope = gu * step.du + gb * step.db;
    const tol = 1e-13 * Math.max(1, Math.abs(ev[0]!));
    let t = tMax;
    let accepted = false;
    // Trial points carry their derivatives, so an accepted step needs no second pass.
    for (let k = 0; k < 40; k++) {
      const a2 = alpha * Math.exp(t * step.du);
      const b2 = t === tMax && tMax < 1 ? 0 : Math.max(0, beta + t * step.db);
      evaluate(offsets, flux, err, a2, b2, 2, trial);
      if (trial[0]! >= ev[0]! + 1e-4 * t * slope - tol) {
        alpha = a2;
        beta = b2;
        [ev, trial] = [trial, ev];
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
  }

  return report(alpha, beta, ev, fitFloor, fixedFloor, betaActive, converged, iterations, u);
}

interface Step {
  readonly du: number;
  readonly db: number;
  /** True when Levenberg–Marquardt damping was needed (the Hessian is not negative definite). */
  readonly damped: boolean;
}

/**
 * Newton step for maximising: solve N p = g with N = -Hessian (in log α, β),
 * over u alone when β is fixed; N is damped (N + λ diag N) until positive definite.
 */
function newtonStep(gu: number, gb: number, nuu: number, nub: number, nbb: number, betaFixed: boolean): Step {
  const du0 = Math.abs(nuu) || 1;
  const db0 = Math.abs(nbb) || 1;
  let lambda = 0;
  for (let k = 0; k < 60; k++) {
    const a = nuu + lambda * du0;
    const c = nbb + lambda * db0;
    if (betaFixed) {
      if (a > 0) return { du: gu / a, db: 0, damped: lambda > 0 };
    } else {
      const det = a * c - nub * nub;
      if (a > 0 && c > 0 && det > 0) return { du: (c * gu - nub * gb) / det, db: (a * gb - nub * gu) / det, damped: lambda > 0 };
    }
    lambda = lambda === 0 ? 1e-3 : lambda * 10;
  }
  return { du: 0, db: 0, damped: true };
}

/** The fit record: (α, β) = (s², a²) and their derivatives turned into (s, a) and its errors. */
function report(
  alpha: number,
  beta: number,
  ev: Float64Array,
  fitFloor: boolean,
  fixedFloor: number,
  betaActive: boolean,
  converged: boolean,
  iterations: number,
  u: Usable,
): ErrorModelFit {
  const s = Math.sqrt(alpha);
  const [ll, ga, gb, haa, hab, hbb] = ev as unknown as [number, number, number, number, number, number];
  // Information in (s, a): minus the Hessian of ℓ(s², a²).
  const iss = -(4 * alpha * haa + 2 * ga);
  let scaleErr: number;
  let floorErr: number;
  let correlation = 0;
  let floor: number;
  if (!fitFloor) {
    floor = fixedFloor;
    scaleErr = iss > 0 ? 1 / Math.sqrt(iss) : NaN;
    floorErr = 0;
  } else if (betaActive) {
    floor = 0;
    // The error of s conditional on a = 0 would understate it: s and a trade off, and a may move
    // off zero. Use the marginal variance of s² from the information in (s², a²) where it is
    // positive definite, else the conditional one.
    const det = haa * hbb - hab * hab;
    const varAlpha = haa < 0 && det > 0 ? -hbb / det : NaN;
    scaleErr = varAlpha > 0 ? Math.sqrt(varAlpha) / (2 * s) : iss > 0 ? 1 / Math.sqrt(iss) : NaN;
    // Profile in β = a² near 0: ℓ ≈ ℓ0 + g β + ½ h β², solve ℓ0 - ℓ = ½ for β.
    const h = haa < 0 ? hbb - (hab * hab) / haa : NaN;
    const g = haa < 0 ? gb - (hab * ga) / haa : NaN;
    const A = -0.5 * h;
    const B = -g;
    floorErr = A >= 0 && B >= 0 ? Math.sqrt(1 / (B + Math.sqrt(B * B + 2 * A))) : NaN;
  } else {
    const a = Math.sqrt(beta);
    floor = a;
    const iaa = -(4 * beta * hbb + 2 * gb);
    const isa = -4 * s * a * hab;
    const det = iss * iaa - isa * isa;
    if (iss > 0 && iaa > 0 && det > 0) {
      scaleErr = Math.sqrt(iaa / det);
      floorErr = Math.sqrt(iss / det);
      correlation = -isa / Math.sqrt(iss * iaa);
    } else {
      scaleErr = NaN;
      floorErr = NaN;
      correlation = NaN;
    }
  }
  return {
    scale: s,
    scaleErr,
    floor,
    floorErr,
    correlation,
    logLikelihood: ll,
    nLightCurves: u.nLightCurves,
    nPoints: u.nPoints,
    iterations,
    // A singular or indefinite information matrix (e.g. a ridge) is no strict maximum.
    converged: converged && scaleErr > 0 && floorErr >= 0 && correlation === correlation,
    atBoundary: fitFloor && betaActive,
  };
}
