import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { FileFormatError, SchemaMismatchError } from "../../src/io/errors.js";
import { openHats, parsePartitionInfo, pixelPath } from "../../src/io/hats-open.js";
import { readHats } from "../../src/io/hats-read.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { BIG_ID } from "./fixtures/frames.js";

const root = mkdtempSync(join(tmpdir(), "nested-lc-hats-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A DP1 object_collection-like partition: `n` objects with ids from `first`, 0-3 observations each. */
function partition(first: bigint, n: number, fluxType: "float32" | "float64" = "float32"): NestedFrame {
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + (i % 4);
  const m = offsets[n]!;
  const flux = Array.from({ length: m }, (_, i) => 100 + i);
  return new NestedFrame({
    base: {
      objectId: makeColumn(BigInt64Array.from({ length: n }, (_, i) => first + BigInt(i))),
      coord_ra: makeColumn(Float64Array.from({ length: n }, (_, i) => 50 + i / 100)),
      coord_dec: makeColumn(Float64Array.from({ length: n }, (_, i) => -30 - i / 100)),
    },
    nested: {
      objectForcedSource: {
        offsets,
        fields: {
          band: makeColumn(Array.from({ length: m }, (_, i) => "ugrizy"[i % 6]!)),
          midpointMjdTai: makeColumn(Float64Array.from({ length: m }, (_, i) => 60600 + i)),
          psfFlux: fluxType === "float32" ? makeColumn(Float32Array.from(flux)) : makeColumn(Float64Array.from(flux)),
          psfFluxErr: makeColumn(Float32Array.from({ length: m }, () => 10)),
          psfFlux_flag: makeColumn(Uint8Array.from({ length: m }, (_, i) => (i % 5 === 0 ? 1 : 0)), "bool"),
        },
      },
    },
  });
}

const parts = { 44: partition(BIG_ID, 5), 45: partition(BIG_ID + 100n, 4), 46: partition(BIG_ID + 200n, 3), 47: partition(BIG_ID + 300n, 6) };

/** Write a catalog: pixel 45 as a directory leaf of two files, pixel 47 at order 2 in a Dir=0 folder. */
async function writeCatalog(dir: string, opts: { propertiesName?: string; info?: string; skip?: number[]; override?: Record<number, NestedFrame> } = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, opts.propertiesName ?? "hats.properties"), "#HATS catalog\nobs_collection=object\ndataproduct_type=object\nhats_nrows=18\nhats_col_ra=coord_ra\nhats_col_dec=coord_dec\nhats_npix_suffix=.parquet\n");
  writeFileSync(join(dir, "partition_info.csv"), opts.info ?? "Norder,Npix\n1,44\n1,45\n1,46\n2,47\n");
  const layout = "struct<list>" as const;
  for (const [pix, order] of [[44, 1], [45, 1], [46, 1], [47, 2]] as const) {
    if (opts.skip?.includes(pix)) continue;
    const f = opts.override?.[pix] ?? parts[pix];
    const leaf = join(dir, pixelPath(order, pix));
    if (pix === 45) {
      mkdirSync(leaf, { recursive: true });
      await writeParquet(f.head(2), join(leaf, "part0.parquet"), { layout });
      await writeParquet(f.takeObjects(Int32Array.of(2, 3)), join(leaf, "part1.parquet"), { layout });
    } else {
      mkdirSync(join(leaf, ".."), { recursive: true });
      await writeParquet(f, `${leaf}.parquet`, { layout });
    }
  }
  await writeParquet(parts[44].head(0), join(dir, "dataset", "_common_metadata"), { layout });
}

const cat = join(root, "object_collection", "object");
beforeAll(async () => {
  await writeCatalog(cat);
  writeFileSync(join(root, "object_collection", "collection.properties"), "#HATS Collection\nobs_collection=object_collection\nhats_primary_table_url=object\nall_margins=object_5arcs\n");
});

describe("openHats", () => {
  it("describes properties, partitions with their files, and columns from _common_metadata", async () => {
    const c = await openHats(cat);
    expect(c.properties.hats_col_ra).toBe("coord_ra");
    expect(c.partitions.map((p) => [p.order, p.pixel, p.files.length])).toEqual([[1, 44, 1], [1, 45, 2], [1, 46, 1], [2, 47, 1]]);
    expect(c.partitions[3]!.files[0]).toBe(join(cat, "dataset", "Norder=2", "Dir=0", "Npix=47.parquet"));
    expect(c.schemaFile).toBe(join(cat, "dataset", "_common_metadata"));
    expect(c.columns.find((x) => x.name === "objectForcedSource.psfFlux")!.type).toBe("Float32");
    expect(c.unlisted).toEqual([]);
  });

  it("resolves a collection to its primary table", async () => {
    const c = await openHats(join(root, "object_collection"));
    expect(c.dir).toBe(cat);
    expect(c.collection?.margins).toEqual(["object_5arcs"]);
  });

  it("puts pixels in Dir folders by ten thousands", () => {
    expect(pixelPath(5, 123456)).toBe(join("dataset", "Norder=5", "Dir=120000", "Npix=123456"));
  });

  it("reads the older partition_info.csv with Dir and num_rows columns", () => {
    expect(parsePartitionInfo("Norder,Dir,Npix,num_rows\n1,0,44,5\n", "p.csv")).toEqual([{ order: 1, pixel: 44 }]);
  });

  it("names a listed partition whose file is missing", async () => {
    const dir = join(root, "missing");
    await writeCatalog(dir, { skip: [46] });
    await expect(openHats(dir)).rejects.toThrow(FileFormatError);
    await expect(openHats(dir)).rejects.toThrow(/partition_info.csv: lists pixel Norder=1 Npix=46, but neither .*Npix=46.parquet/);
  });

  it("says what it found in a directory that is not a catalog", async () => {
    await expect(openHats(root)).rejects.toThrow(/is not a HATS catalog: no hats.properties/);
  });
});

describe("readHats", () => {
  it("concatenates every partition in partition_info order, ids exact", async () => {
    const f = await readHats(cat);
    expect(f.length).toBe(18);
    const ids = [44, 45, 46, 47].flatMap((p) => toArray(parts[p as 44].column("objectId")));
    expect(toArray(f.column("objectId"))).toEqual(ids);
    const flux = [44, 45, 46, 47].flatMap((p) => toArray(parts[p as 44].column("objectForcedSource.psfFlux")));
    expect(toArray(f.column("objectForcedSource.psfFlux"))).toEqual(flux);
    expect(f.observationCount).toBe(flux.length);
  });

  it("reads chosen pixels and columns only", async () => {
    const f = await readHats(join(root, "object_collection"), { pixels: [{ order: 2, pixel: 47 }, 44], columns: ["objectId", "objectForcedSource.psfFlux"] });
    expect(f.columnNames).toEqual(["objectId", "objectForcedSource.psfFlux"]);
    expect(f.length).toBe(11);
    expect(valueAtId(f, 0)).toBe(BIG_ID + 300n);
    await expect(readHats(cat, { pixels: [99] })).rejects.toThrow(/has no partition Npix=99/);
  });

  it("filters each partition as it is read and sums the cut-flow", async () => {
    const f = await readHats(cat, { filter: "not objectForcedSource.psfFlux_flag" });
    const all = await readHats(cat);
    const step = f.cutflowSteps[0]!;
    expect(step.observationsIn).toBe(all.observationCount);
    expect(step.observationsOut).toBe(f.observationCount);
    expect(f.observationCount).toBeLessThan(all.observationCount);
  });

  it("reports partitions whose schemas differ, naming both files, the column and both types", async () => {
    const dir = join(root, "mismatch");
    await writeCatalog(dir, { override: { 46: partition(BIG_ID, 3, "float64") } });
    await expect(readHats(dir)).rejects.toThrow(SchemaMismatchError);
    await expect(readHats(dir)).rejects.toThrow(/Column "objectForcedSource.psfFlux" has type float32 in .*Npix=44.parquet but float64 in .*Npix=46.parquet/);
  });

  it("reads a catalog with the older properties file name", async () => {
    const dir = join(root, "old");
    await writeCatalog(dir, { propertiesName: "properties", info: "Norder,Dir,Npix,num_rows\n1,0,44,5\n1,0,45,4\n1,0,46,3\n2,0,47,6\n" });
    expect((await readHats(dir)).length).toBe(18);
  });
});

function valueAtId(f: NestedFrame, i: number): unknown {
  return toArray(f.column("objectId"))[i];
}
