import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { normalCdf } from "../../src/stats/distributions.js";
import { truncatedCdf } from "../../src/stats/truncate.js";

describe("truncatedCdf", () => {
  it("truncatedCdf(normalCdf, lo, hi) matches scipy.stats.truncnorm.cdf", () => {
    // scipy 1.17.1: truncnorm.cdf(1, -3, 3), truncnorm.cdf(-2.5, -3, 3), truncnorm.cdf(0.7, -1, 2)
    expect(truncatedCdf(normalCdf, -3, 3)(1)).toBeCloseTo(0.8422688020328479, 14);
    expect(truncatedCdf(normalCdf, -3, 3)(-2.5)).toBeCloseTo(0.004872923192999062, 14);
    expect(truncatedCdf(normalCdf, -1, 2)(0.7)).toBeCloseTo(0.7322074730354122, 14);
    // scipy 1.17.1: truncnorm.cdf(0.5, -1, inf)
    expect(truncatedCdf(normalCdf, -1, Infinity)(0.5)).toBeCloseTo(0.6332804832172199, 14);
  });

  it("truncatedCdf is 0 up to lo, 1 from hi, and NaN for NaN", () => {
    const f = truncatedCdf(normalCdf, -3, 3);
    expect(f(-3)).toBe(0);
    expect(f(-10)).toBe(0);
    expect(f(-Infinity)).toBe(0);
    expect(f(3)).toBe(1);
    expect(f(Infinity)).toBe(1);
    expect(f(NaN)).toBeNaN();
  });

  it("truncatedCdf over the whole line is the original CDF", () => {
    const f = truncatedCdf(normalCdf, -Infinity, Infinity);
    for (const x of [-2, -0.3, 0, 1.7]) expect(f(x)).toBe(normalCdf(x));
  });

  it("truncatedCdf throws ArgumentError for an empty or massless range", () => {
    expect(() => truncatedCdf(normalCdf, 1, 1)).toThrow(ArgumentError);
    expect(() => truncatedCdf(normalCdf, 2, -2)).toThrow(/needs lo < hi/);
    expect(() => truncatedCdf(normalCdf, NaN, 1)).toThrow(/needs lo < hi/);
    expect(() => truncatedCdf((x) => Math.min(1, Math.max(0, x)), 2, 3)).toThrow(/probability 0 in \[2, 3\]/);
  });
});
