import { beforeAll, describe, expect, it } from "vitest";
import type { NestedFrame } from "../../src/frame/nested-frame.js";
import { readHats } from "../../src/io/hats-read.js";
import { histogramTotal } from "../../src/plot/binned.js";
import type { BarTrace, ScatterTrace } from "../../src/plot/figure.js";
import { type FluxErrorValidation, validateFluxErrors } from "../../src/rubin/validate.js";
import { bandHistograms, figureGroups, groupLabel, groupPullFigure, validationFigures } from "../../src/rubin/validate-figures.js";
import { normalPdf } from "../../src/stats/distributions.js";

let objects: NestedFrame;
let byBand: FluxErrorValidation;
let byFieldMag: FluxErrorValidation;
beforeAll(async () => {
  objects = await readHats("data-samples/dp1_object_collection");
  byBand = validateFluxErrors(objects);
  byFieldMag = validateFluxErrors(objects, { groupBy: ["field", "magBin"] });
});

describe("groupLabel", () => {
  it("names the band, then field and magnitude bin when the validation grouped by them", () => {
    expect(groupLabel({ band: "g" })).toBe("g");
    expect(groupLabel({ band: "r", field: "ECDFS", magBin: 22 })).toBe("r · ECDFS · mag 22–23");
    expect(groupLabel({ band: "i", magBin: null })).toBe("i · mag –");
  });
});

describe("figureGroups", () => {
  it("keeps groups with enough points, the largest floor(maxFigures / bands) of each band, in the validation's order", () => {
    const drawn = figureGroups(byFieldMag, { minPoints: 100, maxFigures: 12 }); // 2 per band
    for (const band of byFieldMag.options.bands) {
      const mine = byFieldMag.groups.filter((g) => g.band === band && g.nPoints >= 100).sort((a, b) => b.nPoints - a.nPoints);
      expect(drawn.filter((g) => g.band === band)).toEqual(expect.arrayContaining(mine.slice(0, 2)));
      expect(drawn.filter((g) => g.band === band).length).toBe(Math.min(2, mine.length));
    }
    const order = drawn.map((g) => byFieldMag.groups.indexOf(g));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe("bandHistograms", () => {
  it("adds up the histograms of a band's groups: every naive pull of the band counts once", () => {
    const hs = bandHistograms(byFieldMag);
    expect(hs.map((h) => h.label)).toEqual(byFieldMag.options.bands);
    for (const h of hs) {
      const groups = byFieldMag.groups.filter((g) => g.band === h.label);
      expect(histogramTotal(h)).toBe(groups.reduce((s, g) => s + g.nPoints, 0));
      const k = 100; // the bin [0, 0.1)
      expect(h.counts[k]).toBe(groups.reduce((s, g) => s + g.histogram.counts[k]!, 0));
    }
    // grouped by band alone, each band's histogram is its one group's
    expect(Array.from(bandHistograms(byBand)[2]!.counts)).toEqual(byBand.groups[2]!.histogram.counts);
  });
});

describe("groupPullFigure", () => {
  it("draws the group's counts within [-6, 6] on a log axis with N(0,1) scaled to its pulls", () => {
    const g = byBand.groups[2]!; // r
    const fig = groupPullFigure(g);
    const bars = fig.data[0] as BarTrace;
    const k0 = Math.round((-6 - g.histogram.lo) / g.histogram.width);
    expect(bars.y).toEqual(g.histogram.counts.slice(k0, k0 + 120));
    const curve = fig.data[1] as ScatterTrace;
    expect(curve.y[curve.x.indexOf(0)]).toBeCloseTo(g.nPoints * 0.1 * normalPdf(0), 8);
    expect(fig.layout.yaxis?.type).toBe("log");
    expect(fig.layout.title?.text).toBe(`r: ${g.nPoints} pulls, std ${g.pullStd.toFixed(3)}`);
  });
});

describe("validationFigures", () => {
  it("compares naive, MAD, corrected and whitened widths and the fitted scale of every drawn group against 1", () => {
    const figs = validationFigures(byBand);
    const widths = figs.widths.data as BarTrace[];
    expect(widths.map((t) => t.name)).toEqual(["naive std", "naive 1.4826 MAD", "corrected std", "whitened std", "fitted scale s"]);
    expect(widths[0]!.x).toEqual(figs.drawn.map(groupLabel));
    expect(widths[2]!.y).toEqual(figs.drawn.map((g) => g.pullStdCorrected));
    expect(widths[4]!.error_y?.array).toEqual(figs.drawn.map((g) => g.errorScaleErr));
    expect(figs.widths.layout.shapes?.[0]?.y0).toBe(1);
  });

  it("draws the cut-flow as shares of the input and one pull histogram per drawn group", () => {
    const figs = validationFigures(byBand);
    const points = figs.cutflow.data.find((t) => t.name === "points") as BarTrace;
    expect(points.y).toEqual(byBand.cutflow.map((s) => (100 * s.points) / byBand.cutflow[0]!.points));
    expect(figs.pulls.map((p) => p.label)).toEqual(["u", "g", "r", "i", "z", "y"]);
    expect(figs.qq.data.map((t) => t.name)).toEqual(["u", "g", "r", "i", "z", "y", "y = x"]);
  });
});
