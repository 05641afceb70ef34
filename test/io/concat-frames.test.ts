import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { concatFrames } from "../../src/io/concat-frames.js";
import { SchemaMismatchError } from "../../src/io/errors.js";
import { smallFrame } from "./fixtures/frames.js";

describe("concatFrames", () => {
  it("re-bases offsets, including a zero-copy slice whose offsets start past 0", () => {
    const a = smallFrame();
    const b = a.takeObjects(Int32Array.of(1, 2)); // offsets [2, 2, 5]
    const c = concatFrames([a, b]);
    expect(Array.from(c.nest("lc").offsets)).toEqual([0, 2, 2, 5, 5, 8]);
    expect(toArray(c.column("lc.band"))).toEqual(["g", "r", null, "g", "y", null, "g", "y"]);
    expect(toArray(c.column("objectId"))).toEqual([...toArray(a.column("objectId")), ...toArray(b.column("objectId"))]);
  });

  it("unifies different dictionaries", () => {
    const f = (bands: string[]) => new NestedFrame({ base: { band: makeColumn(bands) } });
    expect(toArray(concatFrames([f(["r", "g"]), f(["y", "r"])]).column("band"))).toEqual(["r", "g", "y", "r"]);
  });

  it("names the sources, the column and both types when schemas differ", () => {
    const a = new NestedFrame({ base: { x: makeColumn(Float32Array.of(1)) } });
    const b = new NestedFrame({ base: { x: makeColumn(Float64Array.of(1)) } });
    expect(() => concatFrames([a, b], ["a.parquet", "b.parquet"])).toThrow(SchemaMismatchError);
    expect(() => concatFrames([a, b], ["a.parquet", "b.parquet"])).toThrow('Column "x" has type float32 in a.parquet but float64 in b.parquet.');
    const c = new NestedFrame({ base: { x: makeColumn(Float32Array.of(1)), y: makeColumn(Float32Array.of(2)) } });
    expect(() => concatFrames([a, c], ["a.parquet", "c.parquet"])).toThrow('Column "y" is in c.parquet but not in a.parquet.');
  });
});
