import { describe, expect, it } from "vitest";
import { compareNumbers, equalStrings, numbersIn, stringsIn } from "../../src/expr/compare-kernels.js";
import { type Int64Value, type NumValue, type StrValue, scalarOf } from "../../src/expr/values.js";

const nums = (values: number[], valid?: number[]): NumValue => ({ kind: "number", values: Float64Array.from(values), valid: valid && Uint8Array.from(valid) });
const ids = (values: bigint[]): Int64Value => ({ kind: "int64", values: BigInt64Array.from(values) });
const lit = (x: number | bigint | string) => scalarOf(x) as NumValue & Int64Value & StrValue;
const arr = (m: Uint8Array): number[] => Array.from(m);

describe("compareNumbers", () => {
  it("compares a column with a literal on either side", () => {
    expect(arr(compareNumbers(">", nums([1, -1, 0]), lit(0), 3))).toEqual([1, 0, 0]);
    expect(arr(compareNumbers(">", lit(0), nums([1, -1, 0]), 3))).toEqual([0, 1, 0]);
  });

  it("treats NaN as IEEE does: false, except for !=", () => {
    expect(arr(compareNumbers("==", nums([NaN]), nums([NaN]), 1))).toEqual([0]);
    expect(arr(compareNumbers("<=", nums([NaN]), lit(1), 1))).toEqual([0]);
    expect(arr(compareNumbers("!=", nums([NaN]), lit(1), 1))).toEqual([1]);
  });

  it("makes every comparison with a null false, != included", () => {
    expect(arr(compareNumbers("!=", nums([1, 2], [1, 0]), lit(5), 2))).toEqual([1, 0]);
    expect(arr(compareNumbers("==", nums([1, 2]), nums([1, 2], [0, 1]), 2))).toEqual([0, 1]);
  });

  it("compares int64 exactly past 2^53, with bigints and with floats", () => {
    const big = ids([2n ** 60n + 1n, 2n ** 60n + 2n]);
    expect(arr(compareNumbers("==", big, lit(2n ** 60n + 2n), 2))).toEqual([0, 1]);
    expect(arr(compareNumbers(">", big, lit(2 ** 60), 2))).toEqual([1, 1]);
    expect(arr(compareNumbers("==", big, nums([2 ** 60, 2 ** 60]), 2))).toEqual([0, 0]);
  });

  it("gives a single row when both sides are literals", () => {
    expect(arr(compareNumbers("<", lit(1), lit(2), 99))).toEqual([1]);
  });
});

describe("equalStrings and stringsIn", () => {
  const band: StrValue = { kind: "string", codes: Int32Array.of(0, 1, 0, 2), dictionary: ["g", "r", "i"], valid: Uint8Array.of(1, 1, 1, 0) };

  it("matches a literal through the dictionary codes; an absent literal matches nothing", () => {
    expect(arr(equalStrings(band, lit("g"), false, 4))).toEqual([1, 0, 1, 0]);
    expect(arr(equalStrings(band, lit("z"), false, 4))).toEqual([0, 0, 0, 0]);
    expect(arr(equalStrings(band, lit("g"), true, 4))).toEqual([0, 1, 0, 0]);
  });

  it("compares two columns with different dictionaries by their strings", () => {
    const other: StrValue = { kind: "string", codes: Int32Array.of(1, 1, 0, 0), dictionary: ["r", "g"] };
    expect(arr(equalStrings(band, other, false, 4))).toEqual([1, 0, 0, 0]);
  });

  it("tests membership with one lookup per dictionary entry; nulls are in neither", () => {
    expect(arr(stringsIn(band, new Set(["r", "i"]), false, 4))).toEqual([0, 1, 0, 0]);
    expect(arr(stringsIn(band, new Set(["r", "i"]), true, 4))).toEqual([1, 0, 1, 0]);
  });
});

describe("numbersIn", () => {
  it("ORs exact equalities and keeps nulls out of both in and not in", () => {
    const x = nums([1, 2, 3, 4], [1, 1, 1, 0]);
    expect(arr(numbersIn(x, [lit(1), lit(3)], false, 4))).toEqual([1, 0, 1, 0]);
    expect(arr(numbersIn(x, [lit(1), lit(3)], true, 4))).toEqual([0, 1, 0, 0]);
    expect(arr(numbersIn(x, [], false, 4))).toEqual([0, 0, 0, 0]);
  });
});
