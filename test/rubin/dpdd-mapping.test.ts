import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { ArgumentError, ColumnNotFoundError, SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { MappedColumnNotFoundError, applyDpddMapping, checkMapping, dpddMapping, mappedColumns, mappingUnits } from "../../src/rubin/dpdd-mapping.js";
import { DPDD_MAPPINGS, type DpddMapping } from "../../src/rubin/dpdd-mappings.js";

/** A two-row DP1-style object table with fluxes in g and r. */
function table(): NestedFrame {
  return new NestedFrame({
    base: {
      objectId: makeColumn(BigInt64Array.of(9007199254740993n, 9007199254740995n)), // 2^53 + 1, + 3: not numbers
      coord_ra: makeColumn(Float64Array.of(53.1, 53.2)),
      coord_dec: makeColumn(Float64Array.of(-28.1, -28.2)),
      refExtendedness: makeColumn(Float64Array.of(0, NaN)),
      g_psfFlux: makeColumn(Float32Array.of(1000, -5)),
      g_psfFluxErr: makeColumn(Float32Array.of(100, 10)),
      g_psfFlux_flag: makeColumn(Uint8Array.of(0, 1), "bool"),
      r_psfFlux: makeColumn(Float32Array.of(10000, 363.0780029296875)),
      r_psfFluxErr: makeColumn(Float32Array.of(50, 0)),
      r_psfFlux_flag: makeColumn(Uint8Array.of(0, 0), "bool"),
    },
  });
}

const DC2_GR: DpddMapping = { ...DPDD_MAPPINGS["dc2Object"]!, bands: ["g", "r"] };

describe("dpddMapping", () => {
  it("finds the built-in mappings by name and suggests the nearest for a misspelt one", () => {
    expect(dpddMapping("dp1Object")).toBe(DPDD_MAPPINGS["dp1Object"]);
    expect(() => dpddMapping("dc2Objects")).toThrow(ColumnNotFoundError);
    expect(() => dpddMapping("dc2Objects")).toThrow(/Unknown column "dc2Objects" in the built-in DPDD mappings\. Did you mean "dc2Object"/);
  });

  it("checks a mapping read from JSON rule by rule, naming the mapping and the column", () => {
    const json = JSON.parse('{"name": "mine", "columns": {"ra": {"from": "coord_ra"}, "m": {"derive": "abMagnitude", "flux": "g_psfFlux"}}}') as DpddMapping;
    expect(() => dpddMapping(json)).toThrow(ArgumentError);
    expect(() => dpddMapping(json)).toThrow(/Mapping "mine", column "m": a rule needs "from", or "derive" one of "abMag", "abMagErr", "snr"/);
    const noErr = { name: "mine", columns: { e: { derive: "abMagErr", flux: "g_psfFlux" } } } as unknown as DpddMapping;
    expect(() => dpddMapping(noErr)).toThrow('Mapping "mine", column "e": derive "abMagErr" needs "fluxErr" (a column name).');
    expect(() => dpddMapping({ name: "x" } as unknown as DpddMapping)).toThrow(/A DPDD mapping is \{ name, bands\?, columns/);
  });
});

describe("mappedColumns", () => {
  it("expands {band} in output and source names for every band, in mapping order", () => {
    const cols = mappedColumns(DC2_GR);
    expect(cols.map((c) => c.output)).toEqual([
      "objectId", "ra", "dec", "tract", "patch", "extendedness",
      "psFlux_g", "psFlux_r", "psFluxErr_g", "psFluxErr_r", "psFlux_flag_g", "psFlux_flag_r",
      "mag_g", "mag_r", "magerr_g", "magerr_r", "snr_g", "snr_r",
    ]);
    expect(cols.find((c) => c.output === "magerr_r")).toEqual({
      output: "magerr_r",
      rule: { derive: "abMagErr", flux: "r_psfFlux", fluxErr: "r_psfFluxErr" },
      sources: ["r_psfFlux", "r_psfFluxErr"],
      unit: "mag",
    });
  });

  it("refuses a {band} column in a mapping without bands, and a column made twice", () => {
    expect(() => mappedColumns({ name: "m", columns: { "mag_{band}": { derive: "abMag", flux: "{band}_psfFlux" } } })).toThrow('Mapping "m": column "mag_{band}" uses {band} but the mapping has no bands.');
    expect(() => mappedColumns({ name: "m", bands: ["g"], columns: { "mag_{band}": { derive: "abMag", flux: "{band}_psfFlux" }, mag_g: { from: "x" } } })).toThrow('Mapping "m" makes column "mag_g" twice.');
  });

  it("gives every output column its unit", () => {
    const u = mappingUnits(DC2_GR);
    expect([u["ra"], u["dec"], u["psFlux_g"], u["psFluxErr_r"], u["mag_g"], u["magerr_r"], u["snr_g"], u["objectId"]]).toEqual(["deg", "deg", "nJy", "nJy", "mag", "mag", "", ""]);
  });
});

describe("checkMapping", () => {
  const types = new Map(table().baseNames.map((n) => [n, table().column(n).type] as const));

  it("drops optional renames of absent columns and keeps the rest", () => {
    const cols = checkMapping(DC2_GR, types, "t.parquet").map((c) => c.output);
    expect(cols).not.toContain("tract");
    expect(cols).not.toContain("patch");
    expect(cols).toHaveLength(16);
  });

  it("names the file, the mapping, the output column and the nearest names for a misspelt source column", () => {
    const m: DpddMapping = { name: "mine", columns: { mag_g: { derive: "abMag", flux: "g_psfFlx" } } };
    let e: unknown;
    try {
      checkMapping(m, types, "tract=1/object.parquet");
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(MappedColumnNotFoundError);
    expect(e).toMatchObject({ file: "tract=1/object.parquet", mapping: "mine", output: "mag_g", column: "g_psfFlx" });
    expect((e as Error).message).toMatch(/^Unknown column "g_psfFlx" in tract=1\/object\.parquet \(needed by mapping "mine" for column "mag_g"\)\. Did you mean "g_psfFlux"/);
  });

  it("refuses to derive a magnitude from a column that is not a number, naming it and its type", () => {
    const t = new Map([["g_psfFlux", "Utf8"]]);
    expect(() => checkMapping({ name: "m", columns: { mag_g: { derive: "abMag", flux: "g_psfFlux" } } }, t, "f.parquet")).toThrow(SchemaError);
    expect(() => checkMapping({ name: "m", columns: { mag_g: { derive: "abMag", flux: "g_psfFlux" } } }, t, "f.parquet")).toThrow(
      'f.parquet: column "g_psfFlux" is Utf8; mapping "m" derives "mag_g" from it and expected a number (a flux in nJy).',
    );
  });
});

describe("applyDpddMapping", () => {
  it("equals the frame built by hand: renames share buffers, magnitudes and errors computed per row", () => {
    const t = table();
    const out = applyDpddMapping(t, DC2_GR);
    const mag = (f: number) => 31.4 - 2.5 * Math.log10(f);
    const magErr = (f: number, e: number) => ((2.5 / Math.LN10) * e) / f;
    const r2 = 363.0780029296875;
    const expected = new NestedFrame({
      base: {
        objectId: t.column("objectId"),
        ra: t.column("coord_ra"),
        dec: t.column("coord_dec"),
        extendedness: t.column("refExtendedness"),
        psFlux_g: t.column("g_psfFlux"),
        psFlux_r: t.column("r_psfFlux"),
        psFluxErr_g: t.column("g_psfFluxErr"),
        psFluxErr_r: t.column("r_psfFluxErr"),
        psFlux_flag_g: t.column("g_psfFlux_flag"),
        psFlux_flag_r: t.column("r_psfFlux_flag"),
        // g: 1000 nJy is 23.9 mag; -5 nJy has no magnitude. r: 10000 nJy is 21.4; a zero error gives no magnitude error.
        mag_g: makeColumn(Float64Array.of(mag(1000), NaN)),
        mag_r: makeColumn(Float64Array.of(mag(10000), mag(r2))),
        magerr_g: makeColumn(Float64Array.of(magErr(1000, 100), NaN)),
        magerr_r: makeColumn(Float64Array.of(magErr(10000, 50), NaN)),
        snr_g: makeColumn(Float64Array.of(10, -0.5)),
        snr_r: makeColumn(Float64Array.of(200, Infinity)),
      },
    });
    expect(out.columnNames).toEqual(expected.columnNames);
    for (const n of expected.columnNames) expect(out.column(n), n).toEqual(expected.column(n));
    expect(out.column("ra")).toBe(t.column("coord_ra")); // no copy
    expect(toArray(out.column("mag_g"))[0]).toBeCloseTo(23.9, 12);
    expect(toArray(out.column("objectId"))).toEqual([9007199254740993n, 9007199254740995n]);
  });

  it("checks the mapping against the frame's own columns", () => {
    expect(() => applyDpddMapping(table(), "dp1Source")).toThrow(/Unknown column "sourceId" in the frame \(needed by mapping "dp1Source" for column "sourceId"\)/);
  });
});
