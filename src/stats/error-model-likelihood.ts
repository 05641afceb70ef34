/**
 * The restricted (REML) likelihood of the error model σ² = (s e)² + a² over
 * groups of constant light curves, and its analytic derivatives: one O(N) pass
 * over the typed arrays, no allocation. The fit ({@link fitErrorModel} in
 * error-model.ts) calls it once per Newton iteration.
 */
import type { NumericArray } from "../frame/column.js";
import { ArgumentError } from "../frame/errors.js";
import { isUsableRow } from "./weighted-mean.js";

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * One pass of the likelihood at (α, β) = (s², a²) into `out` (length >= 7):
 * [ℓ, ℓ_α, ℓ_β, ℓ_αα, ℓ_αβ, ℓ_ββ, χ²], derivatives only for order 2. Every
 * entry is a sum over light curves, so a pass over data held in pieces (the
 * partitions of a catalog, read one at a time) is the sum of the pieces'
 * {@link errorModelPass}es.
 */
export type ErrorModelPass = (alpha: number, beta: number, order: 0 | 2, out: Float64Array) => void;

/** What one pass over the data finds: the light curves and points that carry information (sums, so pieces add). */
export interface ErrorModelUsable {
  /** Light curves with >= 2 usable points. */
  readonly nLightCurves: number;
  /** Usable points in those light curves. */
  readonly nPoints: number;
  /** Σ 1/e² over those points. */
  readonly invErr2: number;
}

/**
 * Check the flat layout (`offsets` an Int32Array of nLightCurves + 1
 * non-decreasing entries within `flux`; `flux` and `err` of one length) and
 * count what the error model can use: points with a finite flux and
 * 0 < err < ∞, in light curves with at least 2 of them. Throws ArgumentError,
 * prefixed with `who`, for a malformed layout; too little data is the caller's
 * call. With `from`, the counts and sums continue from it (pieces checked in
 * order add up to exactly the concatenation's counts). O(N).
 *
 * @example
 * checkErrorModelInput("demo", Int32Array.of(0, 3, 4), Float64Array.of(1, 2, NaN, 5), Float64Array.of(1, 2, 1, 1));
 * // { nLightCurves: 1, nPoints: 2, invErr2: 1.25 }  (the NaN row and the 1-point light curve do not count)
 */
export function checkErrorModelInput(who: string, offsets: Int32Array, flux: NumericArray, err: NumericArray, from?: ErrorModelUsable): ErrorModelUsable {
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
  let nLightCurves = from?.nLightCurves ?? 0;
  let nPoints = from?.nPoints ?? 0;
  let invErr2 = from?.invErr2 ?? 0;
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
 * One pass: the restricted log-likelihood at variances σ_i² = α e_i² + β and,
 * when `order` is 2, its gradient and Hessian in (α, β), written to
 * out = [ℓ, ℓ_α, ℓ_β, ℓ_αα, ℓ_αβ, ℓ_ββ, χ²] with χ² = Σ w (f - μ̂)² (with
 * `order` 0 the derivative slots are 0).
 *
 * Per light curve, with P = V⁻¹ - w wᵀ / W and q = P f = w (f - μ̂):
 * ∂ℓ/∂θ_k = -½[tr(P V_k) - qᵀ V_k q] and
 * ∂²ℓ/∂θ_k∂θ_l = ½ tr(P V_k P V_l) - qᵀ V_k P V_l q, V being linear in α and β
 * (Harville 1977, JASA 72, 320). Unusable points and light curves with fewer
 * than 2 usable points are skipped; the layout is not checked (see
 * {@link checkErrorModelInput}). O(N), no allocation (`out` is the caller's, length >= 7).
 * With `accumulate` the sums continue from the values in `out`: passes over
 * pieces in order then give bit for bit the pass over their concatenation.
 *
 * @example
 * const out = new Float64Array(7);
 * errorModelPass(Int32Array.of(0, 3), Float64Array.of(1, 2, 4), Float64Array.of(1, 1, 2), 1, 0, 2, out);
 * out[6]; // 1.8888888888888888 = 17/9, the chi-square about the weighted mean
 * out[1]; // -0.05555555555555558 = ℓ_α = -½ (n - 1 - χ²) at β = 0, α = 1
 */
export function errorModelPass(offsets: Int32Array, flux: NumericArray, err: NumericArray, alpha: number, beta: number, order: 0 | 2, out: Float64Array, accumulate = false): void {
  let ll = accumulate ? out[0]! : 0;
  let g1 = accumulate ? out[1]! : 0;
  let g2 = accumulate ? out[2]! : 0;
  let h11 = accumulate ? out[3]! : 0;
  let h12 = accumulate ? out[4]! : 0;
  let h22 = accumulate ? out[5]! : 0;
  let chi2All = accumulate ? out[6]! : 0;
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
 * Throws ArgumentError for s not finite and > 0, a not finite and >= 0, and a
 * malformed layout.
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
  checkErrorModelInput("errorModelLogLikelihood", offsets, flux, err);
  const out = new Float64Array(7);
  errorModelPass(offsets, flux, err, s * s, a * a, 0, out);
  return out[0]!;
}
