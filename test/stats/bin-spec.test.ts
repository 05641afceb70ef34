import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { MAX_BINS, bins, formatBinSpec, parseBinSpec, sameBins } from "../../src/stats/bin-spec.js";

describe("bins(lo, hi, width)", () => {
  it("bins(-10, 10, 0.1) has 200 bins", () => {
    expect(bins(-10, 10, 0.1)).toEqual({ lo: -10, hi: 10, width: 0.1, count: 200 });
  });

  it("counts bins as Math.round((hi - lo) / width), so a width off by rounding still divides", () => {
    // (1 - 0) / 0.1 is 10 exactly, (0.3 - 0) / 0.1 is 2.9999999999999996.
    expect(bins(0, 0.3, 0.1).count).toBe(3);
    expect(bins(0, 1, 0.1).count).toBe(10);
    expect(bins(-5.5, 5.5, 0.25).count).toBe(44);
  });

  it("rejects hi <= lo, width <= 0 and non-finite numbers, saying which", () => {
    expect(() => bins(1, 1, 0.1)).toThrow(/hi \(1\) must be greater than lo \(1\)/);
    expect(() => bins(2, 1, 0.1)).toThrow(ArgumentError);
    expect(() => bins(0, 1, 0)).toThrow(/width must be positive, got 0/);
    expect(() => bins(0, 1, -0.1)).toThrow(/width must be positive/);
    expect(() => bins(NaN, 1, 0.1)).toThrow(/lo must be a finite number, got NaN/);
    expect(() => bins(0, Infinity, 0.1)).toThrow(/hi must be a finite number/);
  });

  it("rejects a width that does not divide the range to within 1e-9 relative", () => {
    expect(() => bins(0, 1, 0.3)).toThrow(/width 0.3 does not divide hi - lo = 1/);
    expect(() => bins(0, 1, 0.5 * (1 + 1e-8))).toThrow(ArgumentError);
    expect(bins(0, 1, 0.5 * (1 + 1e-10)).count).toBe(2);
    expect(() => bins(0, 1, 2)).toThrow(/does not divide/);
  });

  it("allows 10 million bins and no more", () => {
    expect(bins(0, MAX_BINS, 1).count).toBe(10_000_000);
    expect(() => bins(0, MAX_BINS + 1, 1)).toThrow(/10000001 bins, more than the 10000000 allowed/);
    expect(() => bins(0, 1, 1e-300)).toThrow(/more than the 10000000 allowed/);
  });
});

describe("parseBinSpec(spec)", () => {
  it("reads the CLI form lo:hi:width", () => {
    expect(parseBinSpec("-10:10:0.1")).toEqual(bins(-10, 10, 0.1));
    expect(parseBinSpec(" -1e1 : +10 : .5 ")).toEqual({ lo: -10, hi: 10, width: 0.5, count: 40 });
  });

  it("names the spec and what was expected for malformed input", () => {
    expect(() => parseBinSpec("-10:10")).toThrow(/Bad bin spec "-10:10": expected three numbers lo:hi:width/);
    expect(() => parseBinSpec("-10:10:0.1:2")).toThrow(/expected three numbers/);
    expect(() => parseBinSpec("a:10:0.1")).toThrow(/Bad bin spec "a:10:0.1": lo "a" is not a finite decimal number/);
    expect(() => parseBinSpec("-10::0.1")).toThrow(/hi "" is not a finite decimal number/);
    expect(() => parseBinSpec("0:0x10:1")).toThrow(/hi "0x10"/);
    expect(() => parseBinSpec("0:Infinity:1")).toThrow(/hi "Infinity"/);
    expect(() => parseBinSpec("10:-10:0.1")).toThrow(/Bad bin spec "10:-10:0.1": hi \(-10\) must be greater than lo \(10\)/);
    expect(() => parseBinSpec("0:1:0")).toThrow(/width must be positive/);
    expect(() => parseBinSpec("0:1:0.3")).toThrow(/does not divide/);
    expect(() => parseBinSpec("0:1e8:1")).toThrow(/more than the 10000000 allowed/);
  });

  it("reads back what formatBinSpec writes", () => {
    for (const s of [bins(-10, 10, 0.1), bins(0.1, 0.7, 0.2), bins(-1e-5, 3e-5, 1e-6)]) {
      expect(parseBinSpec(formatBinSpec(s))).toEqual(s);
    }
  });
});

describe("sameBins(a, b)", () => {
  it("is true only for identical lo, hi, width and count", () => {
    expect(sameBins(bins(-10, 10, 0.1), parseBinSpec("-10:10:0.1"))).toBe(true);
    expect(sameBins(bins(-10, 10, 0.1), bins(-10, 10, 0.2))).toBe(false);
    expect(sameBins(bins(-10, 10, 0.1), bins(-10, 10.1, 0.1))).toBe(false);
    expect(sameBins(bins(-10, 10, 0.1), bins(-9.9, 10, 0.1))).toBe(false);
  });
});
