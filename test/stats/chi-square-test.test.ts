import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, InsufficientDataError } from "../../src/frame/errors.js";
import { binnedChiSquare, chiSquareTest, expectedCounts } from "../../src/stats/chi-square-test.js";
import { chiSquareSf, normalCdf } from "../../src/stats/distributions.js";
import { Random } from "../../src/stats/random.js";
import { thrown } from "./helpers/thrown.js";

/** Left-to-right merge as the documentation states it, on plain arrays. */
function mergeReference(observed: readonly number[], expected: readonly number[], min: number): { o: number[]; e: number[] } {
  const o: number[] = [];
  const e: number[] = [];
  let so = 0;
  let se = 0;
  observed.forEach((v, i) => {
    so += v;
    se += expected[i]!;
    if (se >= min && se > 0) {
      o.push(so);
      e.push(se);
      so = 0;
      se = 0;
    }
  });
  if (o.length > 0) {
    o[o.length - 1]! += so;
    e[e.length - 1]! += se;
  }
  return { o, e };
}

/** A histogram of `values` over the bins [edges[k], edges[k+1]); values outside are dropped. */
function histogram(values: Float64Array, edges: readonly number[]): Float64Array {
  const counts = new Float64Array(edges.length - 1);
  for (const v of values) {
    for (let k = 0; k + 1 < edges.length; k++) {
      if (v >= edges[k]! && v < edges[k + 1]!) {
        counts[k]!++;
        break;
      }
    }
  }
  return counts;
}

describe("chiSquareTest", () => {
  it("chiSquareTest without merging matches scipy.stats.chisquare", () => {
    // scipy 1.17.1: chisquare([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]) -> 3.5, 0.6233876277495822
    const r = chiSquareTest([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8], { minExpected: 0 });
    expect(r.stat).toBeCloseTo(3.5, 13);
    expect(r.df).toBe(5);
    expect(r.bins).toBe(6);
    expect(r.p).toBeCloseTo(0.6233876277495822, 12);
    // scipy 1.17.1: the same with ddof=2 -> p 0.3207621208056397
    const d = chiSquareTest([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8], { minExpected: 0, ddof: 2 });
    expect(d.df).toBe(3);
    expect(d.p).toBeCloseTo(0.3207621208056397, 12);
    // scipy 1.17.1: chisquare([43, 52, 54, 40, 31, 30], f_exp) with f_exp ∝ [1, 1.2, 1.1, 1, 0.9, 0.8] -> 3.1044848484848524, 0.683881128107602
    const exp = [1, 1.2, 1.1, 1, 0.9, 0.8].map((w) => (w / 6) * 250);
    const g = chiSquareTest([43, 52, 54, 40, 31, 30], exp);
    expect(g.bins).toBe(6);
    expect(g.stat).toBeCloseTo(3.1044848484848524, 12);
    expect(g.p).toBeCloseTo(0.683881128107602, 12);
  });

  it("chiSquareTest merges bins left to right until each expects at least minExpected", () => {
    // Expected [2, 3 | 10 | 7 | 2, 2]: the remainder (4 < 5) joins the last bin -> [5, 10, 11].
    const r = chiSquareTest([3, 4, 10, 6, 1, 2], [2, 3, 10, 7, 2, 2]);
    expect(r.bins).toBe(3);
    expect(r.df).toBe(2);
    const byHand = (7 - 5) ** 2 / 5 + 0 + (9 - 11) ** 2 / 11;
    expect(r.stat).toBeCloseTo(byHand, 14);
    expect(r.p).toBeCloseTo(Math.exp(-byHand / 2), 14);
    // A higher threshold merges more.
    expect(chiSquareTest([3, 4, 10, 6, 1, 2], [2, 3, 10, 7, 2, 2], { minExpected: 10 }).bins).toBe(2);
  });

  it("chiSquareTest never leaves a bin with zero expected count on its own", () => {
    const r = chiSquareTest([0, 5, 5, 0], [0, 5, 5, 0], { minExpected: 0 });
    expect(r.bins).toBe(2);
    expect(r.stat).toBe(0);
    expect(r.p).toBe(1);
  });

  it("chiSquareTest equals the unmerged test on the merged bins (property)", () => {
    const bins = fc.array(fc.record({ o: fc.integer({ min: 0, max: 30 }), w: fc.double({ min: 0, max: 10, noNaN: true }) }), { minLength: 1, maxLength: 40 });
    const min = fc.oneof(fc.constant(5), fc.double({ min: 0, max: 50, noNaN: true }));
    fc.assert(
      fc.property(bins, min, (rows, minExpected) => {
        const observed = rows.map((r) => r.o);
        const total = observed.reduce((a, b) => a + b, 0);
        const weight = rows.reduce((a, r) => a + r.w, 0);
        fc.pre(total > 0 && weight > 0);
        const expected = rows.map((r) => (r.w / weight) * total);
        const ref = mergeReference(observed, expected, minExpected);
        if (ref.o.length < 2) {
          expect(() => chiSquareTest(observed, expected, { minExpected })).toThrow(/df = /);
          return;
        }
        const got = chiSquareTest(observed, expected, { minExpected });
        const flat = chiSquareTest(ref.o, ref.e, { minExpected: 0 });
        expect(got.bins).toBe(ref.o.length);
        expect(got.stat).toBeCloseTo(flat.stat, 8);
        expect(got.df).toBe(got.bins - 1);
        // Every merged bin reaches the threshold, so there cannot be more than total/minExpected of them,
        // and merging again changes nothing.
        expect(got.bins).toBeLessThanOrEqual(minExpected > 0 ? Math.floor(total / minExpected + 1e-9) : rows.length);
        expect(chiSquareTest(ref.o, ref.e, { minExpected }).bins).toBe(got.bins);
      }),
      { numRuns: 500 },
    );
  });

  it("chiSquareTest's p-value is the chi-square tail at its df", () => {
    // (25 + 225 + 0 + 100) / 25 = 14
    const r = chiSquareTest([30, 10, 25, 35], [25, 25, 25, 25]);
    expect(r.stat).toBe(14);
    expect(r.p).toBe(chiSquareSf(14, 3));
  });

  it("chiSquareTest throws ArgumentError for inputs it cannot test", () => {
    expect(() => chiSquareTest([], [])).toThrow(ArgumentError);
    expect(() => chiSquareTest([1, 2], [3])).toThrow(/2 observed counts but 1 expected/);
    expect(() => chiSquareTest([1, NaN, NaN], [1, 1, 1])).toThrow(/2 of 3 observed counts are NaN/);
    expect(() => chiSquareTest([1, 2], [4, -1])).toThrow(/expected count 1 is -1/);
    expect(() => chiSquareTest([10, 10], [10, 11])).toThrow(/sum to 20 but the expected counts to 21/);
    expect(() => chiSquareTest([10, 10], [10, 10], { ddof: -1 })).toThrow(/ddof/);
    expect(() => chiSquareTest([10, 10], [10, 10], { ddof: 1 })).toThrow(/df = 2 - 1 - 1 = 0/);
    expect(() => chiSquareTest([3, 3], [3, 3])).toThrow(/1 bin left after merging/);
    expect(() => chiSquareTest([0, 0], [0, 0])).toThrow(/every expected count is 0/);
  });

  it("chiSquareTest throws InsufficientDataError for no bins or too few bins after merging, plain ArgumentError for bad counts", () => {
    expect(() => chiSquareTest([], [])).toThrow(InsufficientDataError);
    expect(() => chiSquareTest([3, 3], [3, 3])).toThrow(InsufficientDataError);
    expect(() => chiSquareTest([10, 10], [10, 10], { ddof: 1 })).toThrow(InsufficientDataError);
    for (const bad of [() => chiSquareTest([1, NaN, NaN], [1, 1, 1]), () => chiSquareTest([1, 2], [3]), () => chiSquareTest([10, 10], [10, 11])]) {
      const e = thrown(bad);
      expect(e).toBeInstanceOf(ArgumentError);
      expect(e).not.toBeInstanceOf(InsufficientDataError);
    }
  });
});

describe("expectedCounts", () => {
  it("expectedCounts(edges, total) matches scipy's norm.cdf differences and sums to total over the line", () => {
    // scipy 1.17.1: diff(norm.cdf([-inf, -2, -1, -0.5, 0, 0.5, 1, 2, inf])) * 1000
    const ref = [22.750131948179195, 135.90512198327787, 149.8822847945298, 191.46246127401312, 191.46246127401312, 149.8822847945298, 135.90512198327787, 22.75013194817921];
    const got = expectedCounts([-Infinity, -2, -1, -0.5, 0, 0.5, 1, 2, Infinity], 1000);
    expect(got).toHaveLength(8);
    ref.forEach((v, k) => expect(got[k]).toBeCloseTo(v, 10));
    expect(got.reduce((a, b) => a + b, 0)).toBeCloseTo(1000, 10);
  });

  it("expectedCounts takes any CDF", () => {
    const uniform = (x: number) => Math.min(1, Math.max(0, x));
    expect(Array.from(expectedCounts([0, 0.25, 1, 2], 8, uniform))).toEqual([2, 6, 0]);
  });

  it("expectedCounts rejects too few or unordered edges and a bad total", () => {
    expect(() => expectedCounts([0], 10)).toThrow(/at least two bin edges/);
    expect(() => expectedCounts([0, 1, 1], 10)).toThrow(/edges\[1\] = 1 and edges\[2\] = 1/);
    expect(() => expectedCounts([0, NaN], 10)).toThrow(ArgumentError);
    expect(() => expectedCounts([0, 1], -1)).toThrow(/total must be a number >= 0/);
  });
});

describe("binnedChiSquare", () => {
  it("binnedChiSquare compares counts with the distribution truncated to the histogram's range", () => {
    // scipy 1.17.1: p = diff(norm.cdf(edges)); chisquare(c, p / p.sum() * c.sum()) with
    // edges [-2, -1, -0.5, 0, 0.5, 1, 2], c = [40, 60, 75, 80, 58, 45] -> 4.449130368365716, 0.48671833459720126
    const r = binnedChiSquare([40, 60, 75, 80, 58, 45], [-2, -1, -0.5, 0, 0.5, 1, 2]);
    expect(r.bins).toBe(6);
    expect(r.df).toBe(5);
    expect(r.stat).toBeCloseTo(4.449130368365716, 10);
    expect(r.p).toBeCloseTo(0.48671833459720126, 10);
  });

  it("binnedChiSquare merges the sparse outer bins before testing", () => {
    // Over [-3, 3) with 230 counts the outer bins expect 4.935 each (scipy 1.17.1: truncated norm),
    // so they merge inward: [5+30, 80, 77, 33+5] against [36.278, 78.722, 78.722, 36.278].
    const r = binnedChiSquare([5, 30, 80, 77, 33, 5], [-3, -2, -1, 0, 1, 2, 3]);
    expect(r.bins).toBe(4);
    const e = [4.935378315753866 + 31.342797216691093, 78.72182446755504, 78.72182446755504, 31.342797216691093 + 4.935378315753867];
    const byHand = [35, 80, 77, 38].reduce((s, o, k) => s + (o - e[k]!) ** 2 / e[k]!, 0);
    expect(r.stat).toBeCloseTo(byHand, 10);
  });

  it("binnedChiSquare accepts N(0, 1) pulls within [-3, 3] and rejects pulls 10% too wide", () => {
    const edges = Array.from({ length: 25 }, (_, k) => -3 + k * 0.25);
    const rng = new Random(11);
    const good = binnedChiSquare(histogram(rng.fillNormal(new Float64Array(20000)), edges), edges);
    expect(good.bins).toBe(24);
    expect(good.p).toBeGreaterThan(0.001);
    const wide = binnedChiSquare(histogram(rng.fillNormal(new Float64Array(20000), 0, 1.1), edges), edges);
    expect(wide.p).toBeLessThan(1e-6);
    // A different CDF: the wide sample passes against N(0, 1.1²).
    const n11 = (x: number) => normalCdf(x / 1.1);
    expect(binnedChiSquare(histogram(new Random(12).fillNormal(new Float64Array(20000), 0, 1.1), edges), edges, { cdf: n11 }).p).toBeGreaterThan(0.001);
  });

  it("binnedChiSquare throws ArgumentError for a histogram it cannot test", () => {
    expect(() => binnedChiSquare([1, 2], [0, 1])).toThrow(/2 counts for 2 edges/);
    expect(() => binnedChiSquare([0, 0], [0, 1, 2])).toThrow(/the counts sum to 0/);
    expect(() => binnedChiSquare([1, NaN], [0, 1, 2])).toThrow(/binnedChiSquare: 1 of 2 histogram counts are NaN/);
    expect(() => binnedChiSquare([1, 2], [0, 2, 1])).toThrow(/increasing/);
    expect(() => binnedChiSquare([5, 5], [50, 60, 70])).toThrow(/probability 0 in \[50, 70\]/);
  });

  it("binnedChiSquare throws InsufficientDataError for an empty histogram but not for NaN counts", () => {
    expect(() => binnedChiSquare([0, 0], [0, 1, 2])).toThrow(InsufficientDataError);
    expect(thrown(() => binnedChiSquare([1, NaN], [0, 1, 2]))).not.toBeInstanceOf(InsufficientDataError);
  });
});
