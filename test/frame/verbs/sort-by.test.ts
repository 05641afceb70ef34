import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../../src/frame/column.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { BIG, sampleFrame } from "./fixtures.js";

describe("sortBy", () => {
  it("orders int64 ids exactly past 2^53 and carries the light curves along", () => {
    const out = sampleFrame().sortBy("objectId");
    expect(toArray(out.column("objectId"))).toEqual([BIG, BIG + 1n, BIG + 2n]);
    expect(toArray(out.column("lc.mjd"))).toEqual([1, 2, 3, 4, 1, 2, 3]);
    expect(toArray(out.sortBy("objectId", { descending: true }).column("objectId"))).toEqual([BIG + 2n, BIG + 1n, BIG]);
  });

  it("puts NaN and nulls last in either direction", () => {
    const f = new NestedFrame({ base: { x: makeColumn([2, null, NaN, 1, 3]) } });
    expect(toArray(f.sortBy("x").column("x"))).toEqual([1, 2, 3, null, NaN]);
    expect(toArray(f.sortBy("x", { descending: true }).column("x"))).toEqual([3, 2, 1, null, NaN]);
  });

  it("is stable: ties keep their order, also when descending", () => {
    const f = new NestedFrame({ base: { k: makeColumn([1, 2, 1, 2]), tag: makeColumn(["a", "b", "c", "d"]) } });
    expect(toArray(f.sortBy("k").column("tag"))).toEqual(["a", "c", "b", "d"]);
    expect(toArray(f.sortBy("k", { descending: true }).column("tag"))).toEqual(["b", "d", "a", "c"]);
  });

  it("sorts dictionary strings by their text, not their codes", () => {
    const f = new NestedFrame({ base: { band: makeColumn(["z", "g", "r", "g"]) } });
    expect(toArray(f.sortBy("band").column("band"))).toEqual(["g", "g", "r", "z"]);
  });

  it("asks for a reduce first when given a nested field", () => {
    expect(() => sampleFrame().sortBy("lc.psfFlux")).toThrow(/nested field. Reduce it first, e.g. frame.reduce\("lc"/);
  });
});
