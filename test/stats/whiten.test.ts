import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalQuantile } from "../../src/stats/distributions.js";
import { Random } from "../../src/stats/random.js";
import { weightedMeans } from "../../src/stats/weighted-mean.js";
import { whitenedResiduals } from "../../src/stats/whiten.js";
import { simulate, simulateFloat32, simulateWithFloat32 } from "./helpers/light-curves.js";

/**
 * Undo the reflection: x = H [0, y₂..yₙ] with H = I - v vᵀ/(1 + û₁), v = û + e₁,
 * û = u/|u|, u = 1/e. For the whitened values of a light curve this must be its
 * residual vector (f - mean)/e, which is orthogonal to u.
 */
function unreflect(y: Float64Array, err: Float64Array): Float64Array {
  const n = err.length;
  let w = 0;
  for (const e of err) w += 1 / (e * e);
  const uh = err.map((e) => 1 / e / Math.sqrt(w));
  let t = 0;
  for (let k = 1; k < n; k++) t += uh[k]! * y[k - 1]!;
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) x[k] = (k > 0 ? y[k - 1]! : 0) - ((k === 0 ? uh[0]! + 1 : uh[k]!) * t) / (1 + uh[0]!);
  return x;
}

describe("whitenedResiduals", () => {
  it("gives the hand-computed values of a three-point light curve, whose squares sum to its chi-square", () => {
    // û = (2/3, 2/3, 1/3), r = (f - 16/9)/e = (-7/9, 2/9, 10/9), û·r = 0, c = (0 - 7/9)/(1 + 2/3) = -7/15:
    // y = (2/9 + (2/3)(7/15), 10/9 + (1/3)(7/15)) = (8/15, 19/15); Σy² = 17/9 = Σr².
    const w = whitenedResiduals(Int32Array.of(0, 3), Float64Array.of(1, 2, 4), Float64Array.of(1, 1, 2));
    expect([...w.offsets]).toEqual([0, 2]);
    expect(w.values[0]).toBeCloseTo(8 / 15, 15);
    expect(w.values[1]).toBeCloseTo(19 / 15, 15);
    expect(w.values[0]! ** 2 + w.values[1]! ** 2).toBeCloseTo(17 / 9, 14);
  });

  it("gives ±(f1 - f2)/sqrt(e1² + e2²) for two points", () => {
    const w = whitenedResiduals(Int32Array.of(0, 2), Float64Array.of(3, 7), Float64Array.of(3, 4));
    expect(Math.abs(w.values[0]!)).toBeCloseTo(4 / 5, 15);
    const rng = new Random(11);
    for (let k = 0; k < 20; k++) {
      const f = Float64Array.of(rng.normal(0, 100), rng.normal(0, 100));
      const e = Float64Array.of(rng.uniformRange(0.1, 10), rng.uniformRange(0.1, 10));
      const y = whitenedResiduals(Int32Array.of(0, 2), f, e).values[0]!;
      expect(Math.abs(y)).toBeCloseTo(Math.abs(f[0]! - f[1]!) / Math.hypot(e[0]!, e[1]!), 10);
    }
  });

  it("keeps the chi-square, maps back onto the residuals (orthogonal to u) and ignores the mean", () => {
    const lc = fc.array(fc.tuple(fc.double({ min: -1e4, max: 1e4, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true })), {
      minLength: 2,
      maxLength: 12,
    });
    fc.assert(
      fc.property(lc, fc.double({ min: -1e4, max: 1e4, noNaN: true }), (rows, shift) => {
        const offsets = Int32Array.of(0, rows.length);
        const flux = Float64Array.from(rows, ([f]) => f);
        const err = Float64Array.from(rows, ([, e]) => e);
        const mu = weightedMeans(offsets, flux, err).mean[0]!;
        const w = whitenedResiduals(offsets, flux, err);
        expect(w.values.length).toBe(rows.length - 1);
        // Residuals r = (f - mean)/e; each value is off by ~ n·eps·max|f|/min e through the mean.
        const res = flux.map((f, k) => (f - mu) / err[k]!);
        const n = rows.length;
        const tol = 1e-300 + (1e-12 * n * (Math.max(...flux.map(Math.abs)) + Math.abs(shift))) / Math.min(...err);
        let chi2 = 0;
        let sumSq = 0;
        for (const r of res) chi2 += r * r;
        for (const y of w.values) sumSq += y * y;
        expect(Math.abs(sumSq - chi2)).toBeLessThanOrEqual(4 * n * tol * (Math.sqrt(chi2) + tol) + 1e-300);
        const x = unreflect(w.values, err);
        let xu = 0;
        for (let k = 0; k < n; k++) {
          expect(Math.abs(x[k]! - res[k]!)).toBeLessThanOrEqual(n * tol);
          xu += x[k]! / err[k]!;
        }
        expect(Math.abs(xu)).toBeLessThanOrEqual(n * tol * Math.max(...err.map((e) => 1 / e)));
        const shifted = whitenedResiduals(offsets, flux.map((f) => f + shift), err);
        for (let k = 0; k < w.values.length; k++) expect(Math.abs(shifted.values[k]! - w.values[k]!)).toBeLessThanOrEqual(n * tol);
      }),
      { numRuns: 200 },
    );
  });

  it("skips unusable rows and gives no values to light curves with fewer than two usable rows", () => {
    // Row 0 lies before offsets[0]. Light curve 0 (rows 1..5) has usable rows 1, 3, 5 = the hand-computed curve;
    // light curve 1 is empty, light curve 2 has one usable row, light curve 3 none.
    const flux = Float64Array.of(9, 1, NaN, 2, 5, 4, 6, 7, NaN);
    const err = Float64Array.of(1, 1, 1, 1, 0, 2, 1, -1, 1);
    const w = whitenedResiduals(Int32Array.of(1, 6, 6, 8, 9), flux, err);
    expect([...w.offsets]).toEqual([0, 2, 2, 2, 2]);
    expect(w.values[0]).toBeCloseTo(8 / 15, 15);
    expect(w.values[1]).toBeCloseTo(19 / 15, 15);
    expect(whitenedResiduals(Int32Array.of(0), new Float64Array(0), new Float64Array(0))).toEqual({ values: new Float64Array(0), offsets: Int32Array.of(0) });
  });

  it("gives the same values for float32 input as for its float64 copy", () => {
    const { offsets, f32, f64 } = simulateWithFloat32(5, 300);
    expect(whitenedResiduals(offsets, f32.flux, f32.err)).toEqual(whitenedResiduals(offsets, f64.flux, f64.err));
  });

  it("throws an ArgumentError for a broken layout", () => {
    expect(() => whitenedResiduals(Int32Array.of(0, 3), Float64Array.of(1, 2), Float64Array.of(1, 2))).toThrow(/whitenedResiduals: offsets end at row 3/);
  });
});

describe("whitening calibration on 20,000 simulated constant light curves (2-15 points, heteroscedastic errors)", () => {
  const { offsets, flux, err } = simulate(20260612, 20_000);
  const w = whitenedResiduals(offsets, flux, err);
  const y = w.values;
  const m = y.length;

  it("gives n - 1 values per light curve", () => {
    for (let i = 0; i < 20_000; i++) expect(w.offsets[i + 1]! - w.offsets[i]!).toBe(offsets[i + 1]! - offsets[i]! - 1);
  });

  it("gives values of mean 0, variance 1 and N(0, 1) tails", () => {
    let s = 0;
    let s2 = 0;
    let tails = 0;
    const z975 = normalQuantile(0.975);
    for (const v of y) {
      s += v;
      s2 += v * v;
      if (Math.abs(v) > z975) tails++;
    }
    expect(Math.abs(s / m)).toBeLessThan(4 / Math.sqrt(m));
    expect(Math.abs(s2 / m - 1)).toBeLessThan(4 * Math.sqrt(2 / m));
    expect(Math.abs(tails / m - 0.05)).toBeLessThan(4 * Math.sqrt((0.05 * 0.95) / m));
  });

  it("gives uncorrelated consecutive values within a light curve", () => {
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    let pairs = 0;
    for (let i = 0; i < 20_000; i++) {
      for (let k = w.offsets[i]!; k + 1 < w.offsets[i + 1]!; k++) {
        sab += y[k]! * y[k + 1]!;
        saa += y[k]! ** 2;
        sbb += y[k + 1]! ** 2;
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(100_000);
    expect(Math.abs(sab / Math.sqrt(saa * sbb))).toBeLessThan(4 / Math.sqrt(pairs));
  });

  it("recovers an injected error under-estimate of 1.7x as a variance of 1.7²", () => {
    const bad = simulate(99, 20_000, 1.7);
    const v = whitenedResiduals(bad.offsets, bad.flux, bad.err).values;
    let s2 = 0;
    for (const x of v) s2 += x * x;
    expect(Math.abs(s2 / v.length - 1.7 ** 2)).toBeLessThan(4 * 1.7 ** 2 * Math.sqrt(2 / v.length));
  });
});

describe("whitening at scale", () => {
  it("runs on a million float32 rows into one output buffer and stays calibrated", () => {
    const nLc = 100_000;
    const { offsets, flux, err } = simulateFloat32(1, nLc, 10);
    const { values } = whitenedResiduals(offsets, flux, err);
    expect(values.length).toBe(1_000_000 - nLc);
    let s2 = 0;
    for (const v of values) s2 += v * v;
    expect(Math.abs(s2 / values.length - 1)).toBeLessThan(4 * Math.sqrt(2 / values.length));
  });
});
