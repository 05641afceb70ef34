import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { checkNested, filterNestedRows, nestedCount, nestedSizes, takeNested } from "../../src/frame/nested-column.js";

const lc = () => ({ offsets: Int32Array.of(0, 2, 2, 5), fields: { x: makeColumn(new Float64Array([1, 2, 3, 4, 5])) } });

describe("nested columns", () => {
  it("report sizes and counts from the offsets", () => {
    expect(Array.from(nestedSizes(lc()))).toEqual([2, 0, 3]);
    expect(nestedCount(lc())).toBe(5);
  });

  it("take a contiguous run of objects as a zero-copy slice with offsets not starting at 0", () => {
    const src = lc();
    const t = takeNested(src, Int32Array.of(1, 2));
    expect(Array.from(t.offsets)).toEqual([2, 2, 5]);
    expect(t.fields).toBe(src.fields);
    // filtering such a slice re-bases it: offsets from 0, only the slice's observations
    const all = filterNestedRows(t, new Uint8Array(3).fill(1));
    expect(Array.from(all.offsets)).toEqual([0, 0, 3]);
    expect(toArray(all.fields.x!)).toEqual([3, 4, 5]);
  });

  it("take objects in any order by gathering their observations", () => {
    const t = takeNested(lc(), Int32Array.of(2, 0));
    expect(Array.from(t.offsets)).toEqual([0, 3, 5]);
    expect(toArray(t.fields.x!)).toEqual([3, 4, 5, 1, 2]);
  });

  it("filter observations, leaving empty light curves in place", () => {
    const f = filterNestedRows(lc(), Uint8Array.of(0, 0, 1, 0, 1));
    expect(Array.from(f.offsets)).toEqual([0, 0, 0, 2]);
    expect(toArray(f.fields.x!)).toEqual([3, 5]);
  });

  it("name the column and field that break the invariants", () => {
    expect(() => checkNested("lc", { offsets: Int32Array.of(0, 3, 2), fields: {} })).toThrow(/"lc": offsets decrease at object 1/);
    expect(() => checkNested("lc", { offsets: Int32Array.of(0, 3), fields: { x: makeColumn([1]) } })).toThrow(/field "x" has 1 values, offsets need 3/);
  });
});
