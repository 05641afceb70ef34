import { describe, expect, it } from "vitest";
import { ArgumentError, InsufficientDataError } from "../../src/frame/errors.js";
import { checkErrorModelInput, errorModelLogLikelihood, errorModelPass } from "../../src/stats/error-model-likelihood.js";
import { thrown } from "./helpers/thrown.js";

const offsets = Int32Array.of(0, 4, 7, 12);
const flux = Float64Array.of(1, 2.5, -1, 0.3, 7, 4, 5, -3, -2, -4.5, -1, 0);
const err = Float64Array.of(0.5, 1, 2, 1, 1, 1.5, 0.7, 2, 1, 1, 0.5, 3);

function pass(alpha: number, beta: number, order: 0 | 2, o = offsets, f: Float64Array | Float32Array = flux, e: Float64Array | Float32Array = err): Float64Array {
  const out = new Float64Array(7).fill(NaN);
  errorModelPass(o, f, e, alpha, beta, order, out);
  return out;
}

describe("checkErrorModelInput", () => {
  it("counts usable points in light curves with at least 2 of them, by hand", () => {
    // Light curve 0: rows 0, 1 usable (row 2 NaN flux); light curve 1: one usable row only; light curve 2: rows 4, 5 (row 6 has err 0).
    const o = Int32Array.of(0, 3, 4, 7);
    const f = Float64Array.of(1, 2, NaN, 5, 6, 7, 8);
    const e = Float64Array.of(1, 2, 1, 1, 4, 0.5, 0);
    expect(checkErrorModelInput("t", o, f, e)).toEqual({ nLightCurves: 2, nPoints: 4, invErr2: 1 + 0.25 + 1 / 16 + 4 });
  });

  it("throws a plain ArgumentError for a malformed layout, never InsufficientDataError", () => {
    const xs = new Float64Array(4).fill(1);
    for (const bad of [
      () => checkErrorModelInput("t", Int32Array.of(0, 3, 2), xs, xs),
      () => checkErrorModelInput("t", Int32Array.of(0, 5), xs, xs),
      () => checkErrorModelInput("t", Int32Array.of(0, 4), xs, xs.subarray(1)),
      () => checkErrorModelInput("t", new Int32Array(0), xs, xs),
    ]) {
      const e = thrown(bad);
      expect(e).toBeInstanceOf(ArgumentError);
      expect(e).not.toBeInstanceOf(InsufficientDataError);
    }
    // No usable light curve is for the caller to judge: counted, not thrown.
    expect(checkErrorModelInput("t", Int32Array.of(0, 1), xs, xs).nLightCurves).toBe(0);
  });
});

describe("errorModelPass", () => {
  it("gives the chi-square about the weighted mean and ℓ_α = -½ (n - 1 - χ²) at α = 1, β = 0, by hand", () => {
    // flux [1, 2, 4], err [1, 1, 2]: mean 16/9, χ² = 17/9.
    const out = pass(1, 0, 2, Int32Array.of(0, 3), Float64Array.of(1, 2, 4), Float64Array.of(1, 1, 2));
    expect(out[6]).toBeCloseTo(17 / 9, 14);
    expect(out[1]).toBeCloseTo(-0.5 * (2 - 17 / 9), 14);
  });

  it("has the log-likelihood of errorModelLogLikelihood, and with order 0 zero derivative slots", () => {
    const out = pass(1.7, 0.4, 0);
    expect(out[0]).toBe(errorModelLogLikelihood(offsets, flux, err, Math.sqrt(1.7), Math.sqrt(0.4)));
    expect(Array.from(out.subarray(1, 6))).toEqual([0, 0, 0, 0, 0]);
  });

  it("has the gradient and Hessian of central finite differences of the log-likelihood", () => {
    for (const [alpha, beta] of [
      [1.7, 0.4],
      [0.6, 2.5],
      [2.2, 0.05],
    ] as const) {
      const out = pass(alpha, beta, 2);
      const ha = 1e-4 * alpha;
      const hb = 1e-4 * Math.max(beta, 0.1);
      const ll = (a: number, b: number) => pass(a, b, 0)[0]!;
      const grad = (a: number, b: number) => pass(a, b, 2);
      expect(out[1]! / ((ll(alpha + ha, beta) - ll(alpha - ha, beta)) / (2 * ha))).toBeCloseTo(1, 6);
      expect(out[2]! / ((ll(alpha, beta + hb) - ll(alpha, beta - hb)) / (2 * hb))).toBeCloseTo(1, 6);
      // Hessian rows from differences of the analytic gradient.
      expect(out[3]! / ((grad(alpha + ha, beta)[1]! - grad(alpha - ha, beta)[1]!) / (2 * ha))).toBeCloseTo(1, 6);
      expect(out[4]! / ((grad(alpha, beta + hb)[1]! - grad(alpha, beta - hb)[1]!) / (2 * hb))).toBeCloseTo(1, 6);
      expect(out[4]! / ((grad(alpha + ha, beta)[2]! - grad(alpha - ha, beta)[2]!) / (2 * ha))).toBeCloseTo(1, 6);
      expect(out[5]! / ((grad(alpha, beta + hb)[2]! - grad(alpha, beta - hb)[2]!) / (2 * hb))).toBeCloseTo(1, 6);
    }
  });

  it("skips unusable rows and short light curves as if they were not there, and reads float32 input", () => {
    const o = Int32Array.of(0, 5, 6, 9);
    // Values exact in float32, so the float64 copy is the same data.
    const f = Float32Array.of(1, 2.5, NaN, -1, 0.25, 9, 7, 4, 5);
    const e = Float32Array.of(0.5, 1, 1, 2, 1, 1, 1, 1.5, 0.75);
    const clean = pass(1.3, 0.2, 2, Int32Array.of(0, 4, 7), Float64Array.of(1, 2.5, -1, 0.25, 7, 4, 5), Float64Array.of(0.5, 1, 2, 1, 1, 1.5, 0.75));
    const noisy = pass(1.3, 0.2, 2, o, f, e);
    for (let k = 0; k < 7; k++) expect(noisy[k]).toBeCloseTo(clean[k]!, 12);
  });
});
