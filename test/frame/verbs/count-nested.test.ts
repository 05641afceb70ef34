import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../../src/frame/column.js";
import { ColumnNotFoundError, SchemaError } from "../../../src/frame/errors.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { sampleFrame } from "./fixtures.js";

describe("countNested", () => {
  it("adds n_<nest> with the observations per object", () => {
    const c = sampleFrame().countNested("lc").column("n_lc");
    expect(c.type).toBe("int32");
    expect(toArray(c)).toEqual([3, 0, 4]);
  });

  it("with by, adds n_<nest>_<value> per dictionary value, in dictionary order", () => {
    const f = sampleFrame().countNested("lc", { by: "band" });
    expect(f.baseNames).toEqual(["objectId", "ra", "n_lc_g", "n_lc_r", "n_lc_i"]);
    expect(toArray(f.column("n_lc_g"))).toEqual([2, 0, 1]);
    expect(toArray(f.column("n_lc_r"))).toEqual([1, 0, 2]);
    expect(toArray(f.column("n_lc_i"))).toEqual([0, 0, 1]);
  });

  it("groups integer fields by value and skips nulls", () => {
    const f = new NestedFrame({ nested: { lc: { offsets: Int32Array.of(0, 3, 4), fields: { visit: makeColumn([7, 9, null, 7], "int32") } } } });
    const out = f.countNested("lc", { by: "visit" });
    expect(toArray(out.column("n_lc_7"))).toEqual([1, 1]);
    expect(toArray(out.column("n_lc_9"))).toEqual([1, 0]);
  });

  it("groups int64 fields exactly past 2^53 and bool fields as true/false, in first-seen order", () => {
    const big = 2n ** 60n;
    const f = new NestedFrame({
      nested: {
        lc: {
          offsets: Int32Array.of(0, 3, 5),
          fields: { visit: makeColumn(BigInt64Array.of(big + 1n, big + 2n, big + 1n, big + 2n, big + 2n)), flag: makeColumn([true, false, false, null, false]) },
        },
      },
    });
    const byVisit = f.countNested("lc", { by: "visit" });
    expect(byVisit.baseNames).toEqual([`n_lc_${big + 1n}`, `n_lc_${big + 2n}`]);
    expect(toArray(byVisit.column(`n_lc_${big + 2n}`))).toEqual([1, 2]);
    const byFlag = f.countNested("lc", { by: "lc.flag" });
    expect(byFlag.baseNames).toEqual(["n_lc_true", "n_lc_false"]);
    expect(toArray(byFlag.column("n_lc_false"))).toEqual([2, 1]);
  });

  it("refuses float fields and names unknown ones", () => {
    expect(() => sampleFrame().countNested("lc", { by: "psfFlux" })).toThrow(SchemaError);
    expect(() => sampleFrame().countNested("lc", { by: "bnd" })).toThrow(ColumnNotFoundError);
  });
});
