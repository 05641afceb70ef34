import { describe, expect, it } from "vitest";
import { toArray } from "../../../src/frame/column.js";
import { fromLists } from "../../../src/frame/verbs/from-lists.js";

describe("fromLists", () => {
  it("nests per-object arrays and keeps the other columns as base columns", () => {
    const f = fromLists(
      { id: BigInt64Array.of(1n, 2n, 3n), flux: [new Float32Array([1, 2]), new Float32Array([]), new Float32Array([3])], band: [["g", "r"], [], ["i"]] },
      { lists: ["flux", "band"], name: "lc" },
    );
    expect(Array.from(f.nest("lc").offsets)).toEqual([0, 2, 2, 3]);
    expect(f.column("lc.flux").type).toBe("float32");
    expect(toArray(f.column("lc.band"))).toEqual(["g", "r", "i"]);
    expect(toArray(f.column("id"))).toEqual([1n, 2n, 3n]);
  });

  it("rejects lists of unequal length within one object, naming the row", () => {
    expect(() => fromLists({ a: [[1, 2]], b: [[1]] }, { lists: ["a", "b"] })).toThrow(/Row 0: list "b" has 1 values, "a" has 2/);
  });

  it("rejects a missing or non-list column", () => {
    expect(() => fromLists({ flux: [[1]] }, { lists: ["flx"] })).toThrow(/Did you mean "flux"/);
    expect(() => fromLists({ flux: new Float64Array(2) }, { lists: ["flux"] })).toThrow(/array of arrays/);
  });
});

describe("fromLists with nulls", () => {
  it("types a plain list column over all its values, so a row of only nulls fits the others", () => {
    const f = fromLists({ band: [[null], ["g", null], []] }, { lists: ["band"], name: "lc" });
    expect(f.column("lc.band").type).toBe("dict");
    expect(f.toArray("lc.band")).toEqual([null, "g", null]);
    const x = fromLists({ x: [[null, null], [1.5]] }, { lists: ["x"], name: "lc" });
    expect(x.toArray("lc.x")).toEqual([null, null, 1.5]);
  });
});
