import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { ParquetReadError } from "../../src/io/errors.js";
import { closeReadPools, splitGroups } from "../../src/io/parallel-read.js";
import { openParquet } from "../../src/io/parquet-open.js";
import { readParquet } from "../../src/io/parquet-read.js";
import { freeParquetFile } from "../../src/io/parquet-wasm.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { simulateForcedSource } from "../../src/rubin/simulate.js";
import { snapshot } from "./fixtures/frames.js";

const dir = mkdtempSync(join(tmpdir(), "nested-lc-parallel-"));
afterAll(async () => {
  await closeReadPools();
  rmSync(dir, { recursive: true, force: true });
});

const VISITS = "data-samples/forced_source_visits/visit_2024102300019-2024102500037.parquet";
const NESTED = "data-samples/dp1_object_collection/object_lc/dataset/Norder=2/Dir=0/Npix=80.parquet";
const FLAT = join(dir, "forced-source.parquet");
const NESTED_MANY = join(dir, "objects.parquet");
const NESTED_STRUCT = join(dir, "objects-struct.parquet");

async function rowGroups(path: string): Promise<number[]> {
  const p = await openParquet(path);
  freeParquetFile(p.file);
  return [...p.rowGroupRows];
}

beforeAll(async () => {
  // 300 simulated objects, flat in visit order and nested: many small row groups, ids past 2^53.
  const sim = simulateForcedSource({ seed: 11, nObjects: 300, visitsPerField: [20, 30, 25, 15, 30, 20, 15] });
  await writeParquet(sim.forcedSource, FLAT, { compression: "zstd", rowGroupSize: 37 });
  await writeParquet(sim.objects, NESTED_MANY, { rowGroupSize: 23 });
  await writeParquet(sim.objects, NESTED_STRUCT, { rowGroupSize: 17, layout: "struct<list>" });
});

describe("readParquet with threads", () => {
  it("gives the frame a single-threaded read gives, on files of many row groups", async () => {
    for (const path of [FLAT, NESTED_MANY, NESTED_STRUCT]) {
      expect((await rowGroups(path)).length, path).toBeGreaterThan(8);
      const one = await readParquet(path);
      for (const threads of [2]) {
        const many = await readParquet(path, { threads });
        expect(snapshot(many), `${path}, ${threads} threads`).toEqual(snapshot(one));
      }
    }
  });

  it("keeps int64 ids exact and in file order", async () => {
    const one = await readParquet(FLAT, { columns: ["objectId", "visit"] });
    const many = await readParquet(FLAT, { columns: ["objectId", "visit"], threads: 2 });
    expect(many.bigints("objectId")).toBeInstanceOf(BigInt64Array);
    expect(many.bigints("objectId")).toEqual(one.bigints("objectId"));
    expect(many.bigints("visit")).toEqual(one.bigints("visit"));
    // Visit order is the file's order: non-decreasing visits.
    const v = many.bigints("visit");
    for (let i = 1; i < v.length; i++) expect(v[i]! >= v[i - 1]!).toBe(true);
  });

  it("projects columns and nested fields as a single-threaded read does", async () => {
    const cols = ["objectId", "objectForcedSource.psfFlux", "objectForcedSource.band"];
    const one = await readParquet(NESTED_MANY, { columns: cols });
    const many = await readParquet(NESTED_MANY, { columns: cols, threads: 2 });
    expect(many.columnNames).toEqual(["objectId", "objectForcedSource.band", "objectForcedSource.psfFlux"]);
    expect(snapshot(many)).toEqual(snapshot(one));
  });

  it("reads only the requested row groups, in the order given", async () => {
    const groups = [7, 2, 3, 19];
    const one = await readParquet(FLAT, { rowGroups: groups, columns: ["objectId", "psfFlux"] });
    const many = await readParquet(FLAT, { rowGroups: groups, columns: ["objectId", "psfFlux"], threads: 2 });
    const sizes = await rowGroups(FLAT);
    expect(many.length).toBe(groups.reduce((s, g) => s + sizes[g]!, 0));
    expect(snapshot(many)).toEqual(snapshot(one));
  });

  it("reads the sample files (one row group: no workers needed) to the same frame", async () => {
    for (const path of [VISITS, NESTED]) expect(snapshot(await readParquet(path, { threads: 2 }))).toEqual(snapshot(await readParquet(path)));
  });

  it("fails with a ParquetReadError naming the file when a row group is corrupt", async () => {
    const bad = join(dir, "corrupt.parquet");
    const bytes = readFileSync(FLAT);
    const mid = bytes.length >> 1;
    bytes.fill(0, mid, mid + 2048);
    writeFileSync(bad, bytes);
    const single = await readParquet(bad).catch((e: unknown) => e);
    const threaded = await readParquet(bad, { threads: 2 }).catch((e: unknown) => e);
    expect(threaded).toBeInstanceOf(ParquetReadError);
    expect((threaded as ParquetReadError).file).toBe(bad);
    expect((threaded as Error).message).toBe((single as Error).message);
    // The workers survive: the good file reads after the bad one.
    expect((await readParquet(FLAT, { threads: 2 })).length).toBe((await readParquet(FLAT)).length);
  });

  it("refuses a thread count that is not a positive integer, naming the file", async () => {
    await expect(readParquet(FLAT, { threads: 0 })).rejects.toThrow(ArgumentError);
    await expect(readParquet(FLAT, { threads: 1.5 })).rejects.toThrow(`threads must be an integer >= 1, got 1.5 (reading ${FLAT}).`);
  });
});

describe("readParquet with a filter", () => {
  const CUT = "not (psfFlux_flag or pixelFlags_saturated) and isfinite(psfFlux) and psfFluxErr > 0";
  const KEEP = ["objectId", "band", "psfFlux", "psfFluxErr"];

  it("gives the rows query would keep, cut to the requested columns, with or without threads", async () => {
    const all = await readParquet(FLAT);
    const expected = all.query(CUT).select(KEEP);
    // The file has flagged and non-finite rows, so the filter has something to drop.
    expect(expected.length).toBeLessThan(all.length);
    expect(expected.length).toBeGreaterThan(0);
    for (const threads of [1, 2]) {
      const got = await readParquet(FLAT, { columns: KEEP, filter: CUT, threads });
      expect(got.columnNames).toEqual(KEEP);
      expect(snapshot(got), `${threads} threads`).toEqual(snapshot(expected));
    }
  });

  it("filters observations of a nested file, keeping every object", async () => {
    const cut = "objectForcedSource.psfFluxErr > 0 and not objectForcedSource.psfFlux_flag";
    const cols = ["objectId", "objectForcedSource.psfFlux"];
    const all = await readParquet(NESTED_MANY);
    const expected = all.query(cut).select(cols);
    expect(expected.observationCount).toBeLessThan(all.observationCount);
    expect(expected.length).toBe(all.length);
    for (const threads of [1, 2]) expect(snapshot(await readParquet(NESTED_MANY, { columns: cols, filter: cut, threads }))).toEqual(snapshot(expected));
  });

  it("keeps every column when none are requested", async () => {
    const got = await readParquet(FLAT, { filter: "band == 'r'", threads: 2 });
    expect(snapshot(got)).toEqual(snapshot((await readParquet(FLAT)).query("band == 'r'")));
  });

  it("names the file when the filter reads a column it does not have", async () => {
    await expect(readParquet(FLAT, { columns: KEEP, filter: "psfFlx > 0" })).rejects.toThrow(`Unknown column "psfFlx" in file ${FLAT}. Did you mean "psfFlux", "psfFluxErr"?`);
  });
});

describe("splitGroups", () => {
  it("cuts row groups into consecutive runs, about four per thread, losing none", () => {
    expect(splitGroups([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 1)).toEqual([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]]);
    expect(splitGroups([0, 1, 2], 2)).toEqual([[0], [1], [2]]);
    expect(splitGroups([5, 3, 9, 1, 0, 2, 4, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16], 2)).toEqual([[5, 3], [9, 1], [0, 2], [4, 6], [7, 8], [10, 11], [12, 13], [14, 15], [16]]);
  });
});
