import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { ArgumentError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { pixelPath } from "../../src/io/hats-open.js";
import { parquetSchema } from "../../src/io/parquet-schema.js";
import { datasetColumns, findDatasets, readDataset } from "../../src/io/read-dataset.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { smallFrame } from "./fixtures/frames.js";

const root = mkdtempSync(join(tmpdir(), "nested-lc-datasets-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("findDatasets / readDataset", () => {
  it("finds a HATS collection, a folder of flat files and a nested file, and reads each", async () => {
    const hats = join(root, "object_collection");
    mkdirSync(join(hats, "object", pixelPath(0, 4), ".."), { recursive: true });
    writeFileSync(join(hats, "collection.properties"), "hats_primary_table_url=object\n");
    writeFileSync(join(hats, "object", "hats.properties"), "obs_collection=object\n");
    writeFileSync(join(hats, "object", "partition_info.csv"), "Norder,Npix\n0,4\n");
    await writeParquet(smallFrame(), join(hats, "object", `${pixelPath(0, 4)}.parquet`), { layout: "struct<list>" });
    mkdirSync(join(root, "forced_source"));
    const flat = new NestedFrame({ base: { objectId: makeColumn(BigInt64Array.of(2n, 1n, 2n)), psfFlux: makeColumn(Float32Array.of(1, 2, 3)) } });
    await writeParquet(flat, join(root, "forced_source", "visit1.parquet"));
    mkdirSync(join(root, "nested"));
    await writeParquet(smallFrame(), join(root, "nested", "lc.parquet"));

    const ds = await findDatasets(root);
    expect(ds.map((d) => [d.kind, d.path])).toEqual([
      ["flat", join(root, "forced_source")],
      ["parquet", join(root, "nested")],
      ["hats", hats],
    ]);
    expect(ds[0]!.on).toBe("objectId");
    const frames = await Promise.all(ds.map((d) => readDataset(d)));
    expect(frames.map((f) => f.length)).toEqual([2, 3, 3]);
    expect(frames[0]!.nestedNames).toEqual(["lc"]);
  });

  it("reads only the columns asked for, in each kind of dataset", async () => {
    const [hats] = await findDatasets("data-samples/dp1_object_collection");
    const h = await readDataset(hats!, { columns: ["objectId", "objectForcedSource.band", "objectForcedSource.psfFlux"] });
    expect(h.baseNames).toEqual(["objectId"]);
    expect(Object.keys(h.nest("objectForcedSource").fields).sort()).toEqual(["band", "psfFlux"]);
    const [flat] = await findDatasets("data-samples/forced_source_visits");
    const f = await readDataset(flat!, { columns: ["band", "psfFlux"] });
    // the id groups the rows and the time orders them, so both are read too
    expect(f.baseNames).toEqual(["objectId"]);
    expect(Object.keys(f.nest("lc").fields).sort()).toEqual(["band", "midpointMjdTai", "psfFlux"]);
    expect(f.observationCount).toBe(h.observationCount);
  });
});

describe("datasetColumns", () => {
  it("lists a HATS collection's columns from its footers, with nests and their fields", async () => {
    const [ds] = await findDatasets("data-samples/dp1_object_collection");
    const columns = await datasetColumns(ds!);
    expect(columns).toBe(ds!.catalog!.columns);
    expect(columns.find((c) => c.name === "objectId")).toEqual({ name: "objectId", type: "Int64", kind: "base" });
    expect(columns.find((c) => c.name === "objectForcedSource")?.kind).toBe("nest");
    expect(columns.find((c) => c.name === "objectForcedSource.psfFlux")).toEqual({ name: "objectForcedSource.psfFlux", type: "Float32", kind: "field" });
  });

  it("lists flat files' columns from the first file", async () => {
    const [ds] = await findDatasets("data-samples/forced_source_visits");
    const columns = await datasetColumns(ds!);
    expect(columns).toEqual((await parquetSchema(ds!.files[0]!)).columns);
    expect(columns.map((c) => c.name)).toContain("midpointMjdTai");
    expect(columns.every((c) => c.kind === "base")).toBe(true);
  });

  it("lists the columns of a HATS catalog without partitions from its _common_metadata", async () => {
    const cat = join(root, "empty_catalog");
    mkdirSync(join(cat, "dataset"), { recursive: true });
    writeFileSync(join(cat, "hats.properties"), "obs_collection=empty\n");
    writeFileSync(join(cat, "partition_info.csv"), "Norder,Npix\n");
    await writeParquet(smallFrame().head(0), join(cat, "dataset", "_common_metadata"), { layout: "struct<list>" });
    const [ds] = await findDatasets(cat);
    expect(ds!.files).toEqual([]);
    expect((await datasetColumns(ds!)).map((c) => c.name)).toEqual((await parquetSchema(join(cat, "dataset", "_common_metadata"))).columns.map((c) => c.name));
    // Without the opened catalog, the catalog is opened again rather than its (absent) first file read.
    const { catalog: _, ...bare } = ds!;
    expect((await datasetColumns(bare)).length).toBeGreaterThan(0);
  });

  it("rejects a dataset without files, naming its path", async () => {
    const err = await datasetColumns({ path: "somewhere/visits", kind: "flat", description: "", files: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArgumentError);
    expect((err as Error).message).toContain("somewhere/visits");
  });
});
