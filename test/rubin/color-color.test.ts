import { resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { colorColor } from "../../src/rubin/color-color.js";
import { readDpddTable } from "../../src/rubin/dpdd-tables.js";

const OBJECTS = "data-samples/dp1_source_tables/object/tract_{tract}.parquet";

/** Five objects: a bright star, a galaxy, a flagged star, a star with a NaN r flux, a faint star. */
function objects(): NestedFrame {
  return new NestedFrame({
    base: {
      objectId: makeColumn(BigInt64Array.of(1n, 2n, 3n, 4n, 5n)),
      refExtendedness: makeColumn(Float64Array.of(0, 1, 0, 0, 0)),
      g_psfFlux: makeColumn(Float32Array.of(10000, 10000, 10000, 10000, 500)),
      g_psfFluxErr: makeColumn(Float32Array.of(10, 10, 10, 10, 10)),
      g_psfFlux_flag: makeColumn(Uint8Array.of(0, 0, 1, 0, 0), "bool"),
      r_psfFlux: makeColumn(Float32Array.of(20000, 10000, 10000, NaN, 1000)),
      r_psfFluxErr: makeColumn(Float32Array.of(10, 10, 10, 10, 10)),
      r_psfFlux_flag: makeColumn(Uint8Array.of(0, 0, 0, 0, 0), "bool"),
      i_psfFlux: makeColumn(Float32Array.of(25000, 10000, 10000, 10000, 1000)),
      i_psfFluxErr: makeColumn(Float32Array.of(10, 10, 10, 10, 10)),
      i_psfFlux_flag: makeColumn(Uint8Array.of(0, 0, 0, 0, 0), "bool"),
    },
  });
}

describe("colorColor", () => {
  it("removes galaxies, flagged, non-finite and faint objects step by step, and gives the colours by hand", () => {
    const cc = colorColor(objects(), { where: "refExtendedness == 0", minSnr: 100 });
    const steps = cc.objects.cutflow().steps.map((s) => [s.step, s.objectsIn, s.objectsOut]);
    expect(steps).toEqual([
      ["query", 5, 4],
      ["flags", 4, 3],
      ["finite", 3, 2],
      ["snr", 2, 1], // object 5 has SNR 50 in g
    ]);
    expect(toArray(cc.objects.column("objectId"))).toEqual([1n]);
    expect(Array.from(cc.x)).toEqual([-2.5 * Math.log10(10000 / 20000)]); // g - r = 0.7526
    expect(Array.from(cc.y)).toEqual([-2.5 * Math.log10(20000 / 25000)]); // r - i = 0.2423
    expect([cc.xLabel, cc.yLabel]).toEqual(["g - r", "r - i"]);
  });

  it("counts the observations of a nested frame's objects in every step", () => {
    const lc = { offsets: Int32Array.of(0, 2, 3, 3, 7, 8), fields: { psfFlux: makeColumn(new Float32Array(8)) } }; // 2, 1, 0, 4, 1 observations
    const cc = colorColor(objects().withNested("lc", lc), { where: "refExtendedness == 0", minSnr: 100 });
    const steps = cc.objects.cutflow().steps.map((s) => [s.step, s.observationsIn, s.observationsOut]);
    expect(steps).toEqual([
      ["query", 8, 7], // object 2 (1 observation) is a galaxy
      ["flags", 7, 7], // object 3 has none
      ["finite", 7, 3], // object 4 had 4
      ["snr", 3, 2], // object 5 had 1
    ]);
    expect(cc.objects.observationCount).toBe(2);
  });

  it("keeps flagged objects with flag: null, and takes other bands", () => {
    const cc = colorColor(objects(), { x: ["g", "i"], y: ["r", "i"], flag: null });
    expect(cc.objects.cutflow().steps.map((s) => s.step)).toEqual(["finite", "snr"]);
    expect(toArray(cc.objects.column("objectId"))).toEqual([1n, 2n, 3n, 5n]);
    expect(cc.xLabel).toBe("g - i");
  });

  it("names a missing column with the nearest names before cutting anything", () => {
    expect(() => colorColor(objects(), { x: ["g", "z"] })).toThrow(ColumnNotFoundError);
    expect(() => colorColor(objects(), { x: ["g", "z"] })).toThrow(/Unknown column "z_psfFlux" in the object table \(colorColor\)\. Did you mean/);
    expect(() => colorColor(objects(), { flux: "psfFlux" })).toThrow(ArgumentError);
    expect(() => colorColor(objects(), { minSnr: -1 })).toThrow("minSnr must be a number >= 0, got -1.");
  });

  it("counts every cut as DuckDB's SQL does on the same files, and gives DuckDB's colours object by object", async () => {
    const objects = await readDpddTable(OBJECTS, "dp1Object");
    const cc = colorColor(objects, { x: ["g", "r"], y: ["r", "i"], where: "refExtendedness == 0", minSnr: 100 });
    const db = await DuckDBInstance.create(":memory:", { threads: "1" });
    const con = await db.connect();
    const glob = resolve("data-samples/dp1_source_tables/object/tract_*.parquet");
    const from = `from read_parquet('${glob}', hive_partitioning = false)`;
    const star = "refExtendedness = 0";
    const flags = "not (g_psfFlux_flag or r_psfFlux_flag or i_psfFlux_flag)";
    const finite = ["g", "r", "i"].map((b) => `isfinite(${b}_psfFlux) and isfinite(${b}_psfFluxErr) and ${b}_psfFluxErr > 0`).join(" and ");
    const snr = ["g", "r", "i"].map((b) => `${b}_psfFlux / ${b}_psfFluxErr > 100`).join(" and ");
    const count = async (where: string) => Number(((await con.runAndReadAll(`select count(*) ${from} where ${where}`)).getRows()[0] as [bigint])[0]);
    const expected = [
      await count("true"),
      await count(star),
      await count(`${star} and ${flags}`),
      await count(`${star} and ${flags} and ${finite}`),
      await count(`${star} and ${flags} and ${finite} and ${snr}`),
    ];
    const steps = cc.objects.cutflow().steps;
    expect([steps[0]!.objectsIn, ...steps.map((s) => s.objectsOut)]).toEqual(expected);
    expect(expected[4]).toBeGreaterThan(200); // enough bright stars to see the locus
    const rows = (await con.runAndReadAll(
      `select objectId, -2.5 * log10(g_psfFlux::double / r_psfFlux::double), -2.5 * log10(r_psfFlux::double / i_psfFlux::double) ${from}
       where ${star} and ${flags} and ${finite} and ${snr} order by objectId`,
    )).getRows() as Array<[bigint, number, number]>;
    con.closeSync();
    const ids = toArray(cc.objects.column("objectId")) as bigint[];
    const at = new Map(ids.map((id, k) => [id, k]));
    expect(rows.length).toBe(ids.length);
    for (const [id, gr, ri] of rows) {
      const k = at.get(id)!;
      expect(Math.abs(cc.x[k]! - gr)).toBeLessThan(1e-12);
      expect(Math.abs(cc.y[k]! - ri)).toBeLessThan(1e-12);
    }
  });

  it("gives the same colours from a DC2-mapped table with its own column names", async () => {
    const dp1 = colorColor(await readDpddTable(OBJECTS, "dp1Object"), { where: "refExtendedness == 0", minSnr: 100 });
    const dc2 = colorColor(await readDpddTable(OBJECTS, "dc2Object"), {
      where: "extendedness == 0",
      minSnr: 100,
      flux: "psFlux_{band}",
      fluxErr: "psFluxErr_{band}",
      flag: "psFlux_flag_{band}",
    });
    expect(dc2.x).toEqual(dp1.x);
    expect(dc2.y).toEqual(dp1.y);
  });
});
