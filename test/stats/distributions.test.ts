import { describe, expect, it } from "vitest";
import { chiSquareQuantile, chiSquareSf, normalCdf, normalPdf, normalQuantile, normalSf } from "../../src/stats/distributions.js";

// Reference values: scipy.stats 1.17.1 (norm.cdf, norm.sf, norm.ppf, chi2.sf, chi2.ppf).
describe("normal distribution", () => {
  it("matches scipy in the body and the tails", () => {
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
    expect(normalCdf(-5) / 2.866515718791933e-7).toBeCloseTo(1, 6);
    expect(normalSf(5) / 2.866515718791933e-7).toBeCloseTo(1, 6);
    expect(normalPdf(1)).toBeCloseTo(Math.exp(-0.5) / Math.sqrt(2 * Math.PI), 15);
  });

  it("inverts its CDF", () => {
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    for (const x of [-3, -1.2, 0.3, 2.5]) expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 8);
  });
});

describe("chi-square distribution", () => {
  it("matches scipy's upper tail and quantile", () => {
    expect(chiSquareSf(10, 4)).toBeCloseTo(0.04042768199451279, 10);
    expect(chiSquareSf(100, 80)).toBeCloseTo(0.064570368921133, 10);
    expect(chiSquareQuantile(0.99, 10)).toBeCloseTo(23.209251158954356, 6);
  });

  it("gives 1 for x <= 0", () => {
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareSf(-1, 3)).toBe(1);
  });
});
