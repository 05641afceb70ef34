import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../../src/frame/column.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { BIG, sampleFrame } from "./fixtures.js";

describe("toFlat", () => {
  it("gives one row per observation with int64 ids repeated exactly", () => {
    const f = sampleFrame();
    const flat = f.toFlat();
    expect(flat.length).toBe(7);
    expect(flat.nestedNames).toEqual([]);
    expect(toArray(flat.column("objectId"))).toEqual([BIG + 2n, BIG + 2n, BIG + 2n, BIG + 1n, BIG + 1n, BIG + 1n, BIG + 1n]);
    expect(toArray(flat.column("band"))).toEqual(["g", "r", "g", "r", "r", "g", "i"]);
    expect(flat.baseNames).toEqual(["objectId", "ra", "mjd", "psfFlux", "psfFluxErr", "band"]);
  });

  it("of a slice starting past offset 0 only holds the slice's observations", () => {
    const flat = sampleFrame().loc([1, 2]).explode("lc");
    expect(toArray(flat.column("mjd"))).toEqual([1, 2, 3, 4]);
  });

  it("names a field that clashes with a base column nest.field", () => {
    const f = new NestedFrame({
      base: { band: makeColumn(["x"]) },
      nested: { lc: { offsets: Int32Array.of(0, 2), fields: { band: makeColumn(["g", "r"]) } } },
    });
    expect(toArray(f.toFlat("lc").column("lc.band"))).toEqual(["g", "r"]);
    expect(toArray(f.toFlat("lc").column("band"))).toEqual(["x", "x"]);
  });
});
