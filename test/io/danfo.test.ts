import { describe, expect, it } from "vitest";
import { fromDanfo, toDanfo } from "../../src/io/danfo.js";
import { makeColumn } from "../../src/frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";

const BIG = [2n ** 62n + 1n, -(2n ** 60n) - 3n, 9007199254740993n];

function frame(): NestedFrame {
  return NestedFrame.fromLists(
    {
      objectId: BigInt64Array.from(BIG),
      ra: Float64Array.of(10.5, 11.25, 12),
      band: ["g", null, "r"],
      star: [true, false, true],
      lc: [[1, 2], [3], []],
    },
    { lists: ["lc"], name: "lc" },
  );
}

describe("toDanfo", () => {
  it("gives one danfo column per base column, with the values in order", () => {
    const df = toDanfo(frame(), { columns: ["ra", "band", "star"] });
    expect(df.shape).toEqual([3, 3]);
    expect(df.columns).toEqual(["ra", "band", "star"]);
    expect(df.column("ra").values).toEqual([10.5, 11.25, 12]);
    expect(df.column("band").values).toEqual(["g", null, "r"]);
    expect(df.column("star").values).toEqual([true, false, true]);
  });

  it("writes int64 ids past 2^53 as exact decimal strings", () => {
    const df = toDanfo(frame(), { columns: ["objectId"] });
    expect(df.column("objectId").values).toEqual(BIG.map(String));
  });

  it("refuses a nested column and says how to flatten it", () => {
    expect(() => toDanfo(frame(), { columns: ["lc"] })).toThrow(ArgumentError);
    expect(() => toDanfo(frame(), { columns: ["lc"] })).toThrow(/toFlat\("lc"\)/);
  });

  it("names a misspelt column with suggestions", () => {
    expect(() => toDanfo(frame(), { columns: ["raa"] })).toThrow(ColumnNotFoundError);
    expect(() => toDanfo(frame(), { columns: ["raa"] })).toThrow(/Did you mean "ra"/);
  });

  it("refuses an empty selection instead of making a frame danfo cannot hold", () => {
    expect(() => toDanfo(frame(), { columns: [] })).toThrow(/no columns/);
  });
});

describe("fromDanfo", () => {
  it("round-trips base columns, with int64 ids exact", () => {
    const f = frame();
    const back = fromDanfo(toDanfo(f, { columns: ["objectId", "ra", "band", "star"] }), { int64: ["objectId"] });
    expect(Array.from(back.bigints("objectId"))).toEqual(BIG);
    expect(Array.from(back.numbers("ra"))).toEqual([10.5, 11.25, 12]);
    expect(back.toArray("band")).toEqual(["g", null, "r"]);
    expect(back.column("star").type).toBe("bool");
    expect(back.toArray("star")).toEqual([true, false, true]);
  });

  it("keeps numbers as float64, whatever dtype danfo inferred", () => {
    const back = fromDanfo(toDanfo(new NestedFrame({ base: { n: makeColumn(Int32Array.of(1, 2, 3)) } })));
    expect(back.column("n").type).toBe("float64");
    expect(Array.from(back.numbers("n"))).toEqual([1, 2, 3]);
  });

  it("refuses an id column that danfo already holds as rounded numbers", () => {
    const df = toDanfo(new NestedFrame({ base: { objectId: makeColumn([2 ** 60, 1]) } }));
    expect(() => fromDanfo(df, { int64: ["objectId"] })).toThrow(/beyond 2\^53/);
  });

  it("names an int64 column that is not there", () => {
    expect(() => fromDanfo(toDanfo(frame(), { columns: ["ra"] }), { int64: ["objectID"] })).toThrow(ColumnNotFoundError);
  });
});
