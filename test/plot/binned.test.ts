import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { checkedHistogram, histogramTotal } from "../../src/plot/binned.js";
import { Histogram, bins } from "../../src/stats/histogram.js";

describe("histogramTotal", () => {
  it("counts every value a stats Histogram saw except the non-finite ones", () => {
    const h = new Histogram(bins(-1, 1, 0.5));
    h.addAll(Float64Array.of(-3, -1, -0.2, 0, 0.7, 1, 5, NaN, Infinity));
    expect(histogramTotal(h.toJSON())).toBe(7);
  });

  it("treats missing under- and overflow as zero", () => {
    expect(histogramTotal({ lo: 0, width: 1, counts: Float64Array.of(2, 0, 5) })).toBe(7);
  });
});

describe("checkedHistogram", () => {
  it("returns a drawable histogram unchanged", () => {
    const h = { lo: -2, width: 0.25, counts: [1, 2], underflow: 0 };
    expect(checkedHistogram(h, "pulls")).toBe(h);
  });

  it("names the histogram and the bad value", () => {
    expect(() => checkedHistogram({ lo: NaN, width: 1, counts: [] }, "naive pulls")).toThrow(new ArgumentError("naive pulls: lo must be a finite number, got NaN."));
    expect(() => checkedHistogram({ lo: 0, width: 0, counts: [] }, "h")).toThrow("h: width must be a finite number > 0, got 0.");
    expect(() => checkedHistogram({ lo: 0, width: 1, counts: [1, -2] }, "h")).toThrow("h: counts[1] must be a finite count >= 0, got -2.");
    expect(() => checkedHistogram({ lo: 0, width: 1, counts: [1], overflow: NaN }, "h")).toThrow("h: overflow must be a finite count >= 0, got NaN.");
  });
});
