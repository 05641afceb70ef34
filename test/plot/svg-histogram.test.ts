import { describe, expect, it } from "vitest";
import { svgHistogram } from "../../src/plot/svg-histogram.js";

describe("svgHistogram", () => {
  it("draws one bar per non-empty bin and one path per curve, with escaped labels", () => {
    const svg = svgHistogram(Float64Array.of(-1, 0, 1, 2), [3, 0, 5], {
      title: "pulls <r>",
      xLabel: "pull",
      curves: [{ label: "N(0,1) & co", y: [4, 4, 1], color: "#d62728" }],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain("pulls &lt;r&gt;");
    expect(svg).toContain("N(0,1) &amp; co");
    const bars = /<path d="([^"]*)" fill="#1f77b4"/.exec(svg)![1]!;
    expect(bars.match(/Z/g)).toHaveLength(2); // the empty bin draws nothing
    expect(svg.match(/stroke="#d62728"/g)).toHaveLength(1);
  });

  it("scales the tallest bar to the top of the plot, on a log scale too", () => {
    const lin = svgHistogram([0, 1, 2], [10, 5], { title: "t", width: 200, height: 100 });
    // plot area: y from 26 (top) to 60 (100 - 40 bottom margin); the 10-count bar reaches the top
    expect(lin).toContain("V26");
    expect(lin).toContain("V43"); // 5 counts: half way
    const log = svgHistogram([0, 1, 2], [99, 9], { title: "t", width: 200, height: 100, log: true });
    expect(log).toContain("V26");
    expect(log).toContain("V43"); // log10(10) is half of log10(100)
  });

  it("clips to an x range", () => {
    const svg = svgHistogram([-3, -2, -1, 0, 1, 2, 3], [1, 1, 1, 1, 1, 1], { title: "t", xRange: [-1, 1] });
    const bars = /<path d="([^"]*)" fill="#1f77b4"/.exec(svg)![1]!;
    expect(bars.match(/Z/g)).toHaveLength(2);
  });
});

describe("svgHistogram axes", () => {
  it("labels decades on a log scale and round numbers on a linear one", () => {
    const log = svgHistogram([0, 1, 2], [999, 5], { title: "t", log: true });
    for (const t of [0, 1, 10, 100]) expect(log).toContain(`text-anchor="end">${t}</text>`);
    expect(log).not.toContain(`text-anchor="end">1000</text>`);
    expect(log).toContain("count (log)");
    const lin = svgHistogram([0, 1, 2], [47, 5], { title: "t" });
    for (const t of [0, 10, 20, 30, 40]) expect(lin).toContain(`text-anchor="end">${t}</text>`);
  });
});
