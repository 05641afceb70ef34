import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { correctedPulls, naivePulls } from "../../src/stats/pulls.js";
import { weightedMeans } from "../../src/stats/weighted-mean.js";
import { simulate, simulateFloat32, simulateWithFloat32 } from "./helpers/light-curves.js";

/**
 * Mean of `values` and its standard error with each light curve as a cluster
 * (pulls of one light curve are correlated through their common mean).
 */
function clusteredMean(values: Float64Array, offsets: Int32Array): { mean: number; se: number } {
  let s = 0;
  for (const v of values) s += v;
  const mean = s / values.length;
  let ss = 0;
  for (let i = 0; i + 1 < offsets.length; i++) {
    let c = 0;
    for (let r = offsets[i]!; r < offsets[i + 1]!; r++) c += values[r]! - mean;
    ss += c * c;
  }
  return { mean, se: Math.sqrt(ss) / values.length };
}

const squares = (x: Float64Array): Float64Array => x.map((v) => v * v);

describe("naivePulls", () => {
  it("gives (f - mean)/e for a hand-computed light curve", () => {
    // mean = 16/9 (see weightedMeans): pulls (1 - 16/9)/1, (2 - 16/9)/1, (4 - 16/9)/2.
    const p = naivePulls(Int32Array.of(0, 3), Float64Array.of(1, 2, 4), Float64Array.of(1, 1, 2));
    expect(p[0]).toBeCloseTo(-7 / 9, 15);
    expect(p[1]).toBeCloseTo(2 / 9, 15);
    expect(p[2]).toBeCloseTo(10 / 9, 15);
  });

  it("computes (f - mean) / e in float64 with the weighted mean, bit for bit", () => {
    const { offsets, flux, err } = simulate(3, 50);
    const f32 = Float32Array.from(flux);
    const e32 = Float32Array.from(err);
    const { mean } = weightedMeans(offsets, f32, e32);
    const p = naivePulls(offsets, f32, e32);
    for (let i = 0; i < 50; i++) {
      for (let r = offsets[i]!; r < offsets[i + 1]!; r++) expect(Object.is(p[r], (f32[r]! - mean[i]!) / e32[r]!)).toBe(true);
    }
  });

  it("uses the means it is given instead of recomputing them", () => {
    const p = naivePulls(Int32Array.of(0, 2, 3), Float64Array.of(1, 3, 5), Float64Array.of(1, 2, 4), Float64Array.of(0, 1));
    expect([...p]).toEqual([1, 1.5, 1]);
  });

  it("gives NaN for unusable rows, rows of light curves without a usable row, and rows outside every light curve", () => {
    // Row 0 lies before offsets[0]; light curve 0 = rows 1..4 (rows 2 and 3 unusable), light curve 1 = row 4 (unusable).
    const flux = Float64Array.of(9, 1, NaN, 4, 2, 8);
    const err = Float64Array.of(1, 1, 1, 0, 1, -1);
    const p = naivePulls(Int32Array.of(1, 5, 6), flux, err);
    expect([...p]).toEqual([NaN, -0.5, NaN, NaN, 0.5, NaN]);
  });

  it("gives 0 for a light curve of one point", () => {
    expect([...naivePulls(Int32Array.of(0, 1), Float64Array.of(5), Float64Array.of(2))]).toEqual([0]);
  });

  it("keeps Σ pull/e = 0 within each light curve and is unchanged by f -> a f + b, e -> a e", () => {
    const lc = fc.array(fc.tuple(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true })), {
      minLength: 1,
      maxLength: 12,
    });
    const a = fc.double({ min: 0.1, max: 10, noNaN: true });
    const b = fc.double({ min: -1e3, max: 1e3, noNaN: true });
    fc.assert(
      fc.property(lc, a, b, (rows, a, b) => {
        const offsets = Int32Array.of(0, rows.length);
        const flux = Float64Array.from(rows, ([f]) => f);
        const err = Float64Array.from(rows, ([, e]) => e);
        const mu = weightedMeans(offsets, flux, err).mean[0]!;
        const p = naivePulls(offsets, flux, err);
        // Rounding: the mean is off by ~ n·eps·max|f|, each term by ~ eps·(|f| + |mean|)/e.
        const n = rows.length;
        const fmax = Math.max(...flux.map(Math.abs)) + Math.abs(b) / a;
        let s = 0;
        let scale = 0;
        for (let r = 0; r < n; r++) {
          s += p[r]! / err[r]!;
          scale += (Math.abs(flux[r]!) + n * fmax) / err[r]! ** 2;
        }
        expect(Math.abs(s)).toBeLessThanOrEqual(1e-12 * scale + 1e-300);
        const q = naivePulls(offsets, flux.map((f) => a * f + b), err.map((e) => a * e));
        for (let r = 0; r < n; r++) {
          const tol = 1e-300 + 1e-12 * (1 + (n * fmax + Math.abs(mu)) / err[r]!);
          expect(Math.abs(q[r]! - p[r]!)).toBeLessThanOrEqual(tol);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("correctedPulls", () => {
  it("gives (f - mean)/sqrt(e² - 1/W) for a hand-computed light curve", () => {
    // W = 9/4: denominators sqrt(1 - 4/9) = √5/3, √5/3, sqrt(4 - 4/9) = 4√2/3.
    const p = correctedPulls(Int32Array.of(0, 3), Float64Array.of(1, 2, 4), Float64Array.of(1, 1, 2));
    expect(p[0]).toBeCloseTo(-7 / (3 * Math.sqrt(5)), 14);
    expect(p[1]).toBeCloseTo(2 / (3 * Math.sqrt(5)), 14);
    expect(p[2]).toBeCloseTo(5 / (3 * Math.SQRT2), 14);
  });

  it("gives ±(f1 - f2)/sqrt(e1² + e2²) for two points", () => {
    // mean = (3/9 + 7/16)/(1/9 + 1/16) = 111/25, W = 25/144: both pulls ∓4/5.
    const p = correctedPulls(Int32Array.of(0, 2), Float64Array.of(3, 7), Float64Array.of(3, 4));
    expect(p[0]).toBeCloseTo(-0.8, 14);
    expect(p[1]).toBeCloseTo(0.8, 14);
  });

  it("gives NaN for a light curve of one usable point (0/0), unusable rows and empty light curves", () => {
    const p = correctedPulls(Int32Array.of(0, 2, 2, 5), Float64Array.of(5, NaN, 1, 2, 3), Float64Array.of(2, 1, 1, 1, Infinity));
    expect(p[0]).toBeNaN();
    expect(p[1]).toBeNaN();
    expect(p[2]).toBeCloseTo(-Math.SQRT1_2, 15);
    expect(p[3]).toBeCloseTo(Math.SQRT1_2, 15);
    expect(p[4]).toBeNaN();
  });

  it("uses the means it is given and still its own W", () => {
    // W = 2, e² - 1/W = 1/2 for both rows; mean forced to 0.
    const p = correctedPulls(Int32Array.of(0, 2), Float64Array.of(1, 3), Float64Array.of(1, 1), Float64Array.of(0));
    expect(p[0]).toBeCloseTo(Math.SQRT2, 15);
    expect(p[1]).toBeCloseTo(3 * Math.SQRT2, 14);
  });

  it("gives the same values for float32 input as for its float64 copy", () => {
    const { offsets, f32, f64 } = simulateWithFloat32(5, 300);
    expect(correctedPulls(offsets, f32.flux, f32.err)).toEqual(correctedPulls(offsets, f64.flux, f64.err));
    expect(naivePulls(offsets, f32.flux, f32.err)).toEqual(naivePulls(offsets, f64.flux, f64.err));
  });
});

describe("pull calibration on 20,000 simulated constant light curves (2-15 points, heteroscedastic errors)", () => {
  const sim = simulate(20260611, 20_000);
  const { offsets, flux, err } = sim;
  const { mean, weightSum } = weightedMeans(offsets, flux, err);

  it("shows naive pulls biased low by exactly the predicted Σ(1 - 1/(W e²))/N", () => {
    const p = naivePulls(offsets, flux, err, mean);
    let expected = 0;
    for (let i = 0; i + 1 < offsets.length; i++) {
      for (let r = offsets[i]!; r < offsets[i + 1]!; r++) expected += 1 - 1 / (weightSum[i]! * err[r]! * err[r]!);
    }
    expected /= flux.length;
    // Σ_i w_i/W = 1 per light curve, so the prediction is 1 - nLc/N.
    expect(expected).toBeCloseTo(1 - 20_000 / flux.length, 10);
    const { mean: m2, se } = clusteredMean(squares(p), offsets);
    expect(Math.abs(m2 - expected)).toBeLessThan(4 * se);
    expect(1 - m2).toBeGreaterThan(20 * se); // the bias is real and large
  });

  it("gives corrected pulls of mean 0 and variance 1", () => {
    const p = correctedPulls(offsets, flux, err, mean);
    const first = clusteredMean(p, offsets);
    expect(Math.abs(first.mean)).toBeLessThan(4 * first.se);
    const second = clusteredMean(squares(p), offsets);
    expect(Math.abs(second.mean - 1)).toBeLessThan(4 * second.se);
  });

  it("recovers an injected error under-estimate of 1.7x as a corrected-pull variance of 1.7²", () => {
    const bad = simulate(99, 20_000, 1.7);
    const second = clusteredMean(squares(correctedPulls(bad.offsets, bad.flux, bad.err)), bad.offsets);
    expect(Math.abs(second.mean - 1.7 ** 2)).toBeLessThan(4 * second.se);
  });
});

describe("pulls at scale", () => {
  it("run on a million float32 rows and stay calibrated", () => {
    const nLc = 100_000;
    const { offsets, flux, err } = simulateFloat32(1, nLc, 10);
    const { mean } = weightedMeans(offsets, flux, err);
    const naive = naivePulls(offsets, flux, err, mean);
    const corrected = correctedPulls(offsets, flux, err, mean);
    expect(naive.length).toBe(1_000_000);
    expect(corrected.length).toBe(1_000_000);
    const { mean: m2, se } = clusteredMean(squares(corrected), offsets);
    expect(Math.abs(m2 - 1)).toBeLessThan(4 * se);
  });
});
