import { describe, expect, it } from "vitest";
import type { NumericArray } from "../../src/frame/column.js";
import { type ErrorModelPass, checkErrorModelInput, errorModelPass } from "../../src/stats/error-model-likelihood.js";
import { maximiseErrorModel } from "../../src/stats/error-model-newton.js";
import { simulateLightCurves } from "./helpers/light-curves.js";

/** `m` constant light curves of 3..12 points, errors log-uniform in [20, 500], true variance (s e)² + a2 (a2 may be < 0). */
function simulate(seed: number, m: number, s: number, a2: number) {
  const d = simulateLightCurves(seed, { nLc: m, length: [3, 12], mean: [0, 3000], err: { lo: 20, hi: 500, log: true }, variance: (e) => (s * e) ** 2 + a2 });
  return { ...d, usable: checkErrorModelInput("t", d.offsets, d.flux, d.err) };
}

/** The pass over one set of light curves, as fitErrorModel builds it. */
const passOf = (offsets: Int32Array, flux: NumericArray, err: NumericArray): ErrorModelPass => (alpha, beta, order, out) =>
  errorModelPass(offsets, flux, err, alpha, beta, order, out);

describe("maximiseErrorModel", () => {
  it("reaches the closed-form REML scale χ²/Σ(n - 1) with the floor fixed at 0, by hand", () => {
    const offsets = Int32Array.of(0, 3, 6, 10);
    const flux = Float64Array.of(10, 13, 11, 20, 24, 19, 5, 3, 8, 4);
    const err = Float64Array.of(1, 1, 2, 1, 2, 2, 1, 3, 1, 2);
    const out = new Float64Array(7);
    errorModelPass(offsets, flux, err, 1, 0, 0, out);
    const r = maximiseErrorModel(passOf(offsets, flux, err), checkErrorModelInput("t", offsets, flux, err), 5, 0, false, 50);
    expect(r.converged).toBe(true);
    expect(r.betaActive).toBe(true);
    expect(r.beta).toBe(0);
    // 10 points - 3 light curves; the stopping rule (Newton step < 1e-10 in log α) leaves ~1e-10 relative.
    expect(r.alpha / (out[6]! / 7)).toBeCloseTo(1, 9);
  });

  it("ends at a stationary point with a negative definite Hessian when the floor is inside", () => {
    const d = simulate(1, 300, 1.3, 150 ** 2);
    const r = maximiseErrorModel(passOf(d.offsets, d.flux, d.err), d.usable, 1, 0, true, 50);
    expect(r.converged).toBe(true);
    expect(r.betaActive).toBe(false);
    const [ll, ga, gb, haa, hab, hbb] = Array.from(r.ev);
    // Newton decrement: the likelihood gain of one more full step is below 1e-12.
    const det = haa! * hbb! - hab! * hab!;
    expect(haa).toBeLessThan(0);
    expect(det).toBeGreaterThan(0);
    const gain = 0.5 * ((hbb! * ga! * ga! - 2 * hab! * ga! * gb! + haa! * gb! * gb!) / -det);
    expect(gain).toBeLessThan(1e-12);
    // ev is the pass at the returned point.
    const check = new Float64Array(7);
    errorModelPass(d.offsets, d.flux, d.err, r.alpha, r.beta, 2, check);
    expect(check[0]).toBe(ll);
    // The injected truth, within a loose band (the fit's own errors are tested in error-model.test.ts).
    expect(Math.sqrt(r.alpha)).toBeGreaterThan(1.1);
    expect(Math.sqrt(r.alpha)).toBeLessThan(1.5);
  });

  it("reaches the same maximum from different starts", () => {
    const d = simulate(2, 200, 0.9, 80 ** 2);
    const a = maximiseErrorModel(passOf(d.offsets, d.flux, d.err), d.usable, 1, 0, true, 50);
    const b = maximiseErrorModel(passOf(d.offsets, d.flux, d.err), d.usable, 9, 1e5, true, 50);
    expect(b.converged).toBe(true);
    expect(b.alpha / a.alpha).toBeCloseTo(1, 8);
    expect(b.beta / a.beta).toBeCloseTo(1, 6);
  });

  it("holds a² = 0 as an active bound when the likelihood increases towards negative a²", () => {
    // True variance (1.1 e)² - 300 (< (1.1 e)² for every e >= 20): the likelihood wants a² < 0.
    const d = simulate(3, 300, 1.1, -300);
    const r = maximiseErrorModel(passOf(d.offsets, d.flux, d.err), d.usable, 1, 500, true, 50);
    expect(r.betaActive).toBe(true);
    expect(r.beta).toBe(0);
    expect(r.ev[2]).toBeLessThanOrEqual(0);
    expect(r.converged).toBe(true);
  });

  it("stops with converged: false after maxIterations", () => {
    const d = simulate(4, 100, 1.2, 50 ** 2);
    const r = maximiseErrorModel(passOf(d.offsets, d.flux, d.err), d.usable, 100, 0, true, 1);
    expect(r.iterations).toBe(1);
    expect(r.converged).toBe(false);
  });
});
