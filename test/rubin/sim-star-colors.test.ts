import { describe, expect, it } from "vitest";
import { Random } from "../../src/stats/random.js";
import { LOCUS_BANDS, galaxyMagnitudes, starMagnitudes, stellarLocusGr } from "../../src/rubin/sim-star-colors.js";

describe("stellarLocusGr", () => {
  it("follows Jurić et al. (2008) eq. 2: 1.39 (1 - e^-0.05) at r - i = 0, 1.2223 at 0.5, saturating at 1.39", () => {
    expect(stellarLocusGr(0)).toBeCloseTo(1.39 * (1 - Math.exp(-0.05)), 15); // 0.06778
    // at 0.5 the exponent is -(4.9/8 + 2.45/4 + 0.84 + 0.05) = -2.115
    expect(stellarLocusGr(0.5)).toBeCloseTo(1.39 * (1 - Math.exp(-2.115)), 15);
    expect(stellarLocusGr(0.5)).toBeCloseTo(1.2223, 4);
    expect(stellarLocusGr(1.5)).toBeCloseTo(1.39, 6);
  });
});

describe("starMagnitudes", () => {
  it("puts stars on the locus with 0.03 mag of scatter in g - r", () => {
    const rng = new Random(7);
    const n = 4000;
    let s = 0;
    let s2 = 0;
    for (let k = 0; k < n; k++) {
      const m = starMagnitudes(rng);
      expect(m).toHaveLength(LOCUS_BANDS.length);
      const d = m[1]! - m[2]! - stellarLocusGr(m[2]! - m[3]!);
      s += d;
      s2 += d * d;
    }
    const mean = s / n;
    const sd = Math.sqrt(s2 / n - mean * mean);
    expect(Math.abs(mean)).toBeLessThan((3 * 0.03) / Math.sqrt(n));
    expect(Math.abs(sd - 0.03)).toBeLessThan(3 * (0.03 / Math.sqrt(2 * n)));
  });

  it("draws r between 16 and 24.5 and r - i between 0 and 1.6", () => {
    const rng = new Random(8);
    for (let k = 0; k < 2000; k++) {
      const m = starMagnitudes(rng);
      expect(m[2]).toBeGreaterThanOrEqual(16);
      expect(m[2]).toBeLessThanOrEqual(24.5);
      expect(m[2]! - m[3]!).toBeGreaterThanOrEqual(0);
      expect(m[2]! - m[3]!).toBeLessThanOrEqual(1.6);
    }
  });
});

describe("galaxyMagnitudes", () => {
  it("draws r between 18 and 25.5 with g - r in [0.2, 1.6)", () => {
    const rng = new Random(9);
    for (let k = 0; k < 2000; k++) {
      const m = galaxyMagnitudes(rng);
      expect(m[2]).toBeGreaterThanOrEqual(18);
      expect(m[2]).toBeLessThanOrEqual(25.5);
      expect(m[1]! - m[2]!).toBeGreaterThanOrEqual(0.2 - 1e-12);
      expect(m[1]! - m[2]!).toBeLessThan(1.6 + 1e-12);
    }
  });
});
