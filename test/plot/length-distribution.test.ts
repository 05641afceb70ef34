import { describe, expect, it } from "vitest";
import type { BarTrace } from "../../src/plot/figure.js";
import { lightCurveLengthFigure } from "../../src/plot/length-distribution.js";

describe("lightCurveLengthFigure", () => {
  it("counts light curves per length from a nest's offsets, zero-length ones included", () => {
    // lengths 3, 0, 1, 1, 3
    const fig = lightCurveLengthFigure({ offsets: Int32Array.of(10, 13, 13, 14, 15, 18) });
    const bars = fig.data[0] as BarTrace;
    expect(bars.x).toEqual([0, 1, 2, 3]);
    expect(bars.y).toEqual([1, 2, 0, 2]);
    expect(bars.text).toEqual(["0 points", "1 points", "2 points", "3 points"]);
    expect(fig.layout.title?.text).toBe("Light-curve lengths (5 light curves)");
  });

  it("takes lengths directly, e.g. a reduce's count column", () => {
    const bars = lightCurveLengthFigure({ counts: Float64Array.of(2, 2, 1) }, { log: true }).data[0] as BarTrace;
    expect(bars.y).toEqual([0, 1, 2]);
  });

  it("bins long light curves in runs of ceil((max + 1) / maxBars) lengths, drawn at each run's centre", () => {
    // max 10 -> 11 lengths in bars of 3: [0-2], [3-5], [6-8], [9-11]
    const fig = lightCurveLengthFigure({ counts: [0, 2, 3, 5, 9, 10, 10] }, { maxBars: 4 });
    const bars = fig.data[0] as BarTrace;
    expect(bars.x).toEqual([1, 4, 7, 10]);
    expect(bars.y).toEqual([2, 2, 0, 3]);
    expect(bars.width).toBeCloseTo(2.7, 12);
    expect(bars.text![0]).toBe("0–2 points");
    expect(fig.layout.xaxis?.title?.text).toBe("points per light curve (bins of 3)");
  });

  it("sets a log y axis on request", () => {
    expect(lightCurveLengthFigure({ counts: [1] }, { log: true }).layout.yaxis?.type).toBe("log");
    expect(lightCurveLengthFigure({ counts: [1] }).layout.yaxis?.type).toBeUndefined();
  });

  it("refuses decreasing offsets and bad lengths, saying which", () => {
    expect(() => lightCurveLengthFigure({ offsets: [0, 3, 2] })).toThrow("Light-curve length 1 must be an integer >= 0, got -1 (offsets must not decrease).");
    expect(() => lightCurveLengthFigure({ counts: [1, 2.5] })).toThrow("Light-curve length 1 must be an integer >= 0, got 2.5.");
    expect(() => lightCurveLengthFigure({ offsets: [] })).toThrow("offsets must have length nObjects + 1");
    expect(() => lightCurveLengthFigure({ counts: [1] }, { maxBars: 0 })).toThrow("maxBars must be an integer >= 1, got 0.");
  });
});
