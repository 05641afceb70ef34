import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { FileFormatError, SchemaMismatchError } from "../../src/io/errors.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { MappedColumnNotFoundError } from "../../src/rubin/dpdd-mapping.js";
import { readDpddTable } from "../../src/rubin/dpdd-tables.js";
import { simulateSourceTables } from "../../src/rubin/sim-sources.js";

const SAMPLE = "data-samples/dp1_source_tables";
const root = mkdtempSync(join(tmpdir(), "nlc-dpdd-tables-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An object table of `n` rows whose ids start at `first` (past 2^53), with g fluxes. */
function objects(first: bigint, n: number, extra: Record<string, ReturnType<typeof makeColumn>> = {}): NestedFrame {
  return new NestedFrame({
    base: {
      objectId: makeColumn(BigInt64Array.from({ length: n }, (_, k) => first + BigInt(k))),
      coord_ra: makeColumn(Float64Array.from({ length: n }, (_, k) => 10 + k / 100)),
      g_psfFlux: makeColumn(Float32Array.from({ length: n }, (_, k) => 1000 * (k + 1))),
      g_psfFluxErr: makeColumn(Float32Array.from({ length: n }, () => 10)),
      ...extra,
    },
  });
}

async function write(rel: string, frame: NestedFrame): Promise<string> {
  const path = join(root, rel);
  mkdirSync(join(path, ".."), { recursive: true });
  await writeParquet(frame, path);
  return path;
}

async function caught(f: () => Promise<unknown>): Promise<Error> {
  try {
    await f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("readDpddTable on the sample", () => {
  const truth = JSON.parse(readFileSync(join(SAMPLE, "truth.json"), "utf8")) as { stars: number; galaxies: number; sources: number; skySources: Record<string, number> };

  it("reads the per-tract Object tables through the DC2 mapping: every object, ids exact, tract checked against the path", async () => {
    const o = await readDpddTable(`${SAMPLE}/object/tract_{tract}.parquet`, "dc2Object");
    expect(o.length).toBe(truth.stars + truth.galaxies);
    expect(o.column("objectId").type).toBe("int64");
    const tracts = toArray(o.column("tract"));
    // files in path order: tract_2234, tract_2235, tract_5063
    expect([tracts.filter((t) => t === 2234n).length, tracts.filter((t) => t === 2235n).length, tracts.filter((t) => t === 5063n).length]).toEqual([689, 711, 1400]);
    expect(toArray(o.column("objectId"))[0]).toBe(609_000_002_234_000_000n);
  });

  it("reads the per-visit Source tables: every source and 300 sky sources a visit", async () => {
    const s = await readDpddTable(`${SAMPLE}/source/visit_{visit}.parquet`, "dp1Source", { columns: ["visit", "band", "sky_source"] });
    expect(s.columnNames).toEqual(["visit", "band", "sky_source"]);
    expect(s.length).toBe(truth.sources);
    const sky = toArray(s.column("sky_source")).filter((x) => x === true).length;
    expect(sky).toBe(Object.values(truth.skySources).reduce((a, b) => a + b, 0));
  });

  it("reads the flat ForcedSource files of forced_source_visits as a DC2 forced-source table, magnitudes from the fluxes", async () => {
    const f = await readDpddTable("data-samples/forced_source_visits/visit_{first}-{last}.parquet", "dc2ForcedSource", { columns: ["objectId", "filter", "mjd", "psFlux", "mag", "first"] });
    expect(f.columnNames).toEqual(["objectId", "filter", "mjd", "psFlux", "mag", "first"]); // an unmapped template field comes last
    expect(toArray(f.column("first"))[0]).toBe(2024102300019n);
    expect(f.length).toBe(69_314);
    const flux = f.numbers("psFlux");
    const mag = f.numbers("mag");
    for (let i = 0; i < f.length; i += 997) expect(mag[i]).toBe(flux[i]! > 0 ? 31.4 - 2.5 * Math.log10(flux[i]!) : NaN);
  });

  it("refuses the whole folder, whose object and source files differ, naming both files", async () => {
    const e = await caught(() => readDpddTable(SAMPLE));
    expect(e).toBeInstanceOf(SchemaMismatchError);
    expect(e.message).toBe(`Column "objectId" is in ${SAMPLE}/object/tract_2234.parquet but not in ${SAMPLE}/source/visit_2024110800100.parquet.`);
  });
});

describe("readDpddTable: path templates", () => {
  beforeAll(async () => {
    await write("tpl/tract=7/object.parquet", objects(1n << 60n, 3));
    await write("tpl/tract=9/object.parquet", objects((1n << 60n) + 100n, 2));
    await write("tpl/notes/other.parquet", objects(0n, 1));
    await write("named/field=ECDFS/object.parquet", objects(1n, 2));
    await write("checked/tract=7/object.parquet", objects(1n, 2, { tract: makeColumn(BigInt64Array.of(7n, 7n)) }));
    await write("checked/tract=9/object.parquet", objects(5n, 2, { tract: makeColumn(BigInt64Array.of(9n, 8n)) }));
    await write("fields/field=ECDFS/object.parquet", objects(1n, 2, { field: makeColumn(["ECDFS", "ECDFS"]), patch: makeColumn(Int32Array.of(3, 3)) }));
    await write("numbers/patch=3/object.parquet", objects(1n, 2, { patch: makeColumn(Int32Array.of(3, 3)) }));
    await write("numbers/patch=4/object.parquet", objects(5n, 2, { patch: makeColumn(Int32Array.of(4, 5)) }));
    await write("fields/field=EDFS/object.parquet", objects(5n, 2, { field: makeColumn(["EDFS", "ECDFS"]), patch: makeColumn(Int32Array.of(3, 3)) }));
  });

  it("keeps the files the template matches and adds its fields as int64 columns", async () => {
    const f = await readDpddTable(join(root, "tpl/tract={tract}/object.parquet"));
    expect(f.columnNames).toEqual(["objectId", "coord_ra", "g_psfFlux", "g_psfFluxErr", "tract"]);
    expect(toArray(f.column("tract"))).toEqual([7n, 7n, 7n, 9n, 9n]);
    expect(toArray(f.column("objectId"))).toEqual([1n << 60n, (1n << 60n) + 1n, (1n << 60n) + 2n, (1n << 60n) + 100n, (1n << 60n) + 101n]);
  });

  it("takes the template from options too, and makes a field that is not an integer a string column", async () => {
    const a = await readDpddTable(join(root, "tpl"), undefined, { template: "tract={tract}/object.parquet" });
    expect(a.length).toBe(5);
    const b = await readDpddTable(join(root, "named/field={field}/object.parquet"));
    expect(b.column("field").type).toBe("dict");
    expect(toArray(b.column("field"))).toEqual(["ECDFS", "ECDFS"]);
  });

  it("checks a field the files already hold against the path, naming the file, the row and both values", async () => {
    const e = await caught(() => readDpddTable(join(root, "checked/tract={tract}/object.parquet")));
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toBe(`${join(root, "checked/tract=9/object.parquet")}: column "tract" is 8 in row 1, but the path says tract=9.`);
  });

  it("checks string and number columns the same way", async () => {
    const e = await caught(() => readDpddTable(join(root, "fields/field={field}/object.parquet")));
    expect(e.message).toBe(`${join(root, "fields/field=EDFS/object.parquet")}: column "field" is ECDFS in row 1, but the path says field=EDFS.`);
    const p = await caught(() => readDpddTable(join(root, "numbers/patch={patch}/object.parquet")));
    expect(p.message).toBe(`${join(root, "numbers/patch=4/object.parquet")}: column "patch" is 5 in row 1, but the path says patch=4.`);
  });

  it("refuses two templates, a template with a list of files, and a template matching nothing", async () => {
    await expect(readDpddTable(join(root, "tpl/tract={tract}/object.parquet"), undefined, { template: "x_{a}.parquet" })).rejects.toThrow(ArgumentError);
    await expect(readDpddTable([join(root, "tpl/tract=7/object.parquet")], undefined, { template: "tract={tract}/object.parquet" })).rejects.toThrow(/A template is relative to a folder/);
    await expect(readDpddTable(join(root, "tpl/visit={visit}/source.parquet"))).rejects.toThrow(/No parquet file under .*tpl matches the template "visit=\{visit\}\/source\.parquet"/);
  });
});

describe("readDpddTable: schemas and mappings", () => {
  it("names both files, the column and both types when a column is float32 in one file and float64 in another", async () => {
    const a = await write("f64/a.parquet", objects(1n, 2));
    const b = await write("f64/b.parquet", objects(3n, 2, { g_psfFlux: makeColumn(Float64Array.of(1, 2)) }));
    const e = await caught(() => readDpddTable(join(root, "f64")));
    expect(e).toBeInstanceOf(SchemaMismatchError);
    expect(e).toMatchObject({ fileA: a, fileB: b, column: "g_psfFlux", typeA: "Float32", typeB: "Float64" });
    expect(e.message).toBe(`Column "g_psfFlux" has type Float32 in ${a} but Float64 in ${b}.`);
  });

  it("names the file that lacks a column the others have, before any row is read", async () => {
    const a = await write("missing/a.parquet", objects(1n, 2));
    const b = await write("missing/b.parquet", objects(3n, 2).select(["objectId", "coord_ra", "g_psfFlux"]));
    const e = await caught(() => readDpddTable([a, b]));
    expect(e).toBeInstanceOf(SchemaMismatchError);
    expect(e.message).toBe(`Column "g_psfFluxErr" is in ${a} but not in ${b}.`);
  });

  it("names the file, the mapping and the nearest names for a misspelt mapped column", async () => {
    const a = await write("mapped/a.parquet", objects(1n, 2));
    const e = await caught(() => readDpddTable(a, { name: "mine", columns: { ra: { from: "coord_RA" }, mag_g: { derive: "abMag", flux: "g_psfFlux" } } }));
    expect(e).toBeInstanceOf(MappedColumnNotFoundError);
    expect(e.message).toMatch(new RegExp(`^Unknown column "coord_RA" in ${a.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(needed by mapping "mine" for column "ra"\\)\\. Did you mean "coord_ra"\\?`));
  });

  it("reads only the asked output columns, and names the nearest output names for a misspelt one", async () => {
    const a = await write("cols/a.parquet", objects(1n, 2));
    const m = { name: "mine", columns: { id: { from: "objectId" }, ra: { from: "coord_ra" }, mag_g: { derive: "abMag" as const, flux: "g_psfFlux" } } };
    const f = await readDpddTable(a, m, { columns: ["mag_g", "id"] });
    expect(f.columnNames).toEqual(["id", "mag_g"]);
    expect(toArray(f.column("mag_g"))).toEqual([31.4 - 2.5 * Math.log10(1000), 31.4 - 2.5 * Math.log10(2000)]);
    await expect(readDpddTable(a, m, { columns: ["mag_r"] })).rejects.toThrow(ColumnNotFoundError);
    await expect(readDpddTable(a, m, { columns: ["mag_r"] })).rejects.toThrow(/Unknown column "mag_r" in the columns mapping "mine" makes from .*\. Did you mean "mag_g"/);
  });

  it("refuses a nested file, pointing at readParquet", async () => {
    const nested = NestedFrame.fromFlat({ objectId: BigInt64Array.of(1n, 1n), psfFlux: Float32Array.of(1, 2) }, { on: "objectId", name: "lc" });
    const a = await write("nested/a.parquet", nested);
    await expect(readDpddTable(a)).rejects.toThrow(`${a}: is nested (column "lc"); readDpddTable reads flat tables. Use readParquet or readHats.`);
  });
});

describe("readDpddTable: merging", () => {
  it("gives the same frame, sorted by id, whatever order the files come in", async () => {
    const sim = simulateSourceTables({ seed: 3, objectsPerField: 60, visitsPerBand: 1, skySourcesPerVisit: 5 });
    // each tract's table in two files: six files to shuffle
    const objectFiles: string[] = [];
    for (const t of sim.objects) {
      const half = Math.floor(t.frame.length / 2);
      const rows = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, k) => a + k);
      objectFiles.push(await write(`order/tract=${t.tract}/a.parquet`, t.frame.takeObjects(rows(0, half))));
      objectFiles.push(await write(`order/tract=${t.tract}/b.parquet`, t.frame.takeObjects(rows(half, t.frame.length))));
    }
    const sorted = (await readDpddTable(objectFiles, "dc2Object")).sortBy("objectId");
    expect(sorted.length).toBe(120);
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(objectFiles, { minLength: objectFiles.length, maxLength: objectFiles.length }), async (order) => {
        const f = (await readDpddTable(order, "dc2Object")).sortBy("objectId");
        expect(f.columnNames).toEqual(sorted.columnNames);
        for (const n of f.columnNames) expect(f.column(n), n).toEqual(sorted.column(n));
      }),
      { numRuns: 12 },
    );
  });
});
