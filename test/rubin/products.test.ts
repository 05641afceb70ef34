import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { FORCED_SOURCE_FLAGS, PRODUCTS, fluxPair, product, productNames } from "../../src/rubin/products.js";
import { parquetSchema } from "../../src/io/parquet-schema.js";

describe("DP1 products", () => {
  it("knows ForcedSource, ForcedSourceOnDiaObject and DiaSource", () => {
    expect(productNames).toEqual(["ForcedSource", "ForcedSourceOnDiaObject", "DiaSource"]);
    expect(product("DiaSource").fluxes.scienceFlux).toEqual({ flux: "scienceFlux", err: "scienceFluxErr" });
    expect(fluxPair(PRODUCTS.ForcedSource, "psfDiffFlux")).toEqual({ flux: "psfDiffFlux", err: "psfDiffFluxErr" });
  });

  it("rejects an unknown product or flux and lists the known ones", () => {
    expect(() => product("ForcedSorce")).toThrow(ArgumentError);
    expect(() => product("ForcedSorce")).toThrow(/Known products: ForcedSource, ForcedSourceOnDiaObject, DiaSource/);
    expect(() => fluxPair(PRODUCTS.DiaSource, "psfDiffFlux")).toThrow(/DiaSource has no flux "psfDiffFlux". Its fluxes: psfFlux, scienceFlux/);
  });

  it("has DP1's ForcedSource flag set: bad, edge and nodata have no Center variant", () => {
    expect(FORCED_SOURCE_FLAGS).toContain("pixelFlags_crCenter");
    for (const f of ["pixelFlags_badCenter", "pixelFlags_edgeCenter", "pixelFlags_nodataCenter"]) expect(FORCED_SOURCE_FLAGS).not.toContain(f);
  });

  it("names columns that exist in the embedded samples, for every product", async () => {
    const objects = await parquetSchema("data-samples/dp1_object_collection/object_lc/dataset/_common_metadata");
    const dia = await parquetSchema("data-samples/dp1_dia_object_collection/dia_object_lc/dataset/_common_metadata");
    const check = (info: typeof objects, name: keyof typeof PRODUCTS) => {
      const p = PRODUCTS[name];
      const nest = info.columns.find((c) => c.kind === "nest" && p.nests.includes(c.name));
      expect(nest, `${name} nest`).toBeDefined();
      const base = info.columns.filter((c) => c.kind === "base").map((c) => c.name);
      for (const c of [p.objectId, p.ra, p.dec]) expect(base, `${name} base`).toContain(c);
      const prefix = `${nest!.name}.`;
      const fields = info.columns.filter((c) => c.kind === "field" && c.name.startsWith(prefix)).map((c) => c.name.slice(prefix.length));
      const wanted = [p.band, p.time, ...p.flags, ...Object.values(p.fluxes).flatMap((f) => [f.flux, f.err])];
      for (const c of wanted) expect(fields, `${name}.${c}`).toContain(c);
    };
    check(objects, "ForcedSource");
    check(dia, "ForcedSourceOnDiaObject");
    check(dia, "DiaSource");
  });
});
