import { describe, expect, it } from "vitest";
import type { HeatmapTrace } from "../../src/plot/figure.js";
import { heatmapFigure } from "../../src/plot/heatmap.js";

const grid = { x: ["18–19", "19–20", "20–21"], y: ["ECDFS", "EDFS"], z: Float64Array.of(1.1, 1.3, NaN, 0.8, 1.0, 1.2), err: [0.01, 0.02, NaN, 0.05, 0.01, 0.03], n: [120, 340, 0, 15, 800, 260] };

describe("heatmapFigure", () => {
  it("lays the row-major values out as rows of y and columns of x, empty cells as null", () => {
    const t = heatmapFigure(grid).data[0] as HeatmapTrace;
    expect(t.z).toEqual([
      [1.1, 1.3, null],
      [0.8, 1.0, 1.2],
    ]);
    expect(t.x).toEqual(grid.x);
    expect(t.y).toEqual(grid.y);
  });

  it("shows value ± error and the count of every cell on hover", () => {
    const t = heatmapFigure(grid, { zLabel: "s", digits: 3 }).data[0] as HeatmapTrace;
    expect(t.customdata![0]).toEqual(["ECDFS · 18–19: s 1.100 ± 0.010 (n = 120)", "ECDFS · 19–20: s 1.300 ± 0.020 (n = 340)", "ECDFS · 20–21: s – (n = 0)"]);
    expect(t.texttemplate).toBe("%{z:.3f}");
    const counted = heatmapFigure(grid, { countLabel: "light curves" }).data[0] as HeatmapTrace;
    expect(counted.customdata![1]![2]).toBe("EDFS · 20–21: value 1.20 ± 0.03 (260 light curves)");
  });

  it("centres a diverging scale on zmid, symmetric about it", () => {
    const t = heatmapFigure(grid, { zmid: 1 }).data[0] as HeatmapTrace;
    // values span 0.8..1.3 about 1: the half-width is max(0.3, 0.2)
    expect(t.zmid).toBe(1);
    expect(t.zmin).toBeCloseTo(0.7, 12);
    expect(t.zmax).toBeCloseTo(1.3, 12);
    expect(Array.isArray(t.colorscale)).toBe(true);
    expect((heatmapFigure(grid).data[0] as HeatmapTrace).colorscale).toBe("Viridis");
  });

  it("refuses values that do not fill the grid", () => {
    expect(() => heatmapFigure({ ...grid, z: [1, 2] })).toThrow("heatmap z must have y.length × x.length = 2 × 3 = 6 values (row-major), got 2.");
    expect(() => heatmapFigure({ ...grid, n: [1] })).toThrow("heatmap n must have");
  });

  it("is plain JSON", () => {
    const fig = heatmapFigure(grid, { zmid: 1, title: "error scale", xLabel: "mag", yLabel: "field" });
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
  });
});
