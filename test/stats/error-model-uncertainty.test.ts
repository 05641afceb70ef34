import { describe, expect, it } from "vitest";
import { errorModelUncertainty } from "../../src/stats/error-model-uncertainty.js";

/** ev = [ℓ, ℓ_α, ℓ_β, ℓ_αα, ℓ_αβ, ℓ_ββ, χ²]; ℓ and χ² are not used. */
const ev = (ga: number, gb: number, haa: number, hab: number, hbb: number) => Float64Array.of(0, ga, gb, haa, hab, hbb, 0);

describe("errorModelUncertainty", () => {
  it("gives 1/sqrt(I_ss) for a fixed floor, I_ss = -(4α ℓ_αα + 2ℓ_α), by hand", () => {
    // α = 4, ℓ_αα = -0.5, ℓ_α = 0.1: I_ss = 8 - 0.2 = 7.8.
    const r = errorModelUncertainty(4, 0, ev(0.1, 0, -0.5, 0, 0), false, true);
    expect(r.scaleErr).toBeCloseTo(1 / Math.sqrt(7.8), 15);
    expect(r.floorErr).toBe(0);
    expect(r.correlation).toBe(0);
  });

  it("inverts the 2×2 information in (s, a) inside the domain, by hand", () => {
    // s = 2, a = 3: I_ss = 8, I_aa = -(4·9·(-0.001)) = 0.036, I_sa = -4·2·3·(-0.02) = 0.48;
    // det = 0.288 - 0.2304 = 0.0576, so var s = 0.036/0.0576 = 0.625, var a = 8/0.0576, corr = -0.48/sqrt(0.288).
    const r = errorModelUncertainty(4, 9, ev(0, 0, -0.5, -0.02, -0.001), true, false);
    expect(r.scaleErr).toBeCloseTo(Math.sqrt(0.625), 12);
    expect(r.floorErr).toBeCloseTo(Math.sqrt(8 / 0.0576), 10);
    expect(r.correlation).toBeCloseTo(-0.48 / Math.sqrt(0.288), 12);
  });

  it("gives NaN errors and correlation where the information is not positive definite", () => {
    const r = errorModelUncertainty(4, 9, ev(0, 0, -0.5, -0.1, -0.001), true, false);
    expect(r.scaleErr).toBeNaN();
    expect(r.floorErr).toBeNaN();
    expect(r.correlation).toBeNaN();
  });

  it("on the boundary, gives the a where the quadratic profile in a² has dropped by ½", () => {
    // ℓ_α = 0 (s is at its optimum given a = 0); profile in β: ℓ(β) = g β + ½ h β² with
    // g = ℓ_β, h = ℓ_ββ - ℓ_αβ²/ℓ_αα (α re-optimised for each β).
    const [haa, hab, hbb, gb] = [-0.5, 0.01, -0.002, -0.1];
    const r = errorModelUncertainty(4, 0, ev(0, gb, haa, hab, hbb), true, true);
    const beta = r.floorErr ** 2;
    const h = hbb - (hab * hab) / haa;
    expect(gb * beta + 0.5 * h * beta * beta).toBeCloseTo(-0.5, 12);
    // The marginal error of s from the (s², a²) information: var α = -ℓ_ββ / det, s = 2.
    const det = haa * hbb - hab * hab;
    expect(r.scaleErr).toBeCloseTo(Math.sqrt(-hbb / det) / 4, 12);
    expect(r.correlation).toBe(0);
  });

  it("on the boundary with a flat profile, gives 1/sqrt(-2 ℓ_β)", () => {
    const r = errorModelUncertainty(1, 0, ev(0, -0.125, -1, 0, 0), true, true);
    expect(r.floorErr).toBeCloseTo(2, 12); // 1/sqrt(0.25)
  });
});
