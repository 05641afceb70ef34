import { describe, expect, it } from "vitest";
import { logical, logicalNot } from "../../src/expr/logic-kernels.js";
import { type BoolValue, scalarOf } from "../../src/expr/values.js";

const flags = (values: number[], valid?: number[]): BoolValue => ({ kind: "bool", values: Uint8Array.from(values), valid: valid && Uint8Array.from(valid) });

describe("logical", () => {
  it("computes and/or row by row", () => {
    expect(Array.from(logical("and", flags([1, 1, 0]), flags([1, 0, 0]), 3).values)).toEqual([1, 0, 0]);
    expect(Array.from(logical("or", flags([1, 1, 0]), flags([1, 0, 0]), 3).values)).toEqual([1, 1, 0]);
  });

  it("broadcasts a literal true/false", () => {
    expect(Array.from(logical("or", flags([0, 1]), scalarOf(true) as BoolValue, 2).values)).toEqual([1, 1]);
    expect(Array.from(logical("and", scalarOf(false) as BoolValue, flags([0, 1]), 2).values)).toEqual([0, 0]);
  });

  it("reads a null or non-0/1 flag byte as false and true respectively", () => {
    expect(Array.from(logical("and", flags([1, 2]), flags([1, 1], [0, 1]), 2).values)).toEqual([0, 1]);
  });
});

describe("logicalNot", () => {
  it("negates, so a null flag becomes true (two-valued logic)", () => {
    expect(Array.from(logicalNot(flags([1, 0, 1], [1, 1, 0])).values)).toEqual([0, 1, 1]);
  });
});
