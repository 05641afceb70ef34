import { describe, expect, it } from "vitest";
import { barChartFigure } from "../../src/plot/bar-chart.js";
import type { BarTrace } from "../../src/plot/figure.js";

describe("barChartFigure", () => {
  it("puts one bar trace per series over the categories in order, NaN as a gap", () => {
    const fig = barChartFigure(["u", "g", "r"], [
      { name: "naive std", values: Float64Array.of(0.9, NaN, 0.95) },
      { name: "whitened std", values: [1, 1.02, 0.99], errors: [0.01, NaN, 0.02] },
    ]);
    const [a, b] = fig.data as BarTrace[];
    expect(a).toMatchObject({ type: "bar", name: "naive std", x: ["u", "g", "r"], y: [0.9, null, 0.95] });
    expect(a!.marker?.color).not.toBe(b!.marker?.color);
    expect(b!.error_y).toMatchObject({ type: "data", array: [0.01, null, 0.02], visible: true });
    expect(fig.layout.xaxis?.categoryarray).toEqual(["u", "g", "r"]);
    expect(fig.layout.shapes).toBeUndefined();
  });

  it("draws a dashed reference line across the plot at the given value", () => {
    const fig = barChartFigure(["g"], [{ name: "s", values: [1.2] }], { reference: 1, yLabel: "width", title: "t" });
    expect(fig.layout.shapes).toEqual([{ type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: 1, y1: 1, line: { color: "#555555", width: 1, dash: "dash" } }]);
    expect(fig.layout.yaxis?.title?.text).toBe("width");
  });

  it("refuses a series whose length does not match the categories", () => {
    expect(() => barChartFigure(["a", "b"], [{ name: "s", values: [1] }])).toThrow('Bar series "s" has 1 values for 2 categories.');
    expect(() => barChartFigure(["a"], [{ name: "s", values: [1], errors: [1, 2] }])).toThrow('Bar series "s" has 2 errors for 1 categories.');
  });
});
