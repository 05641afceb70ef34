import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Catalog, openCatalog } from "../../src/catalog/catalog.js";
import { catalogSource } from "../../src/catalog/catalog-source.js";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { readHats } from "../../src/io/hats-read.js";
import { readParquet } from "../../src/io/parquet-read.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { readFlat } from "../../src/io/flat.js";

const HATS = "data-samples/dp1_object_collection";
const VISITS = "data-samples/forced_source_visits";
const root = mkdtempSync(join(tmpdir(), "nested-lc-catalog-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("openCatalog on a HATS collection", () => {
  it("lists the pixels of partition_info.csv as partitions without reading data", async () => {
    const cat = await openCatalog(HATS);
    expect(cat.kind).toBe("hats");
    expect(cat.partitions.length).toBe(23);
    expect(cat.partitions[0]).toMatchObject({ index: 0, label: "Norder=0/Npix=0", order: 0, pixel: 0 });
    expect(cat.partitions[3]!.files[0]).toMatch(/Norder=2\/Dir=0\/Npix=80\.parquet$/);
    expect(cat.columns).toContain("objectForcedSource.psfFlux");
    expect(String(cat)).toBe(`Catalog(hats, ${HATS}: 23 partitions, ${cat.columns.length} columns)`);
  });

  it("reads partition i as readParquet reads its file, projected to the chosen columns", async () => {
    const columns = ["objectId", "objectForcedSource.psfFlux", "objectForcedSource.band"];
    const cat = await openCatalog(HATS, { columns });
    const p = await cat.partition(3);
    const direct = await readParquet(cat.partitions[3]!.files[0]!, { columns });
    expect(p.columnNames).toEqual(["objectId", "objectForcedSource.band", "objectForcedSource.psfFlux"]); // file order; nothing else decoded
    expect(p.bigints("objectId")).toEqual(direct.bigints("objectId"));
    expect(p.numbers("objectForcedSource.psfFlux")).toEqual(direct.numbers("objectForcedSource.psfFlux"));
  });

  it("head(n) reads partitions only until it has n objects, and equals the first n of the whole catalog", async () => {
    const columns = ["objectId", "objectForcedSource.psfFlux"];
    const cat = await openCatalog(HATS, { columns });
    const whole = await readHats(HATS, { columns });
    const n = cat.partitions.length > 0 ? (await cat.partition(0)).length + 5 : 0; // spills into the second partition
    const h = await cat.head(n);
    expect(h.length).toBe(n);
    expect(h.bigints("objectId")).toEqual(whole.bigints("objectId").subarray(0, n));
    expect(h.numbers("objectForcedSource.psfFlux")).toEqual(whole.head(n).numbers("objectForcedSource.psfFlux"));
  });

  it("names an unknown column with the nearest names, and a missing partition with the range", async () => {
    const cat = await openCatalog(HATS);
    expect(() => cat.select(["objectForcedSource.psfFlx"])).toThrow(ColumnNotFoundError);
    expect(() => cat.select(["objectForcedSource.psfFlx"])).toThrow(/Did you mean "objectForcedSource.psfFlux"/);
    await expect(cat.partition(23)).rejects.toThrow(/has 23 partitions \(0\.\.22\); there is no partition 23/);
    await expect(cat.head(-1)).rejects.toThrow(ArgumentError);
  });
});

describe("openCatalog on parquet files", () => {
  it("makes each nested parquet file a partition", async () => {
    const dir = join(root, "nested");
    mkdirSync(dir);
    const frame = (ids: bigint[]) =>
      new NestedFrame({
        base: { objectId: makeColumn(BigInt64Array.from(ids)) },
        nested: { lc: { offsets: Int32Array.from(ids.map((_, k) => 2 * k).concat([2 * ids.length])), fields: { psfFlux: makeColumn(new Float32Array(2 * ids.length).map((_, k) => k)) } } },
      });
    await writeParquet(frame([1n, 2n]), join(dir, "a.parquet"));
    await writeParquet(frame([3n]), join(dir, "b.parquet"));
    const cat = await openCatalog(dir);
    expect(cat.kind).toBe("parquet");
    expect(cat.partitions.map((p) => p.label)).toEqual(["a.parquet", "b.parquet"]);
    expect(toArray((await cat.partition(1)).column("objectId"))).toEqual([3n]);
  });

  it("groups flat per-visit files by object within each file, template fields becoming columns", async () => {
    const cat = await Catalog.open(VISITS, { template: "visit_{first}-{last}.parquet", columns: ["objectId", "psfFlux", "first"] });
    expect(cat.kind).toBe("flat");
    expect(cat.partitions.length).toBe(30);
    expect(cat.source.flat).toMatchObject({ on: "objectId", name: "lc", sortBy: "midpointMjdTai" });
    expect(cat.source.flat!.fields).toEqual([{ name: "first", type: "int64" }, { name: "last", type: "int64" }]);
    const p = await cat.partition(0);
    const oracle = await readFlat([cat.partitions[0]!.files[0]!], { on: "objectId", name: "lc", sortBy: "midpointMjdTai", columns: ["psfFlux", "midpointMjdTai"] });
    expect(p.bigints("objectId")).toEqual(oracle.bigints("objectId"));
    expect(p.numbers("lc.psfFlux")).toEqual(oracle.numbers("lc.psfFlux"));
    const first = p.bigints("lc.first");
    expect(first.length).toBe(p.observationCount);
    expect(first.every((v) => v === 2024102300019n)).toBe(true);
  });

  it("maps row group by row group over nested files, whole objects per batch in row order, and refuses flat files", async () => {
    const dir = join(root, "row-groups");
    mkdirSync(dir);
    const all = await readHats(HATS, { columns: ["objectId", "objectForcedSource.psfFlux"] });
    await writeParquet(all.head(250), join(dir, "a.parquet"), { rowGroupSize: 100 });
    const cat = await openCatalog(dir);
    const batches = await cat.mapBatches((frame, ctx) => ({ batch: ctx.batch, ids: frame.bigints("objectId"), rows: frame.observationCount }), { threads: 1, progress: false });
    expect(batches[0]!.map((b) => [b.batch, b.ids.length])).toEqual([[0, 100], [1, 100], [2, 50]]);
    expect(batches[0]!.flatMap((b) => [...b.ids])).toEqual([...all.head(250).bigints("objectId")]);
    expect(batches[0]!.reduce((a, b) => a + b.rows, 0)).toBe(all.head(250).observationCount);
    const flat = await openCatalog(VISITS, { columns: ["objectId", "psfFlux"] });
    await expect(flat.mapBatches((frame) => frame.length, { threads: 0, progress: false })).rejects.toThrow(/flat per-visit files.*regroup it first \(groupFlat\)/);
  });

  it("refuses a template that matches no file, naming what the files look like", async () => {
    await expect(catalogSource(VISITS, { template: "{tract}/visit_{visit}.parquet" })).rejects.toThrow(/matches the template .*files are like visit_2024102300019-2024102500037\.parquet/);
    await expect(catalogSource(HATS, { template: "{x}.parquet" })).rejects.toThrow(/HATS catalog; a path template applies to flat/);
  });
});
