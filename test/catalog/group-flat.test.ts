import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openCatalog } from "../../src/catalog/catalog.js";
import { rangeBounds } from "../../src/catalog/group-flat.js";
import { bucketOf } from "../../src/catalog/spill-partition.js";
import { concatFrames } from "../../src/io/concat-frames.js";
import { readFlat } from "../../src/io/flat.js";

const VISITS = "data-samples/forced_source_visits";
const COLUMNS = ["objectId", "band", "psfFlux", "psfFluxErr", "midpointMjdTai", "visit"];

describe("Catalog.groupFlat", () => {
  it("puts every light curve whole in one partition, and the partitions together are readFlat of all files", async () => {
    const flat = await openCatalog(VISITS, { columns: COLUMNS });
    // Per file, light curves are cut: the same object appears in many files.
    const perFile = await flat.mapPartitions((f) => f.length, { threads: 0, progress: false });
    const all = await readFlat(VISITS, { on: "objectId", name: "lc", sortBy: "midpointMjdTai", columns: COLUMNS });
    expect(perFile.reduce((a, b) => a + b, 0)).toBeGreaterThan(2 * all.length);

    const grouped = await flat.groupFlat({ buckets: 5, threads: 0, progress: false });
    try {
      expect(grouped.partitions.length).toBe(5);
      const parts = [];
      for (let i = 0; i < grouped.partitions.length; i++) parts.push(await grouped.partition(i));
      const ids = parts.map((p) => p.bigints("objectId"));
      // Id ranges: each partition's ids ascending, and every id of partition i below every id of i + 1.
      for (let i = 0; i + 1 < ids.length; i++) expect(ids[i]!.at(-1)! < ids[i + 1]![0]!).toBe(true);
      const together = concatFrames(parts);
      expect(together.columnNames).toEqual(all.columnNames);
      for (const c of all.columnNames) expect(together.toArray(c), c).toEqual(all.toArray(c));
      expect(together.nest("lc").offsets).toEqual(all.nest("lc").offsets); // no light curve cut or merged
      // Reopened from its folder (as a shard job in another process would), the same id ranges come back.
      const again = await openCatalog(grouped.path);
      expect(again.partitions).toEqual(grouped.partitions);
      expect((await again.partition(2)).bigints("objectId")).toEqual(ids[2]);
    } finally {
      rmSync(grouped.path, { recursive: true, force: true });
    }
  });

  it("spills batches of files, each file's template fields riding on its rows", async () => {
    const flat = await openCatalog(VISITS, { template: "visit_{first}-{last}.parquet", columns: [...COLUMNS, "first", "last"] });
    const all = await readFlat(VISITS, { on: "objectId", name: "lc", sortBy: "midpointMjdTai", columns: COLUMNS });
    const grouped = await flat.groupFlat({ buckets: 3, batchRows: 10_000, threads: 0, progress: false });
    try {
      const parts = [];
      for (let i = 0; i < grouped.partitions.length; i++) parts.push(await grouped.partition(i));
      const together = concatFrames(parts);
      for (const c of all.columnNames) expect(together.toArray(c), c).toEqual(all.toArray(c));
      // Every row carries the visit range of the file it was read from: first <= visit <= last.
      const [visit, first, last] = ["lc.visit", "lc.first", "lc.last"].map((c) => together.bigints(c));
      for (let r = 0; r < visit!.length; r++) expect(first![r]! <= visit![r]! && visit![r]! <= last![r]!).toBe(true);
      expect(new Set(first).size).toBe(30); // all 30 files' values made it through the spill
    } finally {
      rmSync(grouped.path, { recursive: true, force: true });
    }
  });

  it("refuses a catalog that is not flat", async () => {
    const hats = await openCatalog("data-samples/dp1_object_collection");
    await expect(hats.groupFlat()).rejects.toThrow(/is a hats catalog: its partitions already hold whole light curves/);
  });
});

describe("rangeBounds / bucketOf", () => {
  it("cut a sample into equal runs and send each id to the range it falls in", () => {
    const sample = BigInt64Array.of(9n, 1n, 5n, 3n, 7n, 2n, 8n, 4n, 6n, 10n);
    const bounds = rangeBounds(sample, 5); // sorted 1..10, cut at positions 2, 4, 6, 8
    expect(bounds).toEqual(BigInt64Array.of(3n, 5n, 7n, 9n));
    expect(bucketOf(BigInt64Array.of(1n, 2n, 3n, 9n, 10n, 100n), bounds)).toEqual(Int32Array.of(0, 0, 1, 4, 4, 4));
    expect(rangeBounds(BigInt64Array.of(4n, 4n, 4n, 4n), 3)).toEqual(BigInt64Array.of(4n)); // repeated ids: fewer ranges
  });
});
