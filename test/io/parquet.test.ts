import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { FileColumnNotFoundError, FileFormatError, ParquetReadError } from "../../src/io/errors.js";
import { readParquet, readParquetBatches } from "../../src/io/parquet-read.js";
import { parquetSchema } from "../../src/io/parquet-schema.js";
import { toParquetBuffer, writeParquet } from "../../src/io/parquet-write.js";
import { BIG_ID, frameArb, smallFrame, snapshot } from "./fixtures/frames.js";

const dir = mkdtempSync(join(tmpdir(), "nested-lc-parquet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LAYOUTS = ["list<struct>", "struct<list>"] as const;

/** n objects with 0..4 observations each, deterministic. */
function frameOf(n: number): NestedFrame {
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + (i % 5);
  const m = offsets[n]!;
  return new NestedFrame({
    base: { objectId: makeColumn(BigInt64Array.from({ length: n }, (_, i) => BIG_ID + BigInt(i))), coord_ra: makeColumn(Float64Array.from({ length: n }, (_, i) => i / 7)) },
    nested: {
      lc: {
        offsets,
        fields: {
          psfFlux: makeColumn(Float32Array.from({ length: m }, (_, i) => i * 1.5)),
          psfFluxErr: makeColumn(Float32Array.from({ length: m }, (_, i) => 1 + (i % 3))),
          band: makeColumn(Array.from({ length: m }, (_, i) => "ugrizy"[i % 6]!)),
        },
      },
    },
  });
}

describe("writeParquet / readParquet", () => {
  for (const layout of LAYOUTS) {
    it(`round-trips a frame with nulls, big ids, float32 and dictionary strings (${layout})`, async () => {
      const path = join(dir, `small-${layout[0]}.parquet`);
      await writeParquet(smallFrame(), path, { layout });
      expect(snapshot(await readParquet(path))).toEqual(snapshot(smallFrame()));
    });

    it(`round-trips random frames through parquet bytes (property, ${layout})`, async () => {
      await fc.assert(
        fc.asyncProperty(frameArb, async (f) => {
          const path = join(dir, "prop.parquet");
          writeFileSync(path, toParquetBuffer(f, { layout, compression: "snappy" }));
          expect(snapshot(await readParquet(path))).toEqual(snapshot(f));
        }),
        { numRuns: 25 },
      );
    });

    it(`projects nested fields by their user names (${layout})`, async () => {
      const path = join(dir, `proj-${layout[0]}.parquet`);
      await writeParquet(frameOf(20), path, { layout });
      const f = await readParquet(path, { columns: ["objectId", "lc.psfFlux"] });
      expect(f.columnNames).toEqual(["objectId", "lc.psfFlux"]);
      expect(toArray(f.column("lc.psfFlux"))).toEqual(toArray(frameOf(20).column("lc.psfFlux")));
      expect((await readParquet(path, { columns: ["lc"] })).columnNames).toEqual(["lc.psfFlux", "lc.psfFluxErr", "lc.band"]);
      expect((await readParquet(path, { columns: ["lc.band", "lc", "objectId"] })).columnNames).toEqual(["objectId", "lc.psfFlux", "lc.psfFluxErr", "lc.band"]);
    });
  }

  it("reads only the projected columns' bytes: a projected read sees no other column", async () => {
    const path = join(dir, "proj-only.parquet");
    await writeParquet(frameOf(50), path, { layout: "struct<list>" });
    const f = await readParquet(path, { columns: ["lc.band"] });
    expect(f.baseNames).toEqual([]);
    expect(Object.keys(f.nest("lc").fields)).toEqual(["band"]);
    expect(f.observationCount).toBe(frameOf(50).observationCount);
  });

  it("streams one frame per row group, covering the file in order", async () => {
    const path = join(dir, "groups.parquet");
    const all = frameOf(25);
    await writeParquet(all, path, { rowGroupSize: 10, layout: "struct<list>" });
    const parts: NestedFrame[] = [];
    for await (const p of readParquetBatches(path, { columns: ["objectId", "lc.psfFlux"] })) parts.push(p);
    expect(parts.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(parts.flatMap((p) => toArray(p.column("objectId")))).toEqual(toArray(all.column("objectId")));
    expect(parts.flatMap((p) => toArray(p.column("lc.psfFlux")))).toEqual(toArray(all.column("lc.psfFlux")));
    const second = await readParquet(path, { rowGroups: [1] });
    expect(toArray(second.column("objectId"))).toEqual(toArray(all.column("objectId")).slice(10, 20));
    await expect(readParquet(path, { rowGroups: [3] })).rejects.toThrow(/Row group 3 is out of range: .*groups.parquet has 3 row groups/);
  });

  it("reads a file of several row groups whole, the same as the frame written", async () => {
    const path = join(dir, "groups-whole.parquet");
    const all = frameOf(25);
    await writeParquet(all, path, { rowGroupSize: 7, layout: "list<struct>" });
    const back = await readParquet(path, { rowGroups: [0, 2, 3] });
    expect(back.length).toBe(7 + 7 + 4);
    const whole = await readParquet(path);
    for (const name of all.columnNames) expect(toArray(whole.column(name))).toEqual(toArray(all.column(name)));
    expect(Array.from(whole.nest("lc").offsets)).toEqual(Array.from(all.nest("lc").offsets));
  });

  it("describes a file from its footer: rows, row groups, columns with types", async () => {
    const path = join(dir, "schema.parquet");
    await writeParquet(frameOf(25), path, { rowGroupSize: 10, layout: "struct<list>", metadata: { origin: "test" } });
    const s = await parquetSchema(path);
    expect(s.rows).toBe(25);
    expect(s.rowGroups.map((g) => g.rows)).toEqual([10, 10, 5]);
    expect(s.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(["objectId:base", "coord_ra:base", "lc:nest", "lc.psfFlux:field", "lc.psfFluxErr:field", "lc.band:field"]);
    expect(s.columns.find((c) => c.name === "lc.psfFlux")!.type).toBe("Float32");
    expect(s.metadata.origin).toBe("test");
  });

  it("writes an empty frame and reads it back with its columns", async () => {
    const path = join(dir, "empty.parquet");
    const empty = frameOf(3).takeObjects(new Int32Array(0));
    await writeParquet(empty, path);
    const back = await readParquet(path, { columns: ["objectId", "lc.psfFlux"] });
    expect(back.length).toBe(0);
    expect(back.columnNames).toEqual(["objectId", "lc.psfFlux"]);
  });
});

describe("parquet errors", () => {
  it("names a missing file", async () => {
    const path = join(dir, "nope.parquet");
    await expect(readParquet(path)).rejects.toThrow(ParquetReadError);
    await expect(readParquet(path)).rejects.toThrow(`Cannot read parquet file ${path}: no such file`);
  });

  it("rejects random bytes as not a parquet file", async () => {
    const path = join(dir, "random.parquet");
    writeFileSync(path, Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) % 251));
    await expect(readParquet(path)).rejects.toThrow(FileFormatError);
    await expect(readParquet(path)).rejects.toThrow(/random.parquet: not a parquet file/);
  });

  it("rejects a real file cut in half as truncated", async () => {
    const path = join(dir, "whole.parquet");
    await writeParquet(frameOf(40), path);
    const cut = join(dir, "half.parquet");
    const bytes = readFileSync(path);
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    await expect(readParquet(cut)).rejects.toThrow(/half.parquet: truncated or corrupt/);
  });

  it("reports a corrupt footer naming the file", async () => {
    const path = join(dir, "whole2.parquet");
    await writeParquet(frameOf(40), path);
    const bytes = Uint8Array.from(readFileSync(path));
    bytes.fill(0x5a, bytes.length - 60, bytes.length - 8); // footer bytes, magic kept
    writeFileSync(path, bytes);
    await expect(readParquet(path)).rejects.toThrow(ParquetReadError);
    await expect(readParquet(path)).rejects.toThrow(/whole2.parquet: corrupt or unreadable parquet data \(.+\); re-download or regenerate the file$/);
  });

  it("names the file and suggests names for a missing column", async () => {
    const path = join(dir, "cols.parquet");
    await writeParquet(frameOf(5), path, { layout: "struct<list>" });
    const err = await readParquet(path, { columns: ["lc.psfFlx"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileColumnNotFoundError);
    expect(String(err)).toContain(`Unknown column "lc.psfFlx" in file ${path}. Did you mean "lc.psfFlux"`);
  });
});
