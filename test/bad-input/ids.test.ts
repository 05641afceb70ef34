/**
 * Bad input: object ids. Ids stored as floats or with nulls are refused with
 * the file named (a float id above 2^53 has already lost its low bits; a row
 * without an id belongs to no light curve); ids beyond 2^53 and negative ids
 * stay exact from the file through grouping, joining and JSON. Related:
 * test/frame/verbs/from-flat.test.ts and join-nested.test.ts (the same rules on
 * in-memory tables), test/io/arrow.test.ts (uint64 ids read as exact int64).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { FileFormatError } from "../../src/io/errors.js";
import { readFlat } from "../../src/io/flat.js";
import { readParquet } from "../../src/io/parquet-read.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { STACK_LINE, caught, cli, sample, scratch, writeFlatFiles } from "./helpers.js";

const root = scratch("ids");
const flat = sample(20).forcedSource;

/** `flat` with base column `name` replaced. */
const withColumn = (f: NestedFrame, name: string, values: Parameters<typeof makeColumn>[0], type?: Parameters<typeof makeColumn>[1]) =>
  new NestedFrame({ base: { ...f.base, [name]: makeColumn(values, type) }, length: f.length });

describe("ids that cannot be trusted", () => {
  it("refuses float64 object ids, naming the file, in readFlat and on the command line", async () => {
    const dir = join(root, "float");
    const [first] = await writeFlatFiles(dir, withColumn(flat, "objectId", Float64Array.from(flat.bigints("objectId"), Number)));
    const e = await caught(() => readFlat(dir, { on: "objectId" }));
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toBe(`${first}: column "objectId" is Float64; object ids must be integers (int64) or strings, and floating-point ids lose precision beyond 2^53.`);
    const run = await cli(["validate", dir]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`error: ${dir} (ForcedSource psfFlux): column objectId is Float64; expected integer (int64) or string object ids: floating-point ids lose precision beyond 2^53.`);
  });

  it("refuses rows without an object id, naming the file that has them", async () => {
    const dir = join(root, "null");
    const ids: (bigint | null)[] = Array.from(flat.bigints("objectId"));
    ids[3] = null;
    ids[flat.length - 1] = null; // both in the second file
    const [, second] = await writeFlatFiles(dir, withColumn(flat, "objectId", [...ids.slice(flat.length / 2), ...ids.slice(0, flat.length / 2)]));
    const e = await caught(() => readFlat(dir, { on: "objectId" }));
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toBe(`${second}: column "objectId" has 2 null id(s) in a row group; every observation needs an object id.`);
    const run = await cli(["validate", dir]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(second!);
    expect(run.err).not.toMatch(STACK_LINE);
  });

  it("refuses duplicate parent ids in joinNested (an object listed twice cannot own a row)", () => {
    const objects = new NestedFrame({ base: { objectId: makeColumn(BigInt64Array.of(2n ** 60n, 2n ** 60n)) } });
    const e = (() => {
      try {
        objects.joinNested({ objectId: BigInt64Array.of(2n ** 60n) }, { on: "objectId", name: "lc" });
      } catch (x) {
        return x as Error;
      }
      throw new Error("joinNested accepted duplicate parents");
    })();
    expect(e).toBeInstanceOf(SchemaError);
    expect(e.message).toBe(`The frame's "objectId" column has 1 duplicate id(s); joinNested needs unique parent ids.`);
  });
});

describe("ids beyond 2^53 and negative ids", () => {
  // neighbours that a float64 would merge: 2^60 + 1 and 2^60 + 2 are the same double
  const big = [2n ** 60n + 1n, 2n ** 60n + 2n, -(2n ** 62n) - 3n, 2n ** 63n - 1n, -(2n ** 63n)];

  it("keep every id exact from flat files through fromFlat, one light curve per id", async () => {
    const dir = join(root, "big");
    const n = 15;
    const rows = new NestedFrame({
      base: {
        objectId: makeColumn(BigInt64Array.from({ length: n }, (_, i) => big[i % big.length]!)),
        psfFlux: makeColumn(Float32Array.from({ length: n }, (_, i) => i)),
      },
    });
    await writeFlatFiles(dir, rows, 3);
    const lcs = await readFlat(dir, { on: "objectId", name: "lc" });
    const sorted = [...big].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(toArray(lcs.column("objectId"))).toEqual(sorted);
    // row i went to id big[i % 5]: each light curve holds exactly its rows, in file order
    sorted.forEach((id, k) => {
      const want = Array.from({ length: n }, (_, i) => i).filter((i) => big[i % big.length] === id);
      expect(Array.from(lcs.lightCurve(k, "lc").psfFlux as Float32Array)).toEqual(want);
    });
  });

  it("join rows to the right parent when ids differ only past 2^53, reporting the orphan", () => {
    const objects = new NestedFrame({ base: { objectId: makeColumn(BigInt64Array.from(big.slice(0, 3))) } });
    const j = objects.joinNested({ objectId: BigInt64Array.of(big[1]!, big[0]!, big[1]!, big[3]!), x: Float64Array.of(1, 2, 3, 4) }, { on: "objectId", name: "lc" });
    expect(Array.from(j.nest("lc").offsets)).toEqual([0, 1, 3, 3]);
    expect(Array.from(j.numbers("lc.x"))).toEqual([2, 1, 3]);
    expect(j.cutflow().steps[0]!.detail).toBe("lc: 1 of 4 rows had no parent objectId");
  });

  it("survive a parquet round trip, and select by id picks the neighbour asked for", async () => {
    const file = join(root, "big-nested.parquet");
    const frame = new NestedFrame({
      base: { objectId: makeColumn(BigInt64Array.from(big)) },
      nested: { lc: { offsets: Int32Array.of(0, 1, 2, 3, 4, 5), fields: { band: makeColumn(["r", "r", "g", "g", "i"]), psfFlux: makeColumn(Float32Array.of(1, 2, 3, 4, 5)) } } },
    });
    await writeParquet(frame, file);
    const back = await readParquet(file);
    expect(toArray(back.column("objectId"))).toEqual(big);
    expect(Array.from(back.loc([big[1]!], { on: "objectId" }).numbers("lc.psfFlux"))).toEqual([2]);
  });
});
