import { beforeAll, describe, expect, it } from "vitest";
import type { NestedFrame } from "../../src/frame/nested-frame.js";
import { readHats } from "../../src/io/hats-read.js";
import type { HeatmapTrace } from "../../src/plot/figure.js";
import { type FluxErrorValidation, validateFluxErrors } from "../../src/rubin/validate.js";
import { errorModelHeatmap, errorScaleHeatmaps } from "../../src/rubin/validate-heatmaps.js";

let objects: NestedFrame;
let byBand: FluxErrorValidation;
let byFieldMag: FluxErrorValidation;
beforeAll(async () => {
  objects = await readHats("data-samples/dp1_object_collection");
  byBand = validateFluxErrors(objects);
  byFieldMag = validateFluxErrors(objects, { groupBy: ["field", "magBin"] });
});

describe("errorScaleHeatmaps", () => {
  it("has none when grouped by band alone", () => {
    expect(errorScaleHeatmaps(byBand)).toEqual([]);
  });

  it("puts each band x magnitude group's fitted scale in its cell when grouped by magnitude", () => {
    const v = validateFluxErrors(objects, { groupBy: ["magBin"], bands: ["g", "r"] });
    const [h] = errorScaleHeatmaps(v);
    const t = h!.figure.data[0] as HeatmapTrace;
    expect(h!.band).toBeNull();
    expect(t.y).toEqual(["g", "r"]);
    let small = 0;
    for (const g of v.groups.filter((x) => x.nPoints > 0)) {
      const column = t.x.indexOf(g.magBin === null || g.magBin === undefined ? "–" : `${g.magBin}–${g.magBin + 1}`);
      if (g.nPoints < 50) {
        // a fit of a few dozen points is noise: its cell stays blank (or its column is absent)
        small++;
        if (column >= 0) expect(t.z[t.y.indexOf(g.band)]![column]).toBeNull();
        continue;
      }
      expect(t.z[t.y.indexOf(g.band)]![column]).toBe(Number.isFinite(g.errorScale) ? g.errorScale : null);
    }
    expect(small).toBeGreaterThan(0);
    expect(t.zmid).toBe(1);
  });

  it("draws one fields x magnitude heatmap per band when grouped by both", () => {
    const maps = errorScaleHeatmaps(byFieldMag);
    expect(maps.map((m) => m.band)).toEqual(byFieldMag.options.bands.filter((b) => byFieldMag.groups.some((g) => g.band === b && g.nPoints > 0)));
    const r = maps.find((m) => m.band === "r")!.figure.data[0] as HeatmapTrace;
    const g = byFieldMag.groups.filter((x) => x.band === "r" && x.nPoints > 0).sort((a, b) => b.nPoints - a.nPoints)[0]!;
    expect(r.z[r.y.indexOf(g.field!)]![r.x.indexOf(`${g.magBin}–${g.magBin! + 1}`)]).toBe(g.errorScale);
    // magnitude columns ascend
    const lows = r.x.filter((x) => x !== "–").map((x) => Number(x.split("–")[0]));
    expect(lows).toEqual([...lows].sort((a, b) => a - b));
  });
});

describe("errorModelHeatmap", () => {
  it("draws one band's fields x magnitude bins, every group with a value in its cell, hover counting light curves", () => {
    const fig = errorModelHeatmap(byFieldMag, { band: "g" });
    const t = fig.data[0] as HeatmapTrace;
    const gs = byFieldMag.groups.filter((g) => g.band === "g" && g.nPoints > 0);
    expect(t.y).toEqual([...new Set(gs.map((g) => g.field!))].sort((a, b) => Number(a === "none") - Number(b === "none") || a.localeCompare(b)));
    for (const g of gs) {
      const j = t.y.indexOf(g.field!);
      const i = t.x.indexOf(g.magBin === null ? "–" : `${g.magBin}–${g.magBin! + 1}`);
      expect(t.z[j]![i]).toBe(Number.isFinite(g.errorScale) ? g.errorScale : null);
      expect(t.customdata![j]![i]).toContain(`(${g.nObjects} light curves)`);
    }
    expect(fig.layout.title?.text).toBe("g band: error scale s by field and magnitude");
  });

  it("shows another statistic on request: the floor on a sequential scale, stds centred on 1", () => {
    const floor = errorModelHeatmap(byFieldMag, { band: "r", value: "floor", title: "r floor" }).data[0] as HeatmapTrace;
    expect(floor.zmid).toBeUndefined();
    expect(floor.colorbar?.title?.text).toBe("floor a (nJy)");
    const g = byFieldMag.groups.find((x) => x.band === "r" && x.nPoints > 0 && Number.isFinite(x.floor))!;
    expect(floor.z[floor.y.indexOf(g.field!)]![floor.x.indexOf(`${g.magBin}–${g.magBin! + 1}`)]).toBe(g.floor);
    expect((errorModelHeatmap(byFieldMag, { band: "r", value: "whitenedStd" }).data[0] as HeatmapTrace).zmid).toBe(1);
  });

  it("says what is missing: a band when grouped by field and magnitude, any grouping beyond band, a known value", () => {
    expect(() => errorModelHeatmap(byFieldMag)).toThrow("Name a band (one of u, g, r, i, z, y): grouped by field and magnitude, each band has its own heatmap.");
    expect(() => errorModelHeatmap(byBand)).toThrow("A heatmap needs a validation grouped by field and/or magBin");
    expect(() => errorModelHeatmap(byFieldMag, { band: "q" })).toThrow('Band "q" was not validated; the validation has u, g, r, i, z, y.');
    expect(() => errorModelHeatmap(byFieldMag, { band: "r", value: "pValue" as "floor" })).toThrow('Unknown heatmap value "pValue"; choose from errorScale, floor');
  });
});

