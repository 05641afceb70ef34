import { describe, expect, it } from "vitest";
import { ArgumentError, InsufficientDataError } from "../../src/frame/errors.js";
import { sortedSample } from "../../src/stats/sorted-sample.js";
import { thrown } from "./helpers/thrown.js";

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

  it("an empty sample is too little data (InsufficientDataError), a NaN or unsorted one is bad input (plain ArgumentError)", () => {
    expect(() => sortedSample([], "myTest")).toThrow(InsufficientDataError);
    for (const bad of [() => sortedSample([1, NaN], "t"), () => sortedSample([2, 1], "t", { sorted: true })]) {
      const e = thrown(bad);
      expect(e).toBeInstanceOf(ArgumentError);
      expect(e).not.toBeInstanceOf(InsufficientDataError);
    }
  });

  it("with { sorted: true } copies without sorting, and refuses values that do not ascend", () => {
    expect(Array.from(sortedSample([-2, 0, 0, 5], "t", { sorted: true }))).toEqual([-2, 0, 0, 5]);
    expect(() => sortedSample([1, 3, 2], "myTest", { sorted: true })).toThrow(/myTest: \{ sorted: true \} but value 2 \(2\) is below value 1 \(3\)/);
  });
});
