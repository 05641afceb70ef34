import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { columnValue, kindOfColumn, scalarOf, truth } from "../../src/expr/values.js";

describe("values", () => {
  it("maps column types to value kinds", () => {
    expect(kindOfColumn(makeColumn(Float32Array.of(1)))).toBe("number");
    expect(kindOfColumn(makeColumn(Int32Array.of(1)))).toBe("number");
    expect(kindOfColumn(makeColumn(BigInt64Array.of(1n)))).toBe("int64");
    expect(kindOfColumn(makeColumn(Uint8Array.of(1), "bool"))).toBe("bool");
    expect(kindOfColumn(makeColumn(["g"]))).toBe("string");
  });

  it("takes a column's rows as zero-copy views", () => {
    const c = makeColumn([1, null, 3]);
    const v = columnValue(c, 1, 3);
    expect(v.kind === "number" && v.values.buffer).toBe(c.type === "float64" && c.values.buffer);
    expect(Array.from(v.valid!)).toEqual([0, 1]);
  });

  it("keeps integer literals int64 when they fit, else float64", () => {
    expect(scalarOf(2n ** 62n).kind).toBe("int64");
    expect(scalarOf(2n ** 64n).kind).toBe("number");
    expect(scalarOf(1.5).kind).toBe("number");
  });

  it("truth turns nulls and nonzero bytes into a clean 0/1 mask", () => {
    expect(Array.from(truth({ kind: "bool", values: Uint8Array.of(2, 1, 0), valid: Uint8Array.of(1, 0, 1) }))).toEqual([1, 0, 0]);
  });
});
