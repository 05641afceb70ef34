import { describe, expect, it } from "vitest";
import { ArgumentError, InsufficientDataError } from "../../src/frame/errors.js";
import { normalCdf, normalQuantile } from "../../src/stats/distributions.js";
import { kolmogorovSf, ksTest } from "../../src/stats/ks-test.js";
import { Random } from "../../src/stats/random.js";
import { truncatedCdf } from "../../src/stats/truncate.js";
import { thrown } from "./helpers/thrown.js";

// Rounded draws of N(0.2, 1.1²) and of a shifted exponential (numpy default_rng(2024)).
const X = [1.33, 2.01, 1.46, -0.87, -1.33, 0.27, 1.15, 0.76, 2.19, 1.03, 0.9, -0.6, -1.02, 1.83, 0.25, 1.09, -1.31, -0.28, -1.22, -0.65];
const Y = [-0.93, 2.07, 0.64, 0.11, -0.71, -0.73, 2.5, -0.59, -0.6, -0.88, -0.01, -0.86, -0.19, -0.78, 0.77, -0.6, -0.21, -0.94, -0.93, -0.88];
const n02 = (x: number) => normalCdf((x - 0.2) / 1.1);

describe("ksTest", () => {
  it("ksTest(values) matches scipy.stats.kstest against N(0, 1)", () => {
    // scipy 1.17.1: kstest(X, 'norm') -> 0.2763727075624006, 0.07665455159834922
    const x = ksTest(X);
    expect(x.n).toBe(20);
    expect(x.stat).toBeCloseTo(0.2763727075624006, 13);
    expect(x.p).toBeCloseTo(0.07665455159834922, 9);
    // scipy 1.17.1: kstest(Y, 'norm') -> 0.32240467524653504, 0.023797643073245722
    const y = ksTest(Y);
    expect(y.stat).toBeCloseTo(0.32240467524653504, 13);
    expect(y.p).toBeCloseTo(0.023797643073245722, 9);
  });

  it("ksTest(values, cdf) tests against any fully specified distribution", () => {
    // scipy 1.17.1: kstest(X, norm(0.2, 1.1).cdf) -> 0.19465574815075248, 0.38478262251033657
    const x = ksTest(X, n02);
    expect(x.stat).toBeCloseTo(0.19465574815075248, 13);
    expect(x.p).toBeCloseTo(0.38478262251033657, 9);
    // scipy 1.17.1: kstest(Y, norm(0.2, 1.1).cdf) -> 0.36367740643658747, 0.007064769765776413
    const y = ksTest(Y, n02);
    expect(y.stat).toBeCloseTo(0.36367740643658747, 13);
    expect(y.p).toBeCloseTo(0.007064769765776413, 10);
    // scipy 1.17.1: kstest(X, lambda x: truncnorm.cdf(x, -3, 3)) -> 0.2771208774162963, 0.07532520786844632
    const t = ksTest(X, truncatedCdf(normalCdf, -3, 3));
    expect(t.stat).toBeCloseTo(0.2771208774162963, 13);
    expect(t.p).toBeCloseTo(0.07532520786844632, 9);
  });

  it("ksTest of one value is D = max(F, 1 - F) with p = 2(1 - D)", () => {
    expect(ksTest([0])).toEqual({ stat: 0.5, p: 1, n: 1 });
    // scipy 1.17.1: kstest([1.0], 'norm') -> 0.8413447460685429, 0.31731050786291415
    const one = ksTest([1]);
    expect(one.stat).toBeCloseTo(normalCdf(1), 15);
    expect(one.p).toBeCloseTo(2 * (1 - normalCdf(1)), 14);
    expect(one.p).toBeCloseTo(0.31731050786291415, 14);
  });

  it("ksTest of equal values takes the full step of the empirical CDF", () => {
    // scipy 1.17.1: kstest(np.zeros(20), 'norm') -> 0.5, 3.787595240539032e-05
    const r = ksTest(new Float64Array(20));
    expect(r.stat).toBe(0.5);
    expect(r.p / 3.787595240539032e-5).toBeCloseTo(1, 9);
  });

  it("ksTest accepts values outside the support and infinite values", () => {
    const f = truncatedCdf(normalCdf, -3, 3);
    // F = 0 for -5 and -Infinity, 1 for 5 and Infinity: four of eight values sit at the ends.
    const r = ksTest([-Infinity, -5, -1, 0, 0.5, 1, 5, Infinity], f);
    expect(r.stat).toBeCloseTo(Math.max(2 / 8, f(-1) - 2 / 8, 3 / 8 - f(-1), f(0) - 3 / 8, 4 / 8 - f(0), f(0.5) - 4 / 8, 5 / 8 - f(0.5), f(1) - 5 / 8, 6 / 8 - f(1)), 15);
    expect(r.p).toBeCloseTo(kolmogorovSf(r.stat, 8), 15);
  });

  it("ksTest does not depend on the order or the float width of its input", () => {
    const rng = new Random(7);
    const a = rng.fillNormal(new Float32Array(1000));
    const shuffled = Float64Array.from(a).reverse();
    expect(ksTest(shuffled)).toEqual(ksTest(a));
    expect(ksTest(a)).toEqual(ksTest(Array.from(a)));
  });

  it("ksTest of the quantile grid Φ⁻¹((i - 1/2)/n) has D = 1/(2n), the smallest possible", () => {
    const n = 1000;
    const grid = Float64Array.from({ length: n }, (_, i) => normalQuantile((i + 0.5) / n));
    const r = ksTest(grid);
    expect(r.stat).toBeCloseTo(0.5 / n, 12);
    expect(r.p).toBe(1);
  });

  it("ksTest handles a million values: N(0, 1) passes, a 0.01 shift is caught", () => {
    const rng = new Random(20240611);
    const z = rng.fillNormal(new Float64Array(1_000_000));
    const ok = ksTest(z);
    expect(ok.n).toBe(1_000_000);
    // sqrt(n) D is Kolmogorov-distributed: below 1.95 with probability 0.999.
    expect(ok.stat * 1000).toBeLessThan(1.95);
    expect(ok.p).toBeGreaterThan(0.001);
    for (let i = 0; i < z.length; i++) z[i]! += 0.01;
    // D ≈ φ(0) · 0.01 = 0.004, sqrt(n) D ≈ 4: p ≈ 1e-13.
    const shifted = ksTest(z);
    expect(shifted.stat).toBeGreaterThan(0.003);
    expect(shifted.p).toBeLessThan(1e-8);
  });

  it("ksTest throws ArgumentError for empty input, NaN values and a bad cdf", () => {
    expect(() => ksTest([])).toThrow(ArgumentError);
    expect(() => ksTest([0.1, NaN, 0.2, NaN])).toThrow(/2 of 4 values are NaN/);
    expect(() => ksTest([0.1, 0.2], () => NaN)).toThrow(/cdf\(0\.1\) returned NaN; a CDF must return a number in \[0, 1\]/);
    expect(() => ksTest([0.1, 2], (x) => x)).toThrow(/cdf\(2\) returned 2/);
  });

  it("ksTest throws InsufficientDataError for an empty sample but not for NaN values", () => {
    expect(() => ksTest([])).toThrow(InsufficientDataError);
    expect(thrown(() => ksTest([0.1, NaN]))).not.toBeInstanceOf(InsufficientDataError);
  });
});

describe("kolmogorovSf", () => {
  it("kolmogorovSf(d, n) matches scipy.stats.kstwo.sf over every method's range", () => {
    // scipy 1.17.1: kstwo.sf(d, n); the rows exercise Ruben–Gambino (n d <= 1, n d >= n - 1),
    // the Durbin matrix, Pelz–Good (n > 140) and twice the Smirnov tail.
    const table: [n: number, d: number, p: number][] = [
      [5, 0.15, 0.9988],
      [5, 0.3, 0.664],
      [5, 0.5, 0.112],
      [5, 0.85, 0.0001518750000000001],
      [20, 0.1, 0.976255094592155],
      [20, 0.2, 0.352720173623415],
      [20, 0.3, 0.04306706665851623],
      [20, 0.45, 0.00032446411409554644],
      [140, 0.05, 0.8576480297656114],
      [140, 0.1, 0.11353657290090946],
      [140, 0.15, 0.0032495604415101703],
      [141, 0.02, 0.9999999744561288],
      [141, 0.05, 0.854845693009663],
      [141, 0.1, 0.11128445516467944],
      [141, 0.13, 0.015449346308454497],
      [1000, 0.02, 0.8108971656895577],
      [1000, 0.03, 0.3226902143914636],
      [1000, 0.05, 0.013012074781090332],
      [1000, 0.06, 0.001428597887952891],
      [100000, 0.002, 0.8178408363081542],
      [100000, 0.004, 0.08130148920222469],
      [100000, 0.006, 0.0014871489301131564],
      [1000000, 0.0008, 0.5438713666611479],
      [1000000, 0.0012, 0.11215991901443556],
      [1000000, 0.0016, 0.011939282537735608],
      [1000000, 0.002, 0.0006700277103670718],
    ];
    for (const [n, d, p] of table) {
      const got = kolmogorovSf(d, n);
      expect(Math.abs(got - p), `n = ${n}, d = ${d}`).toBeLessThan(1e-8);
      expect(Math.abs(got / p - 1), `n = ${n}, d = ${d}`).toBeLessThan(1e-6);
    }
  });

  it("kolmogorovSf follows the closed forms at the ends of the range", () => {
    // P(D_n >= d) = 1 for d <= 1/(2n); 1 - n!/n^n (2nd - 1)^n up to 1/n; 2(1 - d)^n from 1 - 1/n.
    expect(kolmogorovSf(0.1, 5)).toBe(1);
    expect(kolmogorovSf(0.15, 5)).toBeCloseTo(1 - (120 / 3125) * 0.5 ** 5, 15);
    expect(kolmogorovSf(0.85, 5)).toBeCloseTo(2 * 0.15 ** 5, 15);
    expect(kolmogorovSf(0, 10)).toBe(1);
    expect(kolmogorovSf(1, 10)).toBe(0);
    expect(kolmogorovSf(0.5, 1)).toBe(1);
    expect(kolmogorovSf(0.75, 1)).toBeCloseTo(0.5, 15);
    expect(kolmogorovSf(NaN, 10)).toBeNaN();
  });

  it("kolmogorovSf decreases in d for every n", () => {
    for (const n of [3, 30, 140, 141, 2000, 200000]) {
      let previous = 1;
      for (let z = 0.2; z < 4; z += 0.05) {
        const p = kolmogorovSf(z / Math.sqrt(n), n);
        expect(p, `n = ${n}, z = ${z}`).toBeLessThanOrEqual(previous + 1e-12);
        previous = p;
      }
    }
  });

  it("kolmogorovSf needs a positive integer n", () => {
    expect(() => kolmogorovSf(0.1, 0)).toThrow(ArgumentError);
    expect(() => kolmogorovSf(0.1, 2.5)).toThrow(/positive integer/);
  });
});

describe("ksTest on a sorted sample", () => {
  it("gives the same result with { sorted: true } as on the unsorted values", () => {
    const values = [0.3, -1.2, 2.2, 0.01, -0.5, 1.1, -2.4];
    expect(ksTest(Float64Array.from(values).sort(), undefined, { sorted: true })).toEqual(ksTest(values));
    expect(() => ksTest(values, undefined, { sorted: true })).toThrow(ArgumentError);
  });
});
