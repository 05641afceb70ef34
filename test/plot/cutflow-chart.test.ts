import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { cutflowCounts, cutflowFigure } from "../../src/plot/cutflow-chart.js";
import type { BarTrace } from "../../src/plot/figure.js";

const steps = [
  { step: "input", detail: "", objects: 200, lightCurves: 800, points: 10_000 },
  { step: "flags", detail: "any flag set", objects: 190, lightCurves: 700, points: 8_000 },
  { step: "minObs", detail: "fewer than 10 points", objects: 50, lightCurves: 100, points: 2_500 },
];

describe("cutflowFigure", () => {
  it("draws, per step, the percentage of the input's objects, light curves and points that remain", () => {
    const fig = cutflowFigure(steps);
    expect(fig.data.map((t) => t.name)).toEqual(["objects", "light curves", "points"]);
    const [objects, lcs, points] = fig.data as BarTrace[];
    expect(objects!.x).toEqual(["input", "flags", "minObs"]);
    expect(objects!.y).toEqual([100, 95, 25]);
    expect(lcs!.y).toEqual([100, 87.5, 12.5]);
    expect(points!.y).toEqual([100, 80, 25]);
    expect(points!.text![1]).toBe("8,000 points after flags: any flag set");
    expect(fig.layout.barmode).toBe("group");
  });

  it("leaves light curves out unless every step counts them, and shows null for an empty input", () => {
    const fig = cutflowFigure([
      { step: "input", objects: 0, points: 4 },
      { step: "query", objects: 0, points: 2 },
    ]);
    expect(fig.data.map((t) => [t.name, (t as BarTrace).y])).toEqual([
      ["objects", [null, null]],
      ["points", [100, 50]],
    ]);
  });

  it("keeps repeated step names apart", () => {
    const fig = cutflowFigure([
      { step: "query", objects: 4, points: 4 },
      { step: "query", objects: 2, points: 2 },
      { step: "query", objects: 1, points: 1 },
    ]);
    expect((fig.data[0] as BarTrace).x).toEqual(["query", "query (2)", "query (3)"]);
  });

  it("takes a frame's own cut-flow, in and out per verb", () => {
    const frame = new NestedFrame({
      base: { id: makeColumn(Int32Array.of(1, 2, 3)) },
      nested: { lc: { offsets: Int32Array.of(0, 2, 3, 6), fields: { flux: makeColumn(Float64Array.of(5, -1, -2, 3, 4, -5)) } } },
    });
    const cut = frame.query("lc.flux > 0").dropEmpty("lc");
    const counts = cutflowCounts(cut.cutflow().steps);
    expect(counts.map((s) => [s.step, s.objects, s.points])).toEqual([
      ["input", 3, 6],
      ["query", 3, 3],
      ["dropEmpty", 2, 3],
    ]);
    const fig = cutflowFigure(cut.cutflow().steps);
    expect((fig.data[0] as BarTrace).y).toEqual([100, 100, (100 * 2) / 3]);
    expect((fig.data[1] as BarTrace).y).toEqual([100, 50, 50]);
  });

  it("refuses a negative count, naming the step", () => {
    expect(() => cutflowFigure([{ step: "input", objects: -1, points: 0 }])).toThrow('cut-flow step 0 ("input"): objects must be a count >= 0, got -1.');
  });
});
