import { beforeAll, describe, expect, it } from "vitest";
import type { NestedFrame } from "../../src/frame/nested-frame.js";
import { readHats } from "../../src/io/hats-read.js";
import { validateFluxErrors } from "../../src/rubin/validate.js";
import { plotlySource } from "../../src/plot/figure-html.js";
import { validationFigures } from "../../src/rubin/validate-figures.js";
import { validationReportHtml } from "../../src/rubin/validate-report.js";

/** The figure JSON a page's script draws into the div with id `id`. */
function figureJson(html: string, id: string): unknown {
  const m = new RegExp(`document\\.getElementById\\(${JSON.stringify(id)}\\);var fig=(\\{.*?\\});var tries`).exec(html);
  expect(m, id).not.toBeNull();
  return JSON.parse(m![1]!);
}

let objects: NestedFrame;
beforeAll(async () => {
  objects = await readHats("data-samples/dp1_object_collection");
});

describe("validationReportHtml", () => {
  it("carries plotly.js once and draws the validation's figures with it, SVG histograms kept for readers without JavaScript", () => {
    const v = validateFluxErrors(objects);
    const html = validationReportHtml(v, { source: "sample" });
    expect(html.match(/plotly\.js v4\.1\.1/g)).toHaveLength(1);
    expect(html.indexOf("plotly.js v4.1.1")).toBeLessThan(html.indexOf("<body>"));
    const names = [...html.matchAll(/data-figure="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(["cutflow", "widths", "qq", "pulls-0", "pulls-1", "pulls-2", "pulls-3", "pulls-4", "pulls-5"]);
    const figs = validationFigures(v);
    expect(figureJson(html, "fig-cutflow")).toEqual(JSON.parse(JSON.stringify(figs.cutflow)));
    expect(figureJson(html, "fig-pulls-2")).toEqual(JSON.parse(JSON.stringify(figs.pulls[2]!.figure)));
    const noscript = /<noscript>([\s\S]*)<\/noscript>/.exec(html)![1]!;
    expect((noscript.match(/<svg /g) ?? []).length).toBe(6);
    // nothing outside plotly.js' own code (whose strings name its website) loads from the network
    expect(html.replace(plotlySource(), "")).not.toMatch(/(src|href)="https?:/);
  });

  it("draws a heatmap of the error scale per band when grouped by field and magnitude", () => {
    const v = validateFluxErrors(objects, { groupBy: ["field", "magBin"] });
    const html = validationReportHtml(v, { source: "sample" });
    const maps = [...html.matchAll(/data-figure="(scale-\d+)"/g)].map((m) => m[1]);
    expect(maps).toHaveLength(validationFigures(v).errorScale.length);
    expect(maps.length).toBeGreaterThan(0);
    expect(html).toContain("<h2>Error scale by field and magnitude</h2>");
  });

  it("without plotly is one offline page with no script: cut-flow, per-group table, one SVG histogram per band", () => {
    const v = validateFluxErrors(objects);
    const html = validationReportHtml(v, { source: "data-samples/<sample>", seconds: 1.5, plotly: false });
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toContain("<script");
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain("data-samples/&lt;sample&gt;"); // escaped
    expect(html).toContain("validated in 1.50 s");
    expect((html.match(/<tr><td>/g) ?? []).length).toBe(v.cutflow.length + v.groups.length);
    expect((html.match(/<svg /g) ?? []).length).toBe(6);
  });

  it("draws histograms for groups with at least 50 points, the largest few of every band, and adds field and magnitude columns", () => {
    const v = validateFluxErrors(objects, { groupBy: ["field", "magBin"] });
    const html = validationReportHtml(v, { source: "sample", plotly: false });
    const titles = [...html.matchAll(/<text x="[^"]*" y="16" text-anchor="middle" font-size="13">([^<]*)<\/text>/g)].map((m) => m[1]!);
    for (const band of ["u", "g", "r", "i", "z", "y"]) {
      const n = titles.filter((t) => t.startsWith(`${band} · `)).length;
      expect(n, band).toBeGreaterThan(0);
      expect(n, band).toBeLessThanOrEqual(8);
    }
    expect(html).toMatch(/Showing \d+ of \d+ groups: those with at least 50 points, at most 8 per band/);
    expect(html).toContain('<th class="l">field</th><th>mag</th>');
  });

  it("lists every group's notes, so a missing number has its reason on the page", () => {
    const v = validateFluxErrors(objects, { bands: ["r", "y"], minObs: 200 });
    const html = validationReportHtml(v, { source: "sample" });
    expect(html).toContain("<h2>Notes</h2>");
    expect(html).toContain("<li>y: no y-band light curve passed the cuts");
    expect(html).not.toContain("– ± –");
  });
});
