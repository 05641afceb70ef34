import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { pullHistogramFigure } from "../../src/plot/pull-histogram.js";
import { type DisplayContent, figureMimeBundle, figureSummary, show } from "../../src/plot/show.js";

const fig = pullHistogramFigure({ lo: -1, width: 1, counts: [3, 4], label: "g" }, { title: "g band" });
const hasPlotly = (c: DisplayContent) => c.data["text/html"].includes("plotly.js v4.1.1");

describe("figureSummary", () => {
  it("names the title and every trace with its size", () => {
    // the curve has 4 samples per bin over [-1, 1]: 9 points
    expect(figureSummary(fig)).toBe('Figure "g band": g (bar, 2 points), N(0,1) (scatter, 9 points)');
    expect(figureSummary({ data: [], layout: {} })).toBe("Figure: no traces");
  });
});

describe("figureMimeBundle", () => {
  it("holds the figure as plotly JSON, as HTML that draws it, and as text", () => {
    const b = figureMimeBundle(fig, { inlinePlotly: false });
    expect(b["application/vnd.plotly.v1+json"]).toEqual({ data: fig.data, layout: fig.layout, config: { responsive: true, displaylogo: false, showLink: false } });
    expect(b["text/html"]).toMatch(/^<div id="nlc-[0-9a-f]+-\d+" class="nlc-figure"/);
    expect(b["text/plain"]).toBe(figureSummary(fig));
    expect(figureMimeBundle(fig, { inlinePlotly: true })["text/html"]).toContain("plotly.js v4.1.1");
  });
});

describe("show", () => {
  afterEach(() => vi.restoreAllMocks());

  it("sends one display message per figure, with plotly.js in the first only", () => {
    const sent: [DisplayContent, boolean][] = [];
    const display = (c: DisplayContent, update: boolean) => void sent.push([c, update]);
    show(fig, { display });
    show(fig, { display });
    expect(sent.map(([c, update]) => [hasPlotly(c), update])).toEqual([
      [true, false],
      [false, false],
    ]);
    expect(Object.keys(sent[0]![0].data)).toEqual(["application/vnd.plotly.v1+json", "text/html", "text/plain"]);
  });

  it("inlines plotly.js again when asked (a reloaded page, same kernel), and never with 'none'", () => {
    const sent: DisplayContent[] = [];
    const display = (c: DisplayContent) => void sent.push(c);
    show(fig, { display, plotly: "none" });
    show(fig, { display });
    show(fig, { display, plotly: "inline" });
    expect(sent.map(hasPlotly)).toEqual([false, true, true]);
    expect(() => show(fig, { display, plotly: "cdn" as "none" })).toThrow('plotly must be "auto", "inline" or "none", got "cdn".');
  });

  it("prints the text summary outside a notebook kernel instead of failing", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    show(fig);
    expect(log).toHaveBeenCalledWith(figureSummary(fig));
  });

  it("finds a tslab kernel's display hook in Node's module cache and sends the bundle through it", () => {
    // tslab sets jupyter.lastWriteDisplayData before every cell; here we set it as the kernel would
    const jupyter = createRequire(import.meta.url)("tslab/dist/jupyter.js") as { lastWriteDisplayData: unknown };
    const sent: DisplayContent[] = [];
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      jupyter.lastWriteDisplayData = (c: DisplayContent, update: boolean) => {
        expect(update).toBe(false);
        sent.push(c);
      };
      show(fig);
      show(fig);
    } finally {
      jupyter.lastWriteDisplayData = null;
    }
    expect(log).not.toHaveBeenCalled();
    expect(sent.map(hasPlotly)).toEqual([true, false]);
    expect(sent[0]!.data["application/vnd.plotly.v1+json"].data).toEqual(fig.data);
    // with the hook unset (between kernels) it falls back to text again
    show(fig);
    expect(log).toHaveBeenCalledTimes(1);
  });
});
