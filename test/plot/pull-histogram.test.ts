import { describe, expect, it } from "vitest";
import type { BarTrace, ScatterTrace } from "../../src/plot/figure.js";
import { pullHistogramFigure } from "../../src/plot/pull-histogram.js";
import { normalCdf, normalPdf } from "../../src/stats/distributions.js";
import { Histogram, bins } from "../../src/stats/histogram.js";
import { Random } from "../../src/stats/random.js";

/** ∫ y dx by Simpson's rule over a curve's evenly spaced samples (an even number of intervals). */
function area(x: readonly (number | string | null)[], y: readonly (number | null)[]): number {
  const n = x.length - 1;
  expect(n % 2).toBe(0);
  const h = ((x[n] as number) - (x[0] as number)) / n;
  let a = y[0]! + y[n]!;
  for (let j = 1; j < n; j++) a += (j % 2 === 1 ? 4 : 2) * y[j]!;
  return (a * h) / 3;
}

const naive = { lo: -3, width: 1, counts: [1, 5, 20, 22, 4, 1], underflow: 2, overflow: 1, label: "naive" }; // total 56

describe("pullHistogramFigure", () => {
  it("draws one histogram as bars at the bin centres, one bin wide", () => {
    const fig = pullHistogramFigure(naive);
    const bars = fig.data[0] as BarTrace;
    expect(bars).toMatchObject({ type: "bar", name: "naive", x: [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], y: [1, 5, 20, 22, 4, 1], width: 1 });
    expect(fig.layout.barmode).toBe("overlay");
  });

  it("scales the N(0,1) curve to total × width, so its area is the histogram's (under- and overflow included)", () => {
    const fig = pullHistogramFigure({ ...naive, width: 0.5, lo: -1.5 }); // bins over [-1.5, 1.5]
    const curve = fig.data[1] as ScatterTrace;
    expect(curve.name).toBe("N(0,1)");
    // every sample is 56 · 0.5 · φ(x)
    curve.x.forEach((x, j) => expect(curve.y[j]).toBeCloseTo(28 * normalPdf(x as number), 12));
    // over the drawn range [-1.5, 1.5] (4 samples per bin) the area is 28 · (Φ(1.5) - Φ(-1.5))
    expect(curve.x).toHaveLength(25);
    expect(area(curve.x, curve.y)).toBeCloseTo(28 * (normalCdf(1.5) - normalCdf(-1.5)), 4);
    expect(curve.x[0]).toBe(-1.5);
    expect(curve.x[curve.x.length - 1]).toBe(1.5);
  });

  it("matches N(0,1) samples: curve and counts agree bin by bin within the Poisson noise", () => {
    const rng = new Random(7);
    const h = new Histogram(bins(-5, 5, 0.25));
    for (let i = 0; i < 40_000; i++) h.add(rng.normal());
    const fig = pullHistogramFigure(h.toJSON());
    const bars = fig.data[0] as BarTrace;
    const curve = fig.data[1] as ScatterTrace;
    // the curve sample at a bin centre is 40000 · 0.25 · φ(centre) ≈ the expected count
    bars.x.forEach((c, k) => {
      const j = curve.x.indexOf(c as number);
      expect(j).toBeGreaterThanOrEqual(0);
      const expected = curve.y[j]!;
      expect(Math.abs(bars.y[k]! - expected)).toBeLessThan(5 * Math.sqrt(expected) + 3);
    });
    expect(area(curve.x, curve.y)).toBeCloseTo(40_000 * 0.25 * (normalCdf(5) - normalCdf(-5)), 6);
  });

  it("puts several histograms as steps and gives one curve per distinct total × width", () => {
    const corrected = { ...naive, label: "corrected" };
    const whitened = { lo: -3, width: 1, counts: [1, 4, 14, 15, 4, 2], label: "whitened" }; // total 40
    const fig = pullHistogramFigure([naive, corrected, whitened]);
    expect(fig.data.map((t) => t.name)).toEqual(["naive", "corrected", "whitened", "N(0,1) × 56", "N(0,1) × 40"]);
    for (const t of fig.data.slice(0, 3)) expect(t).toMatchObject({ type: "scatter", mode: "lines", line: { shape: "hvh" } });
    const c40 = fig.data[4] as ScatterTrace;
    expect(c40.y[c40.x.indexOf(0)]).toBeCloseTo(40 * normalPdf(0), 12);
  });

  it("in density mode divides by total × width, so each histogram and the one curve φ(x) have unit area", () => {
    const fig = pullHistogramFigure([naive, { lo: -3, width: 1, counts: [0, 10, 30, 30, 10, 0] }], { y: "density" });
    expect(fig.data.map((t) => t.name)).toEqual(["naive", "histogram 2", "N(0,1)"]);
    [1, 5, 20, 22, 4, 1].forEach((c, k) => expect((fig.data[0] as ScatterTrace).y[k]).toBeCloseTo(c / 56, 15));
    expect((fig.data[1] as ScatterTrace).y.reduce((a, b) => a! + b!, 0)).toBeCloseTo(1, 14);
    const curve = fig.data[2] as ScatterTrace;
    expect(curve.y[curve.x.indexOf(0)]).toBeCloseTo(normalPdf(0), 14);
    expect(fig.layout.yaxis?.title?.text).toBe("density");
  });

  it("on a log axis sets the range from half the smallest non-zero count to twice the largest", () => {
    const fig = pullHistogramFigure({ lo: 0, width: 1, counts: [0, 4, 400] }, { log: true });
    expect(fig.layout.yaxis).toMatchObject({ type: "log", range: [Math.log10(2), Math.log10(800)], title: { text: "count (log)" } });
  });

  it("draws only the bins overlapping xRange, and the curve over them", () => {
    const fig = pullHistogramFigure(naive, { xRange: [-1, 1.5] });
    expect((fig.data[0] as BarTrace).x).toEqual([-0.5, 0.5, 1.5]);
    const curve = fig.data[1] as ScatterTrace;
    expect([curve.x[0], curve.x[curve.x.length - 1]]).toEqual([-1, 1.5]);
    expect(fig.layout.xaxis?.range).toEqual([-1, 1.5]);
  });

  it("leaves the curve out on request and names axes and title as asked", () => {
    const fig = pullHistogramFigure(naive, { normal: false, title: "g band", xLabel: "whitened residual" });
    expect(fig.data).toHaveLength(1);
    expect(fig.layout.title?.text).toBe("g band");
    expect(fig.layout.xaxis?.title?.text).toBe("whitened residual");
  });

  it("is plain JSON: a round trip through JSON.stringify changes nothing", () => {
    const fig = pullHistogramFigure({ lo: -2, width: 0.5, counts: Float64Array.of(1, 2, 3, 4, 3, 2, 1, 0) }, { log: true });
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
  });

  it("refuses a histogram it cannot draw, naming which", () => {
    expect(() => pullHistogramFigure([naive, { lo: 0, width: -1, counts: [] }])).toThrow("histogram 1: width must be a finite number > 0, got -1.");
  });
});
