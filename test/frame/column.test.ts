import { describe, expect, it } from "vitest";
import {
  asColumn,
  columnLength,
  concatColumns,
  filterColumn,
  gatherColumn,
  makeColumn,
  sliceColumn,
  toArray,
  toFloat64,
} from "../../src/frame/column.js";

describe("makeColumn", () => {
  it("wraps typed arrays without copying", () => {
    const v = new Float32Array([1, 2]);
    const c = makeColumn(v);
    expect(c.type).toBe("float32");
    expect(c.type !== "dict" && c.values).toBe(v);
    expect(makeColumn(BigInt64Array.of(1n)).type).toBe("int64");
    expect(makeColumn(new Uint8Array(2), "bool").type).toBe("bool");
  });

  it("dictionary-encodes strings in first-seen order and keeps nulls", () => {
    const c = makeColumn(["g", "r", null, "g"]);
    expect(c).toMatchObject({ type: "dict", dictionary: ["g", "r"] });
    expect(toArray(c)).toEqual(["g", "r", null, "g"]);
  });

  it("infers bool, int64 and float64 from plain arrays and turns null into a null", () => {
    expect(toArray(makeColumn([true, false]))).toEqual([true, false]);
    expect(toArray(makeColumn([2n ** 63n - 1n, null]))).toEqual([2n ** 63n - 1n, null]);
    expect(toArray(makeColumn([1.5, null]))).toEqual([1.5, null]);
  });

  it("honours the requested type for an empty or all-null array", () => {
    expect(makeColumn([], "bool").type).toBe("bool");
    expect(makeColumn([], "int64").type).toBe("int64");
    expect(makeColumn([null], "dict").type).toBe("dict");
    expect(makeColumn([], "float32").type).toBe("float32");
  });

  it("refuses mixed and unsupported value types", () => {
    expect(() => makeColumn([1, "a"])).toThrow(/Mixed value types in one column: number and string \(row 1\)/);
    expect(() => makeColumn([{}])).toThrow(/type object/);
  });
});

describe("column kernels", () => {
  const c = makeColumn([10, null, 30, 40]);

  it("gather takes rows in the given order with their validity", () => {
    expect(toArray(gatherColumn(c, Int32Array.of(3, 1, 0)))).toEqual([40, null, 10]);
  });

  it("gather and filter copy int64 values bit for bit, including the extremes", () => {
    const ids = makeColumn(BigInt64Array.of(-(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n + 1n, -1n));
    expect(toArray(gatherColumn(ids, Int32Array.of(3, 2, 1, 0, 2)))).toEqual([-1n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n]);
    expect(toArray(filterColumn(ids, Uint8Array.of(0, 1, 1, 0)))).toEqual([2n ** 63n - 1n, 2n ** 53n + 1n]);
    expect(toArray(gatherColumn(sliceColumn(ids, 1, 4), Int32Array.of(2, 0)))).toEqual([-1n, 2n ** 63n - 1n]);
  });

  it("filter keeps rows whose mask is set", () => {
    expect(toArray(filterColumn(c, Uint8Array.of(0, 1, 1, 0)))).toEqual([null, 30]);
  });

  it("slice is a zero-copy view", () => {
    const s = sliceColumn(c, 1, 3);
    expect(columnLength(s)).toBe(2);
    expect(s.type !== "dict" && s.values.buffer).toBe(c.type !== "dict" && c.values.buffer);
  });

  it("concat unifies dictionaries and fills validity", () => {
    const d = concatColumns([makeColumn(["g", "r"]), makeColumn(["i", "g", null])]);
    expect(toArray(d)).toEqual(["g", "r", "i", "g", null]);
    expect(d.type === "dict" && d.dictionary).toEqual(["g", "r", "i"]);
    expect(toArray(concatColumns([makeColumn(BigInt64Array.of(1n)), makeColumn([2n, null])]))).toEqual([1n, 2n, null]);
  });

  it("concat refuses different types, naming both", () => {
    expect(() => concatColumns([makeColumn(new Float32Array(1)), makeColumn(new Float64Array(1))], "psfFlux")).toThrow(
      /Cannot concatenate psfFlux: type float32 vs float64/,
    );
  });

  it("toFloat64 maps nulls to NaN and refuses int64 (ids are not numbers)", () => {
    expect(Array.from(toFloat64(c))).toEqual([10, NaN, 30, 40]);
    expect(() => toFloat64(makeColumn(BigInt64Array.of(1n)), "objectId")).toThrow(/"objectId" is int64/);
  });

  it("asColumn passes Columns through and wraps arrays", () => {
    expect(asColumn(c)).toBe(c);
    expect(asColumn([1, 2]).type).toBe("float64");
  });
});
