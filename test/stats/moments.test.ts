import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { Moments, type MomentsJSON } from "../../src/stats/moments.js";
import { Random } from "../../src/stats/random.js";
import { mergeAlongRandomTree, splitAt } from "./helpers/merge-tree.js";

// A fixed, skewed sample with an outlier.
const SAMPLE = [0.31, -1.27, 2.05, 0.88, -0.44, 3.9, 1.12, -2.6, 0.05, 0.73, 5.5, -0.91, 1.47, 0.2, -0.06, 2.33, -1.8, 0.64, 7.25, -0.35];

// scipy 1.17.1: scipy.stats.describe(SAMPLE)
//   nobs=20, minmax=(-2.6, 7.25), mean=0.95, variance=5.665021052631579,
//   skewness=1.1363336847128573, kurtosis=1.0496591464133838
// scipy 1.17.1: numpy.var(SAMPLE) = 5.38177, numpy.std(SAMPLE, ddof=1) = 2.380130469665808
const SCIPY = { mean: 0.95, variance: 5.665021052631579, skewness: 1.1363336847128573, kurtosis: 1.0496591464133838 };

const relClose = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.abs(b);

function of(values: ArrayLike<number>): Moments {
  const m = new Moments();
  m.addAll(values);
  return m;
}

describe("Moments against scipy", () => {
  it("matches scipy.stats.describe, skew and kurtosis on a fixed sample", () => {
    const m = of(SAMPLE);
    expect(m.n).toBe(20);
    expect([m.min, m.max]).toEqual([-2.6, 7.25]);
    expect(m.mean).toBeCloseTo(SCIPY.mean, 14);
    expect(relClose(m.variance, SCIPY.variance, 1e-13)).toBe(true);
    expect(relClose(m.populationVariance, 5.38177, 1e-13)).toBe(true);
    expect(relClose(m.std, 2.380130469665808, 1e-13)).toBe(true);
    expect(relClose(m.skewness, SCIPY.skewness, 1e-12)).toBe(true);
    expect(relClose(m.kurtosis, SCIPY.kurtosis, 1e-12)).toBe(true);
  });

  it("gives the same values when each value is added one by one or merged in as single values", () => {
    const one = new Moments();
    const merged = new Moments();
    for (const x of SAMPLE) {
      one.add(x);
      merged.merge(of([x]));
    }
    for (const m of [one, merged]) {
      expect(relClose(m.variance, SCIPY.variance, 1e-13)).toBe(true);
      expect(relClose(m.skewness, SCIPY.skewness, 1e-12)).toBe(true);
      expect(relClose(m.kurtosis, SCIPY.kurtosis, 1e-12)).toBe(true);
    }
  });

  it("keeps its precision when the sample sits on a large offset (no sum-of-squares cancellation)", () => {
    const m = of(SAMPLE.map((x) => x + 1e8));
    expect(m.mean - 1e8).toBeCloseTo(SCIPY.mean, 6);
    expect(relClose(m.variance, SCIPY.variance, 1e-7)).toBe(true);
    expect(relClose(m.skewness, SCIPY.skewness, 1e-5)).toBe(true);
    expect(relClose(m.kurtosis, SCIPY.kurtosis, 1e-5)).toBe(true);
  });

  it("has hand-computed moments for small samples", () => {
    // [1, 2, 3, 4, 10]: mean 4, deviations -3 -2 -1 0 6, M2 = 50, M3 = 180, M4 = 1394.
    const m = of([1, 2, 3, 4, 10]);
    expect(m.variance).toBe(12.5);
    expect(m.populationVariance).toBe(10);
    expect(m.skewness).toBeCloseTo((Math.sqrt(5) * 180) / 50 ** 1.5, 14);
    expect(m.kurtosis).toBeCloseTo((5 * 1394) / 2500 - 3, 14);
    const two = of([-1, 1]);
    expect([two.skewness, two.kurtosis]).toEqual([0, -2]);
  });

  it("recovers the injected moments of a large seeded normal sample", () => {
    const rng = new Random(11);
    const x = new Float64Array(100_000);
    for (let i = 0; i < x.length; i++) x[i] = rng.normal(5, 2.5);
    const m = of(x);
    // Standard errors at n = 1e5: mean 0.008, std 0.0056, skewness 0.0077, kurtosis 0.015.
    expect(Math.abs(m.mean - 5)).toBeLessThan(0.03);
    expect(Math.abs(m.std - 2.5)).toBeLessThan(0.02);
    expect(Math.abs(m.skewness)).toBeLessThan(0.03);
    expect(Math.abs(m.kurtosis)).toBeLessThan(0.06);
  });
});

describe("Moments edge cases", () => {
  it("is n = 0 with NaN statistics when empty", () => {
    const m = new Moments();
    expect(m.n).toBe(0);
    for (const v of [m.mean, m.variance, m.std, m.populationVariance, m.skewness, m.kurtosis, m.min, m.max]) expect(v).toBeNaN();
  });

  it("has a mean but NaN sample variance for one value", () => {
    const m = of([4]);
    expect([m.mean, m.populationVariance, m.min, m.max]).toEqual([4, 0, 4, 4]);
    expect(m.variance).toBeNaN();
    expect(m.skewness).toBeNaN();
  });

  it("has NaN skewness and kurtosis for constant data, as scipy does", () => {
    const m = of([3.7, 3.7, 3.7, 3.7]);
    expect(m.variance).toBe(0);
    expect(m.skewness).toBeNaN();
    expect(m.kurtosis).toBeNaN();
  });

  it("skips NaN and ±Infinity and counts them in nonFinite", () => {
    const m = of([1, NaN, 3, Infinity, -Infinity]);
    expect([m.n, m.mean, m.nonFinite, m.min, m.max]).toEqual([2, 2, 3, 1, 3]);
    const single = new Moments();
    single.add(NaN);
    expect([single.n, single.nonFinite]).toEqual([0, 1]);
  });

  it("addAll adds only where mask[i] === 1, from float32 values accumulated in float64", () => {
    const m = new Moments();
    m.addAll(Float32Array.of(0.1, 100, 0.2, 7), Uint8Array.of(1, 0, 1, 2));
    expect(m.n).toBe(2);
    expect(m.mean).toBe((Math.fround(0.1) + Math.fround(0.2)) / 2);
    expect(() => m.addAll([1, 2], Uint8Array.of(1))).toThrow(/mask has 1 entries but there are 2 values/);
  });
});

/** The moments' raw sums compared on the data's own scale (relative to n·S^k, S = max |x|). */
function expectSameMoments(a: Moments, b: Moments, scale: number, rel: number): void {
  const ja = a.toJSON();
  const jb = b.toJSON();
  expect(ja.n).toBe(jb.n);
  expect(ja.nonFinite).toBe(jb.nonFinite);
  expect([ja.min, ja.max]).toEqual([jb.min, jb.max]);
  const n = Math.max(1, ja.n);
  expect(Math.abs(ja.mean - jb.mean)).toBeLessThanOrEqual(rel * scale);
  expect(Math.abs(ja.m2 - jb.m2)).toBeLessThanOrEqual(rel * n * scale ** 2);
  expect(Math.abs(ja.m3 - jb.m3)).toBeLessThanOrEqual(rel * n * scale ** 3);
  expect(Math.abs(ja.m4 - jb.m4)).toBeLessThanOrEqual(rel * n * scale ** 4);
}

/** Split `values` at `cuts`, accumulate each piece, merge the pieces along a random tree. */
function splitAndMerge(values: readonly number[], cuts: readonly number[], order: readonly number[]): Moments {
  return mergeAlongRandomTree(splitAt(values, cuts).map(of), order);
}

describe("Moments.merge", () => {
  it("equals the whole sample's moments however the sample is split and the pieces merged", () => {
    const value = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.array(fc.nat(), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (values, cuts, order) => {
        const whole = of(values);
        const merged = splitAndMerge(values, cuts, order);
        // Floored at 1e-60 so that scale^4 does not underflow for subnormal samples.
        const scale = values.reduce((s, x) => (Number.isFinite(x) ? Math.max(s, Math.abs(x)) : s), 1e-60);
        expectSameMoments(merged, whole, scale, 1e-9);
        // Where the shape statistics are well conditioned, they agree to 1e-9 relative too.
        if (whole.n >= 3 && whole.populationVariance > 1e-2 * scale ** 2) {
          expect(relClose(merged.variance, whole.variance, 1e-9)).toBe(true);
          expect(Math.abs(merged.skewness - whole.skewness)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(whole.skewness)));
          expect(Math.abs(merged.kurtosis - whole.kurtosis)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(whole.kurtosis)));
        }
      }),
    );
  });

  it("merges normal partitions of very different sizes and means to 1e-12 relative", () => {
    const rng = new Random(5);
    const parts = [3, 1, 5000, 17, 2, 800].map((size, p) => Float64Array.from({ length: size }, () => rng.normal(10 * p, 1 + p)));
    const whole = of(Float64Array.from(parts.flatMap((x) => Array.from(x))));
    const merged = parts.reduceRight((acc, x) => acc.merge(of(x)), new Moments());
    expect(merged.n).toBe(whole.n);
    for (const k of ["mean", "variance", "skewness", "kurtosis"] as const) {
      expect(relClose(merged[k], whole[k], 1e-12), k).toBe(true);
    }
  });

  it("is commutative and leaves the argument unchanged; merging an empty accumulator changes nothing", () => {
    const a = of([1, 2, 9]);
    const b = of([-4, 0.5, NaN]);
    const ab = a.clone().merge(b);
    const ba = b.clone().merge(a);
    expectSameMoments(ab, ba, 9, 1e-15);
    expect(b.toJSON()).toEqual(of([-4, 0.5, NaN]).toJSON());
    expect(a.clone().merge(new Moments()).toJSON()).toEqual(a.toJSON());
    expect(new Moments().merge(a).toJSON()).toEqual(a.toJSON());
  });
});

describe("Moments JSON", () => {
  it("has the documented shape, with null min and max when empty", () => {
    expect(of([1, 3, NaN]).toJSON()).toEqual({ n: 2, mean: 2, m2: 2, m3: 0, m4: 2, min: 1, max: 3, nonFinite: 1 });
    expect(new Moments().toJSON()).toEqual({ n: 0, mean: 0, m2: 0, m3: 0, m4: 0, min: null, max: null, nonFinite: 0 });
  });

  it("round-trips exactly through JSON text, so merging after a round trip is the same", () => {
    const rng = new Random(9);
    const a = of(Float64Array.from({ length: 1000 }, () => rng.normal(1, 3) ** 3));
    const b = of(Float64Array.from({ length: 77 }, () => rng.normal(-2, 0.1)));
    const back = (m: Moments) => Moments.fromJSON(JSON.parse(JSON.stringify(m)));
    expect(back(a).toJSON()).toEqual(a.toJSON());
    expect(back(new Moments()).toJSON()).toEqual(new Moments().toJSON());
    expect(back(a).merge(back(b)).toJSON()).toEqual(a.clone().merge(b).toJSON());
  });

  it("rejects JSON that is not moments, saying what is wrong", () => {
    const good: MomentsJSON = of([1, 2, 4]).toJSON();
    expect(() => Moments.fromJSON([1])).toThrow(/Bad moments JSON: got an array/);
    expect(() => Moments.fromJSON({ ...good, n: -1 })).toThrow(/"n" is -1, not a non-negative integer/);
    expect(() => Moments.fromJSON({ ...good, m2: undefined })).toThrow(/"m2" is missing/);
    expect(() => Moments.fromJSON({ ...good, m4: "1" })).toThrow(/"m4" is "1", not a finite number/);
    expect(() => Moments.fromJSON({ ...good, m2: -1 })).toThrow(/must not be negative/);
    expect(() => Moments.fromJSON({ ...good, min: 5 })).toThrow(/min \(5\) is greater than max \(4\)/);
    expect(() => Moments.fromJSON({ ...good, max: null })).toThrow(/"max" is null/);
    expect(() => Moments.fromJSON({ ...good, n: 0 })).toThrow(/n is 0 but/);
    expect(() => Moments.fromJSON({ ...good, nonFinite: 1.5 })).toThrow(ArgumentError);
  });
});
