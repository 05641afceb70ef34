import { describe, expect, it } from "vitest";
import { madSigma, madSigmaSorted } from "../../src/stats/robust-sigma.js";
import { checkSortedRange, sortedArray, sortedValueAt } from "../../src/stats/sorted-values.js";

describe("sortedArray", () => {
  it("reads blocks as views of the array, by position", () => {
    const x = Float64Array.of(-2, 0, 1, 1, 7);
    const s = sortedArray(x);
    expect(s.length).toBe(5);
    const block = s.read(1, 3);
    expect(Array.from(block)).toEqual([0, 1, 1]);
    expect(block.buffer).toBe(x.buffer); // no copy
    expect(sortedValueAt(s, 4)).toBe(7);
    expect(s.read(5, 0).length).toBe(0);
  });

  it("refuses a range outside the values", () => {
    const s = sortedArray(Float64Array.of(1, 2));
    expect(() => s.read(1, 2)).toThrow("SortedValues.read(1, 2): a range within the 2 values is expected.");
    expect(() => checkSortedRange(2, -1, 1)).toThrow(/within the 2 values/);
    expect(() => checkSortedRange(2, 0.5, 1)).toThrow(/within the 2 values/);
  });
});

describe("madSigmaSorted", () => {
  it("is madSigma of the same values, for odd and even sizes, ties and one value", () => {
    // [1, 2, 3, 4, 100]: median 3, deviations [2, 1, 0, 1, 97], their median 1: 1.4826 by hand.
    expect(madSigmaSorted(sortedArray(Float64Array.of(1, 2, 3, 4, 100)))).toBe(1.4826);
    // [1, 2, 4, 8]: median 3, deviations [2, 1, 1, 5], their median (1 + 2)/2 = 1.5.
    expect(madSigmaSorted(sortedArray(Float64Array.of(1, 2, 4, 8)))).toBe(1.4826 * 1.5);
    for (const xs of [[5], [3, 3, 3], [-1, 0, 0, 2, 9, 9], [-1e300, 0, 1e300]]) {
      expect(madSigmaSorted(sortedArray(Float64Array.from(xs)))).toBe(madSigma(xs));
    }
    expect(madSigmaSorted(sortedArray(new Float64Array(0)))).toBeNaN();
    expect(madSigmaSorted(sortedArray(Float64Array.of(-Infinity, Infinity)))).toBeNaN(); // the median is not finite
  });
});
