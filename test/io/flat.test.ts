import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { FileFormatError, SchemaMismatchError } from "../../src/io/errors.js";
import { readFlat } from "../../src/io/flat.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { BIG_ID, smallFrame } from "./fixtures/frames.js";

const root = mkdtempSync(join(tmpdir(), "nested-lc-flat-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** One visit's rows: objects `ids` observed once each, at time `visit`. */
function visitTable(visit: number, ids: bigint[], fluxType: "float32" | "float64" = "float32"): NestedFrame {
  const flux = ids.map((id) => Number(id % 1000n) + visit / 10);
  return new NestedFrame({
    base: {
      objectId: makeColumn(BigInt64Array.from(ids)),
      visit: makeColumn(BigInt64Array.from(ids, () => BigInt(visit))),
      midpointMjdTai: makeColumn(Float64Array.from(ids, () => 60000 + visit)),
      psfFlux: fluxType === "float32" ? makeColumn(Float32Array.from(flux)) : makeColumn(Float64Array.from(flux)),
      band: makeColumn(ids.map(() => "gri"[visit % 3]!)),
    },
  });
}

describe("readFlat", () => {
  it("groups per-visit files into light curves by int64 id, one observation per visit", async () => {
    const dir = join(root, "visits");
    mkdirSync(join(dir, "sub"), { recursive: true });
    // Visits written out of time order, and one in a subdirectory: ordering comes from sortBy.
    await writeParquet(visitTable(3, [BIG_ID + 2n, BIG_ID]), join(dir, "visit3.parquet"));
    await writeParquet(visitTable(1, [BIG_ID, BIG_ID + 1n, BIG_ID + 2n]), join(dir, "visit1.parquet"));
    await writeParquet(visitTable(2, [BIG_ID + 1n]), join(dir, "sub", "visit2.parquet"));
    const f = await readFlat(dir, { on: "objectId", name: "lc", sortBy: "midpointMjdTai" });
    expect(toArray(f.column("objectId"))).toEqual([BIG_ID, BIG_ID + 1n, BIG_ID + 2n]);
    expect(Array.from(f.nest("lc").offsets)).toEqual([0, 2, 4, 6]);
    expect(toArray(f.column("lc.visit"))).toEqual([1n, 3n, 1n, 2n, 1n, 3n]);
    expect(f.column("lc.psfFlux").type).toBe("float32");
  });

  it("reads only the requested columns, adding the id column", async () => {
    const dir = join(root, "proj");
    mkdirSync(dir, { recursive: true });
    await writeParquet(visitTable(1, [5n, 6n]), join(dir, "a.parquet"));
    const f = await readFlat([join(dir, "a.parquet")], { on: "objectId", name: "lc", columns: ["psfFlux"] });
    expect(f.columnNames).toEqual(["objectId", "lc.psfFlux"]);
  });

  it("names both files, the column and both types when schemas differ", async () => {
    const dir = join(root, "mixed");
    mkdirSync(dir, { recursive: true });
    await writeParquet(visitTable(1, [1n]), join(dir, "a.parquet"));
    await writeParquet(visitTable(2, [1n], "float64"), join(dir, "b.parquet"));
    const err = await readFlat(dir, { on: "objectId" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaMismatchError);
    expect(String(err)).toMatch(/Column "psfFlux" has type Float32 in .*a.parquet but Float64 in .*b.parquet/);
  });

  it("refuses a nested file, pointing to readParquet", async () => {
    const path = join(root, "nested.parquet");
    await writeParquet(smallFrame(), path);
    await expect(readFlat([path], { on: "objectId" })).rejects.toThrow(FileFormatError);
    await expect(readFlat([path], { on: "objectId" })).rejects.toThrow(/is nested \(column "lc"\)/);
  });
});
