import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, InsufficientDataError } from "../../src/frame/errors.js";
import { andersonDarling, andersonDarlingSf } from "../../src/stats/anderson-darling.js";
import { normalCdf } from "../../src/stats/distributions.js";
import { Random } from "../../src/stats/random.js";
import { truncatedCdf } from "../../src/stats/truncate.js";
import { thrown } from "./helpers/thrown.js";

// Rounded draws of N(0.2, 1.1²) and of a shifted exponential (numpy default_rng(2024)).
const X = [1.33, 2.01, 1.46, -0.87, -1.33, 0.27, 1.15, 0.76, 2.19, 1.03, 0.9, -0.6, -1.02, 1.83, 0.25, 1.09, -1.31, -0.28, -1.22, -0.65];
const Y = [-0.93, 2.07, 0.64, 0.11, -0.71, -0.73, 2.5, -0.59, -0.6, -0.88, -0.01, -0.86, -0.19, -0.78, 0.77, -0.6, -0.21, -0.94, -0.93, -0.88];
const n02 = (x: number) => normalCdf((x - 0.2) / 1.1);

describe("andersonDarling", () => {
  it("andersonDarling(values) computes A² of the definition", () => {
    // numpy/scipy 1.17.1 by hand: u = sort(norm.cdf(v)); -n - sum((2i-1)(log u + log1p(-u[::-1])))/n
    expect(andersonDarling(X).stat).toBeCloseTo(2.1561129241799506, 12);
    expect(andersonDarling(Y).stat).toBeCloseTo(2.708171210234134, 12);
    // The same with u = norm(0.2, 1.1).cdf(v).
    expect(andersonDarling(X, n02).stat).toBeCloseTo(0.8472937762492485, 12);
    expect(andersonDarling(Y, n02).stat).toBeCloseTo(3.9134885001640782, 12);
    expect(andersonDarling(X).n).toBe(20);
    expect(andersonDarling(Y).p).toBe(andersonDarlingSf(andersonDarling(Y).stat, 20));
  });

  it("andersonDarling of one value is exact: A² = -1 - ln(F(1 - F)), p = P(|U - 1/2| >= |F - 1/2|)", () => {
    const f = normalCdf(1);
    const r = andersonDarling([1]);
    expect(r.stat).toBeCloseTo(-1 - Math.log(f * (1 - f)), 14);
    expect(r.p).toBeCloseTo(2 * (1 - f), 14);
    expect(andersonDarling([0])).toEqual({ stat: Math.log(4) - 1, p: 1, n: 1 });
  });

  it("andersonDarling of n equal values at the median is 40 ln 2 - 20 for n = 20", () => {
    // Every u = 1/2: A² = -n + (1/n) Σ (2i-1) 2 ln 2 = -n + 2n ln 2.
    const r = andersonDarling(new Float64Array(20));
    expect(r.stat).toBeCloseTo(40 * Math.LN2 - 20, 12);
    expect(r.p).toBeLessThan(1e-3);
  });

  it("andersonDarling keeps values outside the support finite, symmetrically", () => {
    const f = truncatedCdf(normalCdf, -3, 3);
    const low = andersonDarling([-5, -1, 0, 1, 2], f);
    const high = andersonDarling([5, 1, 0, -1, -2], f);
    expect(Number.isFinite(low.stat)).toBe(true);
    expect(low.stat).toBeCloseTo(high.stat, 12);
    // F(-5) = 0 is clamped to 2^-53: its ln F alone adds 53 ln 2 / n ≈ 7.3 to A².
    expect(low.stat).toBeGreaterThan(7);
    expect(low.p).toBeLessThan(1e-3);
    expect(andersonDarling([-Infinity, 0, Infinity]).stat).toBeCloseTo(andersonDarling([-40, 0, 40]).stat, 12);
  });

  it("andersonDarling of a sample and of its mirror image agree under N(0, 1)", () => {
    const rng = new Random(3);
    const a = rng.fillNormal(new Float64Array(500));
    const b = a.map((v) => -v);
    expect(andersonDarling(a).stat).toBeCloseTo(andersonDarling(b).stat, 9);
  });

  it("andersonDarling handles a million values: N(0, 1) passes, a 1% wider one is caught", () => {
    const rng = new Random(99);
    const z = rng.fillNormal(new Float64Array(1_000_000));
    expect(andersonDarling(z).p).toBeGreaterThan(0.001);
    for (let i = 0; i < z.length; i++) z[i]! *= 1.01;
    expect(andersonDarling(z).p).toBeLessThan(1e-6);
  });

  it("andersonDarling throws ArgumentError for empty input, NaN values and a bad cdf", () => {
    expect(() => andersonDarling([])).toThrow(ArgumentError);
    expect(() => andersonDarling([NaN, 1, 2])).toThrow(/andersonDarling: 1 of 3 values are NaN/);
    expect(() => andersonDarling([0.5], () => 1.5)).toThrow(/cdf\(0\.5\) returned 1\.5/);
  });

  it("andersonDarling throws InsufficientDataError for an empty sample but not for NaN values", () => {
    expect(() => andersonDarling([])).toThrow(InsufficientDataError);
    expect(thrown(() => andersonDarling([NaN, 1, 2]))).not.toBeInstanceOf(InsufficientDataError);
  });
});

describe("andersonDarlingSf", () => {
  it("andersonDarlingSf(a, Infinity) gives the published asymptotic critical values", () => {
    // Marsaglia & Marsaglia (2004), Stephens (1974): 1.933 (10%), 2.492 (5%), 3.857 (1%).
    expect(andersonDarlingSf(1.933, Infinity)).toBeCloseTo(0.1, 3);
    expect(andersonDarlingSf(2.492, Infinity)).toBeCloseTo(0.05, 3);
    expect(andersonDarlingSf(3.857, Infinity)).toBeCloseTo(0.01, 3);
  });

  it("andersonDarlingSf(a, Infinity) matches a numerical inversion of the limiting distribution", () => {
    // scipy 1.17.1: Imhof (1961) inversion of Σ_j χ²_1/(j(j+1)) (j <= 20000, the rest as its
    // mean) with scipy.integrate.quad, equal to Marsaglia's exact series ADinf to 1e-11; the
    // far tail (a >= 8) is where the short adinf alone fails (a factor 2 low at a = 10).
    const table: [a: number, p: number][] = [
      [1, 0.35726667321401995],
      [1.933, 0.09999462320802638],
      [2.492, 0.05002218636010214],
      [3.857, 0.010241153208517706],
      [5, 0.0028744213041903],
      [8, 0.00011381415167682762],
      [10, 1.3815036290110161e-5],
      [12, 1.7102880243147212e-6],
      [15, 7.633174026189238e-8],
    ];
    for (const [a, p] of table) {
      const got = andersonDarlingSf(a, Infinity);
      expect(Math.abs(got - p), `a = ${a}`).toBeLessThan(2.5e-5);
      expect(Math.abs(got / p - 1), `a = ${a}`).toBeLessThan(0.004);
    }
  });

  it("andersonDarlingSf(a, n) matches Monte Carlo tail probabilities for finite n", () => {
    // numpy (default_rng(12345)): share of A² >= a among 4e6 (n = 5, 10) or 2e6 (n = 50) uniform samples.
    const table: [n: number, a: number, p: number][] = [
      [5, 0.3, 0.93697775],
      [5, 0.5, 0.73821975],
      [5, 1, 0.35270775],
      [5, 2.492, 0.052459],
      [5, 3.857, 0.011217],
      [5, 5, 0.003234],
      [10, 0.5, 0.74271075],
      [10, 1, 0.3546475],
      [10, 1.933, 0.101053],
      [10, 2.492, 0.05105975],
      [10, 3.857, 0.010664],
      [10, 5, 0.00305025],
      [50, 0.5, 0.745593],
      [50, 1, 0.3564835],
      [50, 2.492, 0.050147],
      [50, 5, 0.0029435],
    ];
    for (const [n, a, p] of table) {
      // Four standard errors of the simulation plus the method's ~1e-4.
      const tolerance = 4 * Math.sqrt((p * (1 - p)) / (n === 50 ? 2e6 : 4e6)) + 1.5e-4;
      expect(Math.abs(andersonDarlingSf(a, n) - p), `n = ${n}, a = ${a}`).toBeLessThan(tolerance);
    }
  });

  it("andersonDarlingSf is only roughly right for n = 2, where errfix is extrapolated", () => {
    // numpy: share of A² >= a among 4e6 samples of two uniforms.
    expect(Math.abs(andersonDarlingSf(0.3, 2) - 0.9414285)).toBeLessThan(0.015);
    expect(Math.abs(andersonDarlingSf(2.492, 2) - 0.056251)).toBeLessThan(0.002);
  });

  it("andersonDarlingSf(a, 1) is the exact 1 - sqrt(1 - 4e^(-1-a))", () => {
    for (const a of [0.5, 1, 2, 5, 20]) expect(andersonDarlingSf(a, 1)).toBeCloseTo(1 - Math.sqrt(1 - 4 * Math.exp(-1 - a)), 12);
    expect(andersonDarlingSf(0.3, 1)).toBe(1);
  });

  it("andersonDarlingSf decreases in a for every n, from 1 to 0", () => {
    const n = fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.constant(Infinity));
    const a = fc.double({ min: 0, max: 60, noNaN: true });
    fc.assert(
      fc.property(n, a, a, (n, a1, a2) => {
        const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        const plo = andersonDarlingSf(lo, n);
        const phi = andersonDarlingSf(hi, n);
        return plo >= phi && plo <= 1 && phi >= 0;
      }),
      { numRuns: 2000 },
    );
    expect(andersonDarlingSf(0, 10)).toBe(1);
    expect(andersonDarlingSf(0.05, 10)).toBe(1);
    expect(andersonDarlingSf(30, 10)).toBeGreaterThan(0);
    expect(andersonDarlingSf(30, 10)).toBeLessThan(1e-13);
    expect(andersonDarlingSf(NaN, 10)).toBeNaN();
  });

  it("andersonDarlingSf needs a positive integer n or Infinity", () => {
    expect(() => andersonDarlingSf(1, 0)).toThrow(ArgumentError);
    expect(() => andersonDarlingSf(1, 1.5)).toThrow(/positive integer sample size/);
  });
});

describe("andersonDarling on a sorted sample", () => {
  it("gives the same result with { sorted: true } as on the unsorted values", () => {
    const values = [0.3, -1.2, 2.2, 0.01, -0.5, 1.1, -2.4];
    expect(andersonDarling(Float64Array.from(values).sort(), undefined, { sorted: true })).toEqual(andersonDarling(values));
  });
});
