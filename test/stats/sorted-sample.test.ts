import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { sortedSample } from "../../src/stats/sorted-sample.js";

describe("sortedSample", () => {
  it("sortedSample returns a sorted float64 copy and leaves its input alone", () => {
    const input = Float32Array.of(3, -1, Infinity, 0.5, -Infinity);
    const out = sortedSample(input, "t");
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual([-Infinity, -1, 0.5, 3, Infinity]);
    expect(Array.from(input)).toEqual([3, -1, Infinity, 0.5, -Infinity]);
  });

  it("sortedSample rejects an empty sample and says how many values are NaN", () => {
    expect(() => sortedSample([], "myTest")).toThrow(ArgumentError);
    expect(() => sortedSample([], "myTest")).toThrow(/^myTest: the sample is empty/);
    expect(() => sortedSample([1, NaN, 2, NaN, NaN], "myTest")).toThrow(/myTest: 3 of 5 values are NaN/);
  });
});
