/**
 * The optimiser of the error-model fit: projected Newton ascent of the
 * restricted log-likelihood in (log s², a²) with the bound a² >= 0.
 */
import type { ErrorModelPass, ErrorModelUsable } from "./error-model-likelihood.js";

/** Convergence: the full Newton step is below this, in log s^2 and relative to (a^2 + typical s^2 e^2). */
const STEP_TOL = 1e-10;

/** Where {@link maximiseErrorModel} stopped. */
export interface ErrorModelMaximum {
  /** s² at the end. */
  readonly alpha: number;
  /** a² at the end (0 on the boundary; the fixed floor² when the floor is not fitted). */
  readonly beta: number;
  /** The pass at (alpha, beta), order 2: [ℓ, ℓ_α, ℓ_β, ℓ_αα, ℓ_αβ, ℓ_ββ, χ²]. */
  readonly ev: Float64Array;
  /** True when β is held fixed at the end: not fitted, or on the boundary a² = 0 with the gradient pushing against it. */
  readonly betaActive: boolean;
  /** True when the last full Newton step was below the tolerance; false on the iteration limit or a failed line search. */
  readonly converged: boolean;
  /** Newton iterations taken. */
  readonly iterations: number;
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

/**
 * Maximise the restricted log-likelihood ({@link errorModelPass}) over
 * α = s² > 0 and β = a² >= 0 (or α alone with `fitFloor` false, β fixed), from
 * (alpha, beta). Projected Newton in (log α, β) with the analytic gradient and
 * Hessian, Levenberg–Marquardt damping where the Hessian is not negative
 * definite, and a backtracking (Armijo) line search whose trial points carry
 * their derivatives; β = 0 is an active constraint when the gradient pushes
 * against it, and a free step that would cross it stops at it. Stops when the
 * full undamped Newton step is below 1e-10 in log α and in β relative to
 * β + α·(harmonic mean of e²), after `maxIterations`, or when no ascent is
 * found (40 halvings). `usable` is {@link checkErrorModelInput}'s count of the
 * same data. `pass` is {@link errorModelPass} over the data, or a sum of
 * passes over its pieces. One pass per iteration plus one per halving.
 *
 * @example
 * const offsets = Int32Array.of(0, 3, 6, 10);
 * const flux = Float64Array.of(10, 13, 11, 20, 24, 19, 5, 3, 8, 4);
 * const err = Float64Array.of(1, 1, 2, 1, 2, 2, 1, 3, 1, 2);
 * const { pass, usable } = errorModelPieces([{ offsets, flux, err }]); // usable: 3 light curves, 10 points
 * const r = maximiseErrorModel(pass, usable, 1, 0, false, 50);
 * Math.sqrt(r.alpha); // 1.484144334994468, the closed-form REML scale for a = 0
 * r.converged; // true
 */
export function maximiseErrorModel(
  pass: ErrorModelPass,
  usable: ErrorModelUsable,
  alpha: number,
  beta: number,
  fitFloor: boolean,
  maxIterations: number,
): ErrorModelMaximum {
  let ev = new Float64Array(7);
  let trial = new Float64Array(7);
  // Typical s²e² (harmonic mean of e², scaled): the scale of the a² step tolerance.
  const betaScale = () => (alpha * usable.nPoints) / usable.invErr2;
  pass(alpha, beta, 2, ev);

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
      pass(a2, b2, 2, trial);
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
  return { alpha, beta, ev, betaActive, converged, iterations };
}
