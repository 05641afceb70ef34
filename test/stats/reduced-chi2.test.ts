import { describe, expect, it } from "vitest";
import { chi2Pvalue, reducedChi2 } from "../../src/stats/reduced-chi2.js";
import { weightedMeans } from "../../src/stats/weighted-mean.js";
import { simulate, simulateFloat32, simulateWithFloat32 } from "./helpers/light-curves.js";

describe("reducedChi2", () => {
  it("gives Σ((f - mean)/e)²/(n - 1) for a hand-computed light curve", () => {
    // Pulls -7/9, 2/9, 10/9: χ² = (49 + 4 + 100)/81 = 17/9 over 2 degrees of freedom.
    const x = reducedChi2(Int32Array.of(0, 3), Float64Array.of(1, 2, 4), Float64Array.of(1, 1, 2));
    expect(x[0]).toBeCloseTo(17 / 18, 15);
  });

  it("gives NaN below two usable rows, skipping NaN flux and bad errors", () => {
    // Light curve 1: rows (3, 1), (NaN, 1), (5, 1), (9, 0), (9, -1), (9, Inf): χ² = 2 over 1 dof.
    const flux = Float64Array.of(5, 3, NaN, 5, 9, 9, 9, 4, NaN);
    const err = Float64Array.of(1, 1, 1, 1, 0, -1, Infinity, 1, 1);
    expect([...reducedChi2(Int32Array.of(0, 1, 7, 7, 9), flux, err)]).toEqual([NaN, 2, NaN, NaN]);
  });

  it("uses the means it is given instead of recomputing them", () => {
    // About 0: ((1/1)² + (3/1)²)/1 = 10.
    expect([...reducedChi2(Int32Array.of(0, 2), Float64Array.of(1, 3), Float64Array.of(1, 1), Float64Array.of(0))]).toEqual([10]);
    expect(() => reducedChi2(Int32Array.of(0, 2), Float64Array.of(1, 3), Float64Array.of(1, 1), Float64Array.of(0, 0))).toThrow(/reducedChi2: means has 2 values/);
  });

  it("gives the same values for float32 input as for its float64 copy", () => {
    const { offsets, f32, f64 } = simulateWithFloat32(5, 300);
    expect(reducedChi2(offsets, f32.flux, f32.err)).toEqual(reducedChi2(offsets, f64.flux, f64.err));
  });
});

describe("chi2Pvalue", () => {
  it("matches scipy's chi-square upper tail", () => {
    // scipy 1.17.1: scipy.stats.chi2.sf(17/9, 2), chi2.sf(10, 4), chi2.sf(0.5, 3), chi2.sf(30, 12)
    expect(chi2Pvalue(17 / 9, 2)).toBeCloseTo(0.3888955639892228, 12);
    expect(chi2Pvalue(10, 4)).toBeCloseTo(0.04042768199451279, 12);
    expect(chi2Pvalue(0.5, 3)).toBeCloseTo(0.9188914116546758, 12);
    expect(chi2Pvalue(30, 12)).toBeCloseTo(0.0027924293327009145, 12);
  });

  it("gives 1 at chi2 = 0 and NaN for a NaN chi2 or a non-positive dof", () => {
    expect(chi2Pvalue(0, 3)).toBe(1);
    expect(chi2Pvalue(NaN, 3)).toBeNaN();
    expect(chi2Pvalue(2, 0)).toBeNaN();
    expect(chi2Pvalue(2, NaN)).toBeNaN();
  });
});

describe("reduced chi-square calibration on 20,000 simulated constant light curves (2-15 points, heteroscedastic errors)", () => {
  const { offsets, flux, err } = simulate(20260613, 20_000);
  const { n } = weightedMeans(offsets, flux, err);
  const red = reducedChi2(offsets, flux, err);

  it("averages 1 per degree of freedom", () => {
    // Σ(n - 1)χ²_red ~ χ² with Σ(n - 1) dof: mean 1, SE sqrt(2/dof).
    let chi2 = 0;
    let dof = 0;
    for (let i = 0; i < red.length; i++) {
      chi2 += red[i]! * (n[i]! - 1);
      dof += n[i]! - 1;
    }
    expect(Math.abs(chi2 / dof - 1)).toBeLessThan(4 * Math.sqrt(2 / dof));
  });

  it("gives uniform p-values", () => {
    let below5 = 0;
    let sum = 0;
    for (let i = 0; i < red.length; i++) {
      const p = chi2Pvalue(red[i]! * (n[i]! - 1), n[i]! - 1);
      sum += p;
      if (p < 0.05) below5++;
    }
    const m = red.length;
    expect(Math.abs(sum / m - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / m));
    expect(Math.abs(below5 / m - 0.05)).toBeLessThan(4 * Math.sqrt((0.05 * 0.95) / m));
  });

  it("recovers an injected error under-estimate of 1.7x as a mean reduced chi-square of 1.7²", () => {
    const bad = simulate(99, 20_000, 1.7);
    const x = reducedChi2(bad.offsets, bad.flux, bad.err);
    const k = weightedMeans(bad.offsets, bad.flux, bad.err).n;
    let chi2 = 0;
    let dof = 0;
    for (let i = 0; i < x.length; i++) {
      chi2 += x[i]! * (k[i]! - 1);
      dof += k[i]! - 1;
    }
    expect(Math.abs(chi2 / dof - 1.7 ** 2)).toBeLessThan(4 * 1.7 ** 2 * Math.sqrt(2 / dof));
  });
});

describe("reduced chi-square at scale", () => {
  it("runs on a million float32 rows and averages 1 per degree of freedom", () => {
    const nLc = 100_000;
    const { offsets, flux, err } = simulateFloat32(1, nLc, 10);
    const red = reducedChi2(offsets, flux, err);
    let s = 0;
    for (const x of red) s += x;
    // Each light curve: χ²_red ~ χ²₉/9, variance 2/9.
    expect(Math.abs(s / nLc - 1)).toBeLessThan(4 * Math.sqrt(2 / 9 / nLc));
  });
});
