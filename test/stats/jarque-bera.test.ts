import { describe, expect, it } from "vitest";
import { ArgumentError, InsufficientDataError } from "../../src/frame/errors.js";
import { chiSquareSf } from "../../src/stats/distributions.js";
import { jarqueBera, jarqueBeraOf } from "../../src/stats/jarque-bera.js";
import { Random } from "../../src/stats/random.js";
import { thrown } from "./helpers/thrown.js";

// Rounded draws of N(0.2, 1.1²) and of a shifted exponential (numpy default_rng(2024)).
const X = [1.33, 2.01, 1.46, -0.87, -1.33, 0.27, 1.15, 0.76, 2.19, 1.03, 0.9, -0.6, -1.02, 1.83, 0.25, 1.09, -1.31, -0.28, -1.22, -0.65];
const Y = [-0.93, 2.07, 0.64, 0.11, -0.71, -0.73, 2.5, -0.59, -0.6, -0.88, -0.01, -0.86, -0.19, -0.78, 0.77, -0.6, -0.21, -0.94, -0.93, -0.88];

describe("jarqueBera", () => {
  it("jarqueBera(stats) is n/6 (g1² + g2²/4) with p = exp(-JB/2)", () => {
    const r = jarqueBera({ n: 100, skewness: 0.5, kurtosis: 1 });
    expect(r.stat).toBeCloseTo((100 / 6) * (0.25 + 0.25), 13);
    expect(r.p).toBeCloseTo(Math.exp(-25 / 6), 15);
    expect(r.p).toBeCloseTo(chiSquareSf(r.stat, 2), 12);
    expect(jarqueBera({ n: 10, skewness: 0, kurtosis: 0 })).toEqual({ stat: 0, p: 1 });
  });

  it("jarqueBera from scipy's skew and kurtosis gives scipy's jarque_bera", () => {
    // scipy 1.17.1: skew(Y), kurtosis(Y) -> 1.6502908085190147, 1.736344102682879; jarque_bera(Y) -> 11.590608211375821, 0.003041805255742459
    const r = jarqueBera({ n: 20, skewness: 1.6502908085190147, kurtosis: 1.736344102682879 });
    expect(r.stat).toBeCloseTo(11.590608211375821, 12);
    expect(r.p).toBeCloseTo(0.003041805255742459, 14);
  });

  it("jarqueBera throws ArgumentError for a bad n or undefined moments", () => {
    expect(() => jarqueBera({ n: 0, skewness: 0, kurtosis: 0 })).toThrow(ArgumentError);
    expect(() => jarqueBera({ n: 2.5, skewness: 0, kurtosis: 0 })).toThrow(/positive integer/);
    expect(() => jarqueBera({ n: 10, skewness: NaN, kurtosis: 0 })).toThrow(/must both be finite/);
  });

  it("jarqueBera throws InsufficientDataError for n = 0 but not for a fractional n or NaN moments", () => {
    expect(() => jarqueBera({ n: 0, skewness: 0, kurtosis: 0 })).toThrow(InsufficientDataError);
    expect(thrown(() => jarqueBera({ n: 2.5, skewness: 0, kurtosis: 0 }))).not.toBeInstanceOf(InsufficientDataError);
    expect(thrown(() => jarqueBera({ n: 10, skewness: NaN, kurtosis: 0 }))).not.toBeInstanceOf(InsufficientDataError);
  });
});

describe("jarqueBeraOf", () => {
  it("jarqueBeraOf(values) matches scipy.stats.jarque_bera", () => {
    // scipy 1.17.1: jarque_bera(X) -> 1.5754234735819779, 0.4548845007361998
    const x = jarqueBeraOf(X);
    expect(x.stat).toBeCloseTo(1.5754234735819779, 12);
    expect(x.p).toBeCloseTo(0.4548845007361998, 12);
    // scipy 1.17.1: jarque_bera(Y) -> 11.590608211375821, 0.003041805255742459
    const y = jarqueBeraOf(Y);
    expect(y.stat).toBeCloseTo(11.590608211375821, 12);
    expect(y.p).toBeCloseTo(0.003041805255742459, 14);
    // scipy 1.17.1: jarque_bera(X.astype(float32).astype(float64)) -> 1.5754234382589747, 0.4548845087701431
    const f = jarqueBeraOf(Float32Array.from(X));
    expect(f.stat).toBeCloseTo(1.5754234382589747, 12);
  });

  it("jarqueBeraOf of two values is n/6 · (-2)²/4 = 1/3", () => {
    // g1 = 0, g2 = 1 - 3 = -2. scipy 1.17.1: jarque_bera([0, 1]) -> 0.3333333333333333, 0.8464817248906141
    const r = jarqueBeraOf([0, 1]);
    expect(r.stat).toBeCloseTo(1 / 3, 15);
    expect(r.p).toBeCloseTo(0.8464817248906141, 15);
  });

  it("jarqueBeraOf checks shape only: it is invariant under a x + b", () => {
    const rng = new Random(5);
    const x = Float64Array.from({ length: 1000 }, () => rng.exponential());
    const y = x.map((v) => 3 * v - 7);
    expect(jarqueBeraOf(y).stat).toBeCloseTo(jarqueBeraOf(x).stat, 8);
  });

  it("jarqueBeraOf recovers the injected shape: uniform draws have g2 = -1.2, so JB/n → 0.06", () => {
    const rng = new Random(17);
    const n = 100_000;
    const u = Float64Array.from({ length: n }, () => rng.uniform());
    // Sampling error of g2 for the uniform: sqrt(0.4/n) ≈ 0.002, i.e. ±0.0004 on JB/n.
    expect(jarqueBeraOf(u).stat / n).toBeCloseTo(1.44 / 4 / 6, 2);
    const z = rng.fillNormal(new Float64Array(n));
    expect(jarqueBeraOf(z).p).toBeGreaterThan(0.001);
  });

  it("jarqueBeraOf throws ArgumentError for empty, NaN, infinite and constant samples", () => {
    expect(() => jarqueBeraOf([])).toThrow(ArgumentError);
    expect(() => jarqueBeraOf([1, NaN, 2, NaN])).toThrow(/2 of 4 values are NaN/);
    expect(() => jarqueBeraOf([1, Infinity, 2])).toThrow(/1 of 3 values are infinite/);
    expect(() => jarqueBeraOf([0.1, 0.1, 0.1])).toThrow(/all 3 values are equal/);
    expect(() => jarqueBeraOf([4])).toThrow(/a single value has zero variance/);
  });

  it("jarqueBeraOf throws InsufficientDataError for empty, single-value and constant samples, plain ArgumentError for NaN or infinite values", () => {
    expect(() => jarqueBeraOf([])).toThrow(InsufficientDataError);
    expect(() => jarqueBeraOf([4])).toThrow(InsufficientDataError);
    expect(() => jarqueBeraOf([0.1, 0.1, 0.1])).toThrow(InsufficientDataError);
    for (const bad of [[1, NaN, 2], [1, Infinity, 2]]) {
      const e = thrown(() => jarqueBeraOf(bad));
      expect(e).toBeInstanceOf(ArgumentError);
      expect(e).not.toBeInstanceOf(InsufficientDataError);
    }
  });
});
