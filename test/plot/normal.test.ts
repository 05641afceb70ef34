import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stdNormalDensity, stdNormalQuantile } from "../../src/plot/normal.js";
import { normalPdf, normalQuantile } from "../../src/stats/distributions.js";

describe("stdNormalQuantile", () => {
  it("agrees with stats' normalQuantile (jstat) to Acklam's 1.2e-9 relative error where jstat is exact (1e-5 <= p <= 1 - 1e-5)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-5, max: 1 - 1e-5, noNaN: true }), (p) => {
        const want = normalQuantile(p);
        expect(Math.abs(stdNormalQuantile(p) - want)).toBeLessThanOrEqual(1.2e-9 * Math.abs(want) + 1e-12);
      }),
    );
  });

  it("keeps that accuracy in the far tails (Wichura's AS241 values, Python's statistics.NormalDist)", () => {
    const as241: [number, number][] = [
      [1e-12, -7.034483825301132],
      [1e-10, -6.361340902404056],
      [1e-8, -5.61200124417479],
      [1e-6, -4.753424308822899],
      [1e-4, -3.71901648545568],
    ];
    for (const [p, z] of as241) {
      expect(Math.abs(stdNormalQuantile(p) - z)).toBeLessThan(1.2e-9 * -z);
      expect(Math.abs(stdNormalQuantile(1 - p) + z)).toBeLessThan(1e-4); // 1 - p itself is rounded
    }
  });

  it("meets the textbook values on both sides of the central region's borders (p = 0.02425)", () => {
    expect(stdNormalQuantile(0.5)).toBe(0);
    expect(stdNormalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(stdNormalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 8);
    expect(stdNormalQuantile(0.02)).toBeCloseTo(-2.053748910631823, 8);
    expect(stdNormalQuantile(0.98)).toBeCloseTo(2.053748910631823, 8);
    expect(stdNormalQuantile(0.00134989803163)).toBeCloseTo(-3, 8);
  });

  it("is -Infinity at 0, +Infinity at 1 and NaN outside [0, 1]", () => {
    expect(stdNormalQuantile(0)).toBe(-Infinity);
    expect(stdNormalQuantile(1)).toBe(Infinity);
    expect(stdNormalQuantile(-0.1)).toBeNaN();
    expect(stdNormalQuantile(1.5)).toBeNaN();
    expect(stdNormalQuantile(NaN)).toBeNaN();
  });
});

describe("stdNormalDensity", () => {
  it("is exp(-x²/2)/√(2π), the same as stats' normalPdf", () => {
    for (const x of [-8, -1.5, 0, 0.3, 2, 37]) expect(stdNormalDensity(x)).toBe(normalPdf(x));
    expect(stdNormalDensity(1)).toBeCloseTo(0.24197072451914337, 15);
  });
});
