import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScatterTrace } from "../../src/plot/figure.js";
import { histogramQqFigure, qqFigure, qqRanks } from "../../src/plot/qq-plot.js";
import { normalQuantile } from "../../src/stats/distributions.js";
import { Histogram, bins } from "../../src/stats/histogram.js";
import { Random } from "../../src/stats/random.js";

describe("qqFigure", () => {
  it("puts the k-th smallest of n values at Φ⁻¹((k + 0.5)/n), leaving out NaN and infinities", () => {
    const fig = qqFigure(Float64Array.of(2, NaN, -1, 0.5, Infinity, 0));
    const t = fig.data[0] as ScatterTrace;
    expect(t.name).toBe("sample (n = 4)");
    expect(t.y).toEqual([-1, 0, 0.5, 2]);
    t.x.forEach((x, k) => expect(x).toBeCloseTo(normalQuantile((k + 0.5) / 4), 8));
  });

  it("draws the line y = x over the joint range of both axes", () => {
    const fig = qqFigure([3, -0.2]);
    const line = fig.data[1] as ScatterTrace;
    const x0 = normalQuantile(0.25);
    expect(line.name).toBe("y = x");
    expect(line.x[0]).toBeCloseTo(x0, 8); // Φ⁻¹(0.25) = -0.674 is below -0.2
    expect(line.x[1]).toBe(3);
    expect(line.y).toEqual(line.x);
  });

  it("overlays named samples in order with their sizes", () => {
    const fig = qqFigure({ naive: [0.1, 0.2], whitened: [1, 2, 3] });
    expect(fig.data.map((t) => t.name)).toEqual(["naive (n = 2)", "whitened (n = 3)", "y = x"]);
  });

  it("follows y = x for N(0,1) samples and y = 1.5x for errors 1.5 times too small", () => {
    const rng = new Random(11);
    const ok = new Float64Array(20_000);
    const wide = new Float64Array(20_000);
    for (let i = 0; i < ok.length; i++) {
      ok[i] = rng.normal();
      wide[i] = 1.5 * rng.normal();
    }
    const fig = qqFigure({ ok, wide }, { maxPoints: 400 });
    // slope of y on x through the origin, over the central points (|x| < 2)
    const slope = (t: ScatterTrace) => {
      let sxy = 0;
      let sxx = 0;
      t.x.forEach((x, j) => {
        if (Math.abs(x as number) < 2) {
          sxy += (x as number) * t.y[j]!;
          sxx += (x as number) ** 2;
        }
      });
      return sxy / sxx;
    };
    expect(slope(fig.data[0] as ScatterTrace)).toBeCloseTo(1, 1);
    expect(slope(fig.data[1] as ScatterTrace)).toBeCloseTo(1.5, 1);
  });

  it("thins a large sample to maxPoints, keeping the extremes and the sorted order", () => {
    const rng = new Random(3);
    const x = new Float64Array(100_000);
    for (let i = 0; i < x.length; i++) x[i] = rng.normal();
    const sorted = x.slice().sort();
    const t = qqFigure(x, { maxPoints: 1000 }).data[0] as ScatterTrace;
    expect(t.y).toHaveLength(1000);
    expect(t.y.slice(0, 250)).toEqual(Array.from(sorted.subarray(0, 250)));
    expect(t.y.slice(750)).toEqual(Array.from(sorted.subarray(100_000 - 250)));
    expect(t.x[999]).toBeCloseTo(normalQuantile(99_999.5 / 100_000), 8);
  });

  it("refuses a maxPoints below 2", () => {
    expect(() => qqFigure([1, 2], { maxPoints: 1 })).toThrow("maxPoints must be an integer >= 2, got 1.");
  });
});

describe("qqRanks", () => {
  it("keeps every rank of a small sample", () => {
    expect(Array.from(qqRanks(5, 10))).toEqual([0, 1, 2, 3, 4]);
  });

  it("keeps m/4 ranks at each end and spreads the rest evenly, increasing", () => {
    // ends 0, 1 and 98, 99; then 4 ranks evenly over [2, 97]: 2, 2 + 95/3, 2 + 190/3, 97, rounded
    expect(Array.from(qqRanks(100, 8))).toEqual([0, 1, 2, 34, 65, 97, 98, 99]);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5000 }), fc.integer({ min: 2, max: 300 }), (n, m) => {
        const r = qqRanks(n, m);
        expect(r.length).toBe(Math.min(n, m));
        expect(r[0]).toBe(0);
        expect(r[r.length - 1]).toBe(n - 1);
        for (let j = 1; j < r.length; j++) expect(r[j]!).toBeGreaterThan(r[j - 1]!);
      }),
    );
  });
});

describe("histogramQqFigure", () => {
  it("puts each inner bin edge at Φ⁻¹(fraction of values below it), the sample's exact QQ point there", () => {
    // edges -2..2; values below each edge: 1 (underflow), 3, 7, 9, 10 of 12 (2 overflow)
    const fig = histogramQqFigure({ lo: -2, width: 1, counts: [2, 4, 2, 1], underflow: 1, overflow: 2 });
    const t = fig.data[0] as ScatterTrace;
    expect(t.y).toEqual([-2, -1, 0, 1, 2]);
    [1, 3, 7, 9, 10].forEach((below, k) => expect(t.x[k]).toBeCloseTo(normalQuantile(below / 12), 8));
  });

  it("agrees with counting the raw sample below every edge", () => {
    // values on a 1/64 grid, so the histogram's float binning (x - lo)/width is exact at the edges
    const grid = fc.integer({ min: -256, max: 256 }).map((k) => k / 64);
    fc.assert(
      fc.property(fc.array(grid, { minLength: 1, maxLength: 200 }), (values) => {
        const h = new Histogram(bins(-3, 3, 0.5));
        h.addAll(Float64Array.from(values));
        const t = histogramQqFigure(h.toJSON()).data[0] as ScatterTrace;
        t.y.forEach((e, k) => {
          const below = values.filter((v) => v < e!).length;
          expect(below).toBeGreaterThan(0);
          expect(below).toBeLessThan(values.length);
          expect(t.x[k]).toBeCloseTo(normalQuantile(below / values.length), 8);
        });
      }),
    );
  });

  it("leaves out edges with nothing below or nothing above, and overlays labelled histograms", () => {
    const a = { lo: 0, width: 1, counts: [0, 3, 0], label: "naive" };
    const fig = histogramQqFigure([a, { ...a, label: "whitened" }]);
    expect(fig.data.map((t) => t.name)).toEqual(["naive", "whitened"]); // every edge has p = 0 or 1: no reference line either
    expect((fig.data[0] as ScatterTrace).y).toEqual([]);
  });
});
