import { describe, expect, it } from "vitest";
import { Moments } from "../../src/stats/moments.js";
import { Random } from "../../src/stats/random.js";
import { IQR_TO_SIGMA, MAD_TO_SIGMA, iqrSigma, madSigma } from "../../src/stats/robust-sigma.js";

// 20 values (even n) and the same plus an outlier (odd n).
const SAMPLE = [0.31, -1.27, 2.05, 0.88, -0.44, 3.9, 1.12, -2.6, 0.05, 0.73, 5.5, -0.91, 1.47, 0.2, -0.06, 2.33, -1.8, 0.64, 7.25, -0.35];
const WITH_OUTLIER = [...SAMPLE, 100];

const relClose = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.abs(b);

function normalSample(seed: number, n: number, sigma: number): Float64Array {
  const rng = new Random(seed);
  return Float64Array.from({ length: n }, () => rng.normal(3, sigma));
}

describe("madSigma(values)", () => {
  it("matches numpy on a fixed sample, even and odd lengths", () => {
    // numpy 2.4.6 (with scipy 1.17.1): 1.4826 * np.median(np.abs(x - np.median(x)))
    expect(relClose(madSigma(SAMPLE), 1.415883, 1e-14)).toBe(true);
    expect(relClose(madSigma(WITH_OUTLIER), 1.601208, 1e-14)).toBe(true);
    // scipy 1.17.1: scipy.stats.median_abs_deviation(SAMPLE, scale=1/1.4826) = 1.415883
  });

  it("is 1.4826 times a hand-computed MAD", () => {
    // median 3; |x - 3| = 2 1 0 1 97; their median 1.
    expect(madSigma([1, 2, 3, 4, 100])).toBe(MAD_TO_SIGMA);
    // median 2.5; |x - 2.5| = 1.5 0.5 0.5 1.5; their median 1.
    expect(madSigma(Float32Array.of(1, 2, 3, 4))).toBe(1.4826);
  });

  it("recovers the injected sigma of a large seeded normal sample within 1%", () => {
    // Relative standard error ≈ 1.17/√n = 0.37% at n = 1e5.
    expect(Math.abs(madSigma(normalSample(2024, 100_000, 2.5)) / 2.5 - 1)).toBeLessThan(0.01);
  });

  it("stays near the injected sigma when 5% of the values are wild outliers", () => {
    const x = normalSample(17, 100_000, 2.5);
    for (let i = 0; i < 5000; i++) x[i * 20] = 1e6;
    const m = new Moments();
    m.addAll(x);
    expect(m.std).toBeGreaterThan(1e5);
    // Asymptotically 1.062 × sigma for this contamination (numpy on 1e6 draws: 1.0617).
    expect(madSigma(x) / 2.5).toBeGreaterThan(1.03);
    expect(madSigma(x) / 2.5).toBeLessThan(1.09);
  });

  it("skips NaN, and is NaN for an empty sample or an infinite median", () => {
    expect(madSigma([1, NaN, 2, 3, 4, 100, NaN])).toBe(MAD_TO_SIGMA);
    expect(madSigma([])).toBeNaN();
    expect(madSigma([NaN])).toBeNaN();
    expect(madSigma([1, Infinity, Infinity])).toBeNaN();
    expect(madSigma([1, 2, 3, Infinity, -Infinity])).toBe(MAD_TO_SIGMA * 1);
  });

  it("does not modify its input", () => {
    const x = Float64Array.of(4, 1, 3);
    madSigma(x);
    expect(Array.from(x)).toEqual([4, 1, 3]);
  });
});

describe("iqrSigma(values)", () => {
  it("matches numpy on a fixed sample, even and odd lengths", () => {
    // numpy 2.4.6 (with scipy 1.17.1): (np.quantile(x, 0.75) - np.quantile(x, 0.25)) / 1.349
    expect(relClose(iqrSigma(SAMPLE), 1.4733135656041514, 1e-14)).toBe(true);
    expect(relClose(iqrSigma(WITH_OUTLIER), 1.7790956263899185, 1e-14)).toBe(true);
  });

  it("is the hand-computed interquartile range over 1.349", () => {
    // Q1 = 2, Q3 = 4 (virtual indices 1 and 3 of 0..4).
    expect(iqrSigma([5, 1, 4, 2, 3])).toBe(2 / IQR_TO_SIGMA);
    // Q1 at index 0.75 → 1.75, Q3 at index 2.25 → 3.25.
    expect(iqrSigma([1, 2, 3, 4])).toBe(1.5 / 1.349);
  });

  it("recovers the injected sigma of a large seeded normal sample within 1%", () => {
    expect(Math.abs(iqrSigma(normalSample(2024, 100_000, 2.5)) / 2.5 - 1)).toBeLessThan(0.01);
  });

  it("stays near the injected sigma when 5% of the values are wild outliers", () => {
    const x = normalSample(17, 100_000, 2.5);
    for (let i = 0; i < 5000; i++) x[i * 20] = -1e6;
    // Asymptotically 1.063 × sigma for this contamination (numpy on 1e6 draws: 1.0628).
    expect(iqrSigma(x) / 2.5).toBeGreaterThan(1.03);
    expect(iqrSigma(x) / 2.5).toBeLessThan(1.09);
  });

  it("skips NaN and is NaN for an empty sample", () => {
    expect(iqrSigma([5, NaN, 1, 4, 2, 3])).toBe(2 / 1.349);
    expect(iqrSigma([])).toBeNaN();
    expect(iqrSigma([NaN, NaN])).toBeNaN();
  });
});
