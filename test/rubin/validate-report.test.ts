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

  it("draws histograms only for groups with at least 50 points, and adds field and magnitude columns", () => {
    const v = validateFluxErrors(objects, { groupBy: ["field", "magBin"] });
    const html = validationReportHtml(v, { source: "sample" });
    const drawable = v.groups.filter((g) => g.nPoints >= 50).length;
    expect((html.match(/<svg /g) ?? []).length).toBe(Math.min(48, drawable));
    expect(html).toContain(`Showing ${Math.min(48, drawable)} of ${v.groups.length} groups: those with at least 50 points`);
    expect(html).toContain('<th class="l">field</th><th>mag</th>');
  });
});
