import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { PLOTLY_CONFIG, figureHtml, plotlyScriptTag, plotlySource } from "../../src/plot/figure-html.js";
import type { Figure } from "../../src/plot/figure.js";
import { pullHistogramFigure } from "../../src/plot/pull-histogram.js";

interface FakeElement {
  textContent: string;
}
interface NewPlotCall {
  el: FakeElement;
  data: unknown;
  layout: unknown;
  config: unknown;
}

/** Runs the page's scripts in a context with a fake document; `plotlyAfter` = timer ticks before window.Plotly appears (Infinity: never). */
function runPage(html: string, ids: readonly string[], plotlyAfter: number): { calls: NewPlotCall[]; elements: Record<string, FakeElement>; ticks: number } {
  const elements = Object.fromEntries(ids.map((id) => [id, { textContent: "" }]));
  const calls: NewPlotCall[] = [];
  const plotly = { newPlot: (el: FakeElement, data: unknown, layout: unknown, config: unknown) => void calls.push({ el, data, layout, config }) };
  const timers: (() => void)[] = [];
  const window: { Plotly?: typeof plotly } = plotlyAfter === 0 ? { Plotly: plotly } : {};
  const ctx = vm.createContext({ window, document: { getElementById: (id: string) => elements[id] ?? null }, setTimeout: (f: () => void) => void timers.push(f) });
  for (const m of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) vm.runInContext(m[1]!, ctx);
  let ticks = 0;
  while (timers.length > 0) {
    ticks++;
    if (ticks >= plotlyAfter) window.Plotly = plotly;
    timers.shift()!();
  }
  return { calls, elements, ticks };
}

const fig: Figure = pullHistogramFigure({ lo: -1, width: 1, counts: [3, 4] }, { title: "a </script><script>alert(1)</script> & <b>" });

describe("figureHtml", () => {
  it("draws the figure with Plotly.newPlot in its div, data and layout unchanged by the escaping", () => {
    const html = figureHtml(fig, { id: "f1" });
    expect(html.startsWith('<div id="f1" class="nlc-figure" data-figure="figure" style="width:100%"></div><script>')).toBe(true);
    expect(figureHtml(fig, { id: "f1", name: 'g "pulls" <log>', style: "width:500px" })).toContain('data-figure="g &quot;pulls&quot; &lt;log>" style="width:500px"');
    const { calls } = runPage(html, ["f1"], 0);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.data).toEqual(fig.data);
    expect(calls[0]!.layout).toEqual(fig.layout);
    expect(calls[0]!.config).toEqual(PLOTLY_CONFIG);
  });

  it("cannot be broken out of by a title: no '</script>' or '<b>' from the figure reaches the markup", () => {
    const html = figureHtml(fig, { id: "f1" });
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain("<b>");
  });

  it("waits for plotly.js to arrive later on the page, and says so in the div if it never does", () => {
    const late = runPage(figureHtml(fig, { id: "f2" }), ["f2"], 5);
    expect(late.calls).toHaveLength(1);
    expect(late.ticks).toBe(5);
    const never = runPage(figureHtml(fig, { id: "f3" }), ["f3"], Infinity);
    expect(never.calls).toHaveLength(0);
    expect(never.ticks).toBe(99);
    expect(never.elements["f3"]!.textContent).toBe("This figure needs plotly.js, which this page does not load.");
  });

  it("inlines plotly.js-dist-min's bundle once on request, ahead of the figure", () => {
    const file = createRequire(import.meta.url).resolve("plotly.js-dist-min");
    const html = figureHtml(fig, { plotly: "inline", id: "f4" });
    expect(html.startsWith(`<script>${readFileSync(file, "utf8")}</script><div id="f4"`)).toBe(true);
    expect(html.match(/plotly\.js v4\.1\.1/g)).toHaveLength(1);
    expect(figureHtml(fig, { id: "f5" })).not.toContain("plotly.js v4");
    expect(plotlyScriptTag()).toBe(`<script>${plotlySource()}</script>`);
  });

  it("makes a different id per call unless given one", () => {
    const a = /id="([^"]+)"/.exec(figureHtml(fig))![1];
    const b = /id="([^"]+)"/.exec(figureHtml(fig))![1];
    expect(a).toMatch(/^nlc-[0-9a-f]{8}-\d+$/);
    expect(a).not.toBe(b);
  });

  it("refuses ids and modes it cannot use", () => {
    expect(() => figureHtml(fig, { id: 'x" onload="alert(1)' })).toThrow('figure id must be a letter followed by letters, digits, "_" or "-"');
    expect(() => figureHtml(fig, { plotly: "cdn" as "none" })).toThrow('plotly must be "inline" or "none", got "cdn".');
  });
});
