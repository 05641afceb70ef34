import { describe, expect, it } from "vitest";
import { absolute, arithmetic, isFiniteMask, isNaNMask, isNullMask, negate } from "../../src/expr/arith-kernels.js";
import { type Int64Value, type NumValue, scalarOf } from "../../src/expr/values.js";

const nums = (values: number[], valid?: number[]): NumValue => ({ kind: "number", values: Float64Array.from(values), valid: valid && Uint8Array.from(valid) });
const lit = (x: number) => scalarOf(x) as NumValue;

describe("arithmetic", () => {
  it("computes + - * / row by row and against literals on either side", () => {
    const a = nums([6, 8]);
    const b = nums([2, 4]);
    expect(Array.from(arithmetic("+", a, b, 2).values)).toEqual([8, 12]);
    expect(Array.from(arithmetic("-", a, lit(1), 2).values)).toEqual([5, 7]);
    expect(Array.from(arithmetic("-", lit(1), a, 2).values)).toEqual([-5, -7]);
    expect(Array.from(arithmetic("/", lit(24), a, 2).values)).toEqual([4, 3]);
    expect(Array.from(arithmetic("*", a, b, 2).values)).toEqual([12, 32]);
  });

  it("follows IEEE for division by zero", () => {
    expect(Array.from(arithmetic("/", nums([1, 0]), lit(0), 2).values)).toEqual([Infinity, NaN]);
  });

  it("propagates nulls from either operand", () => {
    expect(Array.from(arithmetic("+", nums([1, 2], [0, 1]), nums([1, 2], [1, 1]), 2).valid!)).toEqual([0, 1]);
  });

  it("converts int64 to float64 for arithmetic", () => {
    const ids: Int64Value = { kind: "int64", values: BigInt64Array.of(3n) };
    expect(arithmetic("*", ids, lit(0.5), 1).values[0]).toBe(1.5);
  });
});

describe("negate and absolute", () => {
  it("keep int64 exact", () => {
    const ids: Int64Value = { kind: "int64", values: BigInt64Array.of(-(2n ** 60n) - 1n) };
    expect(absolute(ids).values[0]).toBe(2n ** 60n + 1n);
    expect(negate(ids).values[0]).toBe(2n ** 60n + 1n);
  });

  it("work on floats and keep nulls", () => {
    expect(absolute(nums([-1.5, 2])).values).toEqual(Float64Array.of(1.5, 2));
    expect(negate(nums([1], [0])).valid).toEqual(Uint8Array.of(0));
  });
});

describe("isnan, isfinite, isnull", () => {
  const x = nums([1, NaN, Infinity, 5], [1, 1, 1, 0]);
  it("isnan is true only for present NaN", () => expect(Array.from(isNaNMask(x))).toEqual([0, 1, 0, 0]));
  it("isfinite is false for NaN, ±Infinity and nulls", () => expect(Array.from(isFiniteMask(x))).toEqual([1, 0, 0, 0]));
  it("isnull is true only for nulls, not for NaN", () => expect(Array.from(isNullMask(x))).toEqual([0, 0, 0, 1]));
});
