import { beforeAll, describe, expect, it } from "vitest";
import type { NestedFrame } from "../../src/frame/nested-frame.js";
import { readHats } from "../../src/io/hats-read.js";
import { validateFluxErrors } from "../../src/rubin/validate.js";
import { validationReportHtml } from "../../src/rubin/validate-report.js";

let objects: NestedFrame;
beforeAll(async () => {
  objects = await readHats("data-samples/dp1_object_collection");
});

describe("validationReportHtml", () => {
  it("is one offline page: cut-flow, per-group table, one histogram per band, no scripts", () => {
    const v = validateFluxErrors(objects);
    const html = validationReportHtml(v, { source: "data-samples/<sample>", seconds: 1.5 });
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
    const html = validationReportHtml(v, { source: "sample" });
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
