/**
 * Uncertainties of the error-model fit from the observed information (minus
 * the Hessian of the restricted log-likelihood) at the maximum, including the
 * one-sided floor error on the boundary a = 0.
 */

/** Standard errors of the fitted scale and floor, and their correlation. */
export interface ErrorModelUncertainty {
  /** Standard error of s. */
  readonly scaleErr: number;
  /** Standard error of a: one-sided on the boundary, 0 for a fixed floor. */
  readonly floorErr: number;
  /** Correlation of the s and a estimates; 0 on the boundary or for a fixed floor. */
  readonly correlation: number;
}

/**
 * Errors of (s, a) from α = s², β = a² and `ev` = [ℓ, ℓ_α, ℓ_β, ℓ_αα, ℓ_αβ,
 * ℓ_ββ, ...], the log-likelihood and its derivatives in (α, β) at the fit
 * (errorModelPass, order 2). The information in (s, a) is minus the Hessian of
 * ℓ(s², a²) (chain rule: I_ss = -(4α ℓ_αα + 2ℓ_α), I_aa = -(4β ℓ_ββ + 2ℓ_β),
 * I_sa = -4 s a ℓ_αβ), and the errors are the square roots of the diagonal of
 * its inverse.
 *
 * - Floor fixed (`fitFloor` false): scaleErr = 1/sqrt(I_ss), floorErr = 0.
 * - On the boundary a = 0 (`betaActive`): scaleErr is the marginal error of s
 *   from the information in (s², a²) where that is positive definite (a could
 *   move off zero, and s trades off against it), else 1/sqrt(I_ss); floorErr is
 *   one-sided: the a at which the profile log-likelihood, quadratic in a², has
 *   dropped by ½ (≈ 1/sqrt(-2 ∂ℓ/∂a²) when that slope dominates).
 * - Inside: the inverse of the 2×2 information; NaN (all three) where it is not
 *   positive definite.
 *
 * A non-positive information gives NaN errors rather than throwing. O(1).
 *
 * @example
 * // s = 2 (α = 4), floor fixed: I_ss = -(4 · 4 · (-0.5) + 0) = 8.
 * errorModelUncertainty(4, 0, Float64Array.of(-10, 0, 0, -0.5, 0, 0, 0), false, true);
 * // { scaleErr: 0.35355339059327373, floorErr: 0, correlation: 0 }  (1/sqrt(8))
 */
export function errorModelUncertainty(alpha: number, beta: number, ev: Float64Array, fitFloor: boolean, betaActive: boolean): ErrorModelUncertainty {
  const s = Math.sqrt(alpha);
  const ga = ev[1]!;
  const gb = ev[2]!;
  const haa = ev[3]!;
  const hab = ev[4]!;
  const hbb = ev[5]!;
  // Information in (s, a): minus the Hessian of ℓ(s², a²).
  const iss = -(4 * alpha * haa + 2 * ga);
  if (!fitFloor) return { scaleErr: iss > 0 ? 1 / Math.sqrt(iss) : NaN, floorErr: 0, correlation: 0 };
  if (betaActive) {
    // The error of s conditional on a = 0 would understate it: s and a trade off, and a may move
    // off zero. Use the marginal variance of s² from the information in (s², a²) where it is
    // positive definite, else the conditional one.
    const det = haa * hbb - hab * hab;
    const varAlpha = haa < 0 && det > 0 ? -hbb / det : NaN;
    const scaleErr = varAlpha > 0 ? Math.sqrt(varAlpha) / (2 * s) : iss > 0 ? 1 / Math.sqrt(iss) : NaN;
    // Profile in β = a² near 0: ℓ ≈ ℓ0 + g β + ½ h β², solve ℓ0 - ℓ = ½ for β.
    const h = haa < 0 ? hbb - (hab * hab) / haa : NaN;
    const g = haa < 0 ? gb - (hab * ga) / haa : NaN;
    const A = -0.5 * h;
    const B = -g;
    const floorErr = A >= 0 && B >= 0 ? Math.sqrt(1 / (B + Math.sqrt(B * B + 2 * A))) : NaN;
    return { scaleErr, floorErr, correlation: 0 };
  }
  const a = Math.sqrt(beta);
  const iaa = -(4 * beta * hbb + 2 * gb);
  const isa = -4 * s * a * hab;
  const det = iss * iaa - isa * isa;
  if (iss > 0 && iaa > 0 && det > 0) {
    return { scaleErr: Math.sqrt(iaa / det), floorErr: Math.sqrt(iss / det), correlation: -isa / Math.sqrt(iss * iaa) };
  }
  return { scaleErr: NaN, floorErr: NaN, correlation: NaN };
}
