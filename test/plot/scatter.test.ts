import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { scatterFigure } from "../../src/plot/scatter.js";

describe("scatterFigure", () => {
  it("draws points as markers and curves as lines, non-finite values as gaps", () => {
    const fig = scatterFigure(
      [
        { x: Float64Array.of(0.1, NaN, 0.5), y: [0, 0.1, Infinity], label: "stars" },
        { x: [0, 1], y: [0, 0.4], label: "locus", mode: "lines", color: "#d62728" },
      ],
      { xLabel: "g - r", yLabel: "r - i", equalAxes: true, xRange: [-0.5, 2] },
    );
    expect(fig.data).toEqual([
      { type: "scatter", name: "stars", x: [0.1, null, 0.5], y: [0, 0.1, null], mode: "markers", marker: { color: "#1f77b4", size: 4, opacity: 0.6 } },
      { type: "scatter", name: "locus", x: [0, 1], y: [0, 0.4], mode: "lines", line: { color: "#d62728", width: 2 } },
    ]);
    expect(fig.layout.xaxis).toEqual({ title: { text: "g - r" }, range: [-0.5, 2], zeroline: false });
    expect(fig.layout.yaxis).toEqual({ title: { text: "r - i" }, zeroline: false, scaleanchor: "x" });
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig); // plain JSON
  });

  it("takes one series alone and refuses x and y of different lengths", () => {
    expect(scatterFigure({ x: [1], y: [2] }).data[0]!.name).toBe("series 1");
    expect(() => scatterFigure({ x: [1, 2], y: [2], label: "a" })).toThrow(ArgumentError);
    expect(() => scatterFigure({ x: [1, 2], y: [2], label: "a" })).toThrow("scatterFigure: series a has 2 x values but 1 y values.");
  });
});
