import { describe, expect, it } from "vitest";
import { ColumnNotFoundError, SchemaError } from "../../src/frame/errors.js";
import { parquetSchema } from "../../src/io/parquet-schema.js";
import { PRODUCTS } from "../../src/rubin/products.js";
import { validationColumns } from "../../src/rubin/validate-columns.js";

const HATS_SCHEMA = "data-samples/dp1_object_collection/object_lc/dataset/_common_metadata";
const FLAT_FILE = "data-samples/forced_source_visits/visit_2024102300019-2024102500037.parquet";

describe("validationColumns", () => {
  it("lists the few columns a validation reads from a nested DP1-like file", async () => {
    const info = await parquetSchema(HATS_SCHEMA);
    const cols = validationColumns(info.columns, { product: "ForcedSource", flux: "psfDiffFlux", groupBy: ["magBin"] });
    expect(cols.slice(0, 4)).toEqual(["objectId", "objectForcedSource.band", "objectForcedSource.psfDiffFlux", "objectForcedSource.psfDiffFluxErr"]);
    expect(cols.slice(-4)).toEqual(["objectForcedSource.midpointMjdTai", "objectForcedSource.visit", "objectForcedSource.psfFlux", "objectForcedSource.psfFluxErr"]);
    expect(cols).toHaveLength(1 + 3 + PRODUCTS.ForcedSource.flags.length + 4);
    expect(info.columns.length).toBeGreaterThan(cols.length + 10);
    expect(validationColumns(info.columns, { groupBy: ["field"] }).slice(0, 3)).toEqual(["objectId", "coord_ra", "coord_dec"]);
  });

  it("uses plain names for flat per-visit files", async () => {
    const info = await parquetSchema(FLAT_FILE);
    expect(validationColumns(info.columns, { flags: ["psfFlux_flag"], groupBy: ["field"] })).toEqual([
      "objectId",
      "coord_ra",
      "coord_dec",
      "band",
      "psfFlux",
      "psfFluxErr",
      "psfFlux_flag",
      "midpointMjdTai",
      "visit",
    ]);
  });

  it("names the file, the product and every column the file has when a required one is missing", async () => {
    const info = await parquetSchema(FLAT_FILE);
    const renamed = info.columns.map((c) => (c.name === "psfFluxErr" ? { ...c, name: "psfFlux_err" } : c));
    expect(() => validationColumns(renamed, {}, "visits.parquet")).toThrow(ColumnNotFoundError);
    expect(() => validationColumns(renamed, {}, "visits.parquet")).toThrow(/"psfFluxErr" in visits\.parquet \(ForcedSource psfFlux\)\. Did you mean "psfFlux_err"/);
    expect(() => validationColumns(info.columns, { flags: ["no_such_flag"] }, "visits.parquet")).toThrow(/"no_such_flag"/);
  });

  it("refuses flat rows of another product: DiaSource rows are grouped by diaObjectId", async () => {
    const info = await parquetSchema(FLAT_FILE);
    expect(() => validationColumns(info.columns, { product: "DiaSource" }, "visits")).toThrow(/"diaObjectId" in visits \(DiaSource psfFlux\)/);
  });

  it("says which nests a nested file has when the product's is not there", async () => {
    const info = await parquetSchema(HATS_SCHEMA);
    expect(() => validationColumns(info.columns, { product: "DiaSource" }, "object_lc")).toThrow(SchemaError);
    expect(() => validationColumns(info.columns, { product: "DiaSource" }, "object_lc")).toThrow(
      /No DiaSource light curves in object_lc: expected a nest named "diaSource" or "lc", found "objectForcedSource"\. Choose one with --nest/,
    );
    expect(validationColumns(info.columns, { product: "ForcedSource", nest: "objectForcedSource" })[1]).toBe("objectForcedSource.band");
  });
});
