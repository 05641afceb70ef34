import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { isFiniteNumber, isNumber, isTally, readJsonObject } from "../../src/stats/json-fields.js";

const SHAPE = "Thing.toJSON(): { n, x }";
const notTally = (shown: string): string => `${shown}, not a non-negative integer`;

describe("readJsonObject", () => {
  it("rejects anything but a plain object, saying what it got", () => {
    expect(() => readJsonObject(null, "thing", SHAPE)).toThrow(new ArgumentError(`Bad thing JSON: got null. Expected the output of ${SHAPE}.`));
    expect(() => readJsonObject([1], "thing", SHAPE)).toThrow(/Bad thing JSON: got an array\./);
    expect(() => readJsonObject("{}", "thing", SHAPE)).toThrow(/Bad thing JSON: got string\./);
    expect(() => readJsonObject(undefined, "thing", SHAPE)).toThrow(ArgumentError);
  });

  it("returns a field that passes its check and names a missing or wrong one", () => {
    const j = readJsonObject({ n: 2, x: "1", z: null }, "thing", SHAPE);
    expect(j.field("n", isTally, notTally)).toBe(2);
    expect(() => j.field("m", isTally, notTally)).toThrow(new ArgumentError(`Bad thing JSON: "m" is missing. Expected the output of ${SHAPE}.`));
    expect(() => j.field("x", isTally, notTally)).toThrow(new ArgumentError(`Bad thing JSON: "x" is "1", not a non-negative integer. Expected the output of ${SHAPE}.`));
    expect(() => j.field("z", isNumber, (s) => `not a number (${s})`)).toThrow(/"z" is not a number \(null\)\./);
    expect(j.fields["z"]).toBeNull();
    expect(() => j.bad("something else")).toThrow(new ArgumentError(`Bad thing JSON: something else. Expected the output of ${SHAPE}.`));
  });
});

describe("the field checks", () => {
  it("accept counts, numbers and finite numbers only", () => {
    expect([0, 3, 2 ** 53 - 1].every(isTally)).toBe(true);
    expect([-1, 0.5, 2 ** 53, NaN, "3", null, undefined].some(isTally)).toBe(false);
    expect([0.5, NaN, Infinity].every(isNumber)).toBe(true);
    expect(["0.5", null, undefined].some(isNumber)).toBe(false);
    expect([0.5, -1e308].every(isFiniteNumber)).toBe(true);
    expect([NaN, Infinity, -Infinity, "1"].some(isFiniteNumber)).toBe(false);
  });
});
