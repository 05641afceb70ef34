import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { bins } from "../../src/stats/bin-spec.js";
import { Histogram } from "../../src/stats/histogram.js";
import { Random } from "../../src/stats/random.js";
import { mergeAlongRandomTree, splitAt } from "./helpers/merge-tree.js";

/** Counts per bin as a plain array, for readable equality. */
const countsOf = (h: Histogram): number[] => Array.from(h.counts);

/** The bin of each value by the reference formula, with -1/-2/-3 for under/overflow/non-finite. */
function referenceBins(values: readonly number[], lo: number, width: number, count: number): number[] {
  return values.map((x) => {
    if (!Number.isFinite(x)) return -3;
    const k = Math.floor((x - lo) / width);
    return k < 0 ? -1 : k >= count ? -2 : k;
  });
}

describe("Histogram binning", () => {
  it("counts a hand-made sample bin by bin, with under/overflow and non-finite values apart", () => {
    const h = new Histogram(bins(0, 2, 0.5));
    h.addAll([0, 0.25, 0.4999999999999999, 0.5, 0.75, 1, 1.5, 1.9999999999999998, 2, 2.5, -0.5, -1e-300, NaN, Infinity, -Infinity]);
    expect(countsOf(h)).toEqual([3, 2, 1, 2]);
    expect([h.underflow, h.overflow, h.nonFinite]).toEqual([2, 2, 3]);
    expect(h.total).toBe(8);
  });

  it("puts x = lo in bin 0, x = hi in overflow and x just below an edge in the bin below it", () => {
    const h = new Histogram(bins(-1, 1, 0.5));
    h.add(-1);
    expect(countsOf(h)).toEqual([1, 0, 0, 0]);
    h.add(1);
    expect(h.overflow).toBe(1);
    h.add(-0.5000000000000001); // largest double below the edge -0.5
    h.add(-0.5);
    expect(countsOf(h)).toEqual([2, 1, 0, 0]);
    h.add(-1.0000000000000002); // just below lo
    expect(h.underflow).toBe(1);
  });

  it("uses Math.floor((x + 10) / 0.1) for bins(-10, 10, 0.1), rounding included", () => {
    const h = new Histogram(bins(-10, 10, 0.1));
    expect(h.spec.count).toBe(200);
    const cases: Array<[number, number]> = [
      [-10, 0],
      [-9.9, 0], // (-9.9 + 10) / 0.1 = 0.9999999999999964: the value -9.9 lands in bin 0, not 1
      [0.3, 103], // 10.3 / 0.1 = 103 exactly
      [0.1, 100], // 10.1 / 0.1 = 100.99999999999999
      [-0.1, 99],
      [2.9999999, 129], // 129.999999
      [9.95, 199],
    ];
    for (const [x, k] of cases) {
      const one = new Histogram(h.spec);
      one.add(x);
      expect(Array.from(one.counts).indexOf(1), `x = ${x}`).toBe(k);
      expect(Math.floor((x + 10) / 0.1)).toBe(k);
    }
    const top = new Histogram(h.spec);
    top.addAll([10, 9.999999999999998]); // (9.999999999999998 + 10) / 0.1 rounds to 200: overflow
    expect([top.total, top.overflow]).toEqual([0, 2]);
  });

  it("agrees bin for bin with Math.floor((x - lo) / width) on random values near the edges", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -12, max: 12 }), fc.integer({ min: -120, max: 120 }).map((k) => k / 10)), { maxLength: 200 }),
        (values) => {
          const spec = bins(-10, 10, 0.1);
          const h = new Histogram(spec);
          h.addAll(values);
          const expected = new Array<number>(spec.count).fill(0);
          let under = 0;
          let over = 0;
          let bad = 0;
          for (const k of referenceBins(values, spec.lo, spec.width, spec.count)) {
            if (k >= 0) expected[k]!++;
            else if (k === -1) under++;
            else if (k === -2) over++;
            else bad++;
          }
          expect(countsOf(h)).toEqual(expected);
          expect([h.underflow, h.overflow, h.nonFinite]).toEqual([under, over, bad]);
        },
      ),
    );
  });

  it("addAll adds only where mask[i] === 1 and matches add() one by one", () => {
    const values = Float32Array.of(0.1, 0.6, 1.2, NaN, 5, -3);
    const masked = new Histogram(bins(0, 2, 0.5));
    masked.addAll(values, Uint8Array.of(1, 0, 1, 1, 2, 1));
    expect(countsOf(masked)).toEqual([1, 0, 1, 0]);
    expect([masked.underflow, masked.overflow, masked.nonFinite]).toEqual([1, 0, 1]);
    const all = new Histogram(bins(0, 2, 0.5));
    all.addAll(values);
    const one = new Histogram(bins(0, 2, 0.5));
    for (const x of values) one.add(x);
    expect(all.toJSON()).toEqual(one.toJSON());
    expect(() => all.addAll(values, new Uint8Array(3))).toThrow(/mask has 3 entries but there are 6 values/);
  });

  it("bins float32 values by their exact float64 value", () => {
    const f = Float32Array.of(0.1); // 0.10000000149011612
    const h = new Histogram(bins(0, 1, 0.1));
    h.addAll(f);
    expect(Array.from(h.counts).indexOf(1)).toBe(Math.floor(f[0]! / 0.1));
  });
});

describe("Histogram edges and centres", () => {
  it("edges() are lo + k * width, count + 1 of them; centres are the bin middles", () => {
    const h = new Histogram(bins(-10, 10, 0.1));
    const e = h.edges();
    expect(e.length).toBe(201);
    expect(e[0]).toBe(-10);
    expect(e[3]).toBe(-10 + 3 * 0.1);
    expect(e[200]).toBe(-10 + 200 * 0.1);
    expect(Array.from(new Histogram(bins(0, 1, 0.25)).centers())).toEqual([0.125, 0.375, 0.625, 0.875]);
  });
});

describe("Histogram.merge", () => {
  it("adds counts exactly, including under/overflow and non-finite", () => {
    const a = new Histogram(bins(0, 1, 0.5));
    const b = new Histogram(bins(0, 1, 0.5));
    a.addAll([0.1, 0.2, -1, NaN]);
    b.addAll([0.7, 0.1, 3, 4]);
    expect(a.merge(b)).toBe(a);
    expect(countsOf(a)).toEqual([3, 1]);
    expect([a.underflow, a.overflow, a.nonFinite]).toEqual([1, 2, 1]);
    expect(countsOf(b)).toEqual([1, 1]);
  });

  it("refuses histograms over different bins and names both", () => {
    const a = new Histogram(bins(-10, 10, 0.1));
    const b = new Histogram(bins(-10, 10, 0.2));
    expect(() => a.merge(b)).toThrow(ArgumentError);
    expect(() => a.merge(b)).toThrow(/-10:10:0.1 \(200 bins\) and -10:10:0.2 \(100 bins\)/);
  });

  it("gives the whole sample's histogram however the sample is split and the pieces merged", () => {
    const value = fc.oneof(fc.double({ min: -11, max: 11 }), fc.constantFrom(-10, 10, 0, 0.1, -9.9, NaN, Infinity, -Infinity));
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (values, cuts, order) => {
          const spec = bins(-10, 10, 0.1);
          const whole = new Histogram(spec);
          whole.addAll(values);
          const pieces = splitAt(values, cuts).map((piece) => {
            const h = new Histogram(spec);
            h.addAll(piece);
            return h;
          });
          expect(mergeAlongRandomTree(pieces, order).toJSON()).toEqual(whole.toJSON());
        },
      ),
    );
  });
});

describe("Histogram.quantile", () => {
  it("interpolates linearly inside the bin holding the rank", () => {
    const h = new Histogram(bins(0, 4, 1));
    h.addAll([0.5, 1.5, 1.5, 2.5]);
    expect(h.quantile(0)).toBe(0);
    expect(h.quantile(0.25)).toBe(1);
    expect(h.quantile(0.5)).toBe(1.5);
    expect(h.quantile(0.875)).toBe(2.5);
    expect(h.quantile(1)).toBe(3);
  });

  it("is -Infinity or +Infinity when the rank falls in the underflow or overflow", () => {
    const h = new Histogram(bins(0, 1, 0.5));
    h.addAll([-5, 0.2, 0.7, 9, NaN]);
    expect(h.quantile(0.25)).toBe(-Infinity);
    expect(h.quantile(0.5)).toBe(0.5);
    expect(h.quantile(0.76)).toBe(Infinity);
  });

  it("is NaN when empty and rejects p outside [0, 1]", () => {
    const h = new Histogram(bins(0, 1, 0.5));
    expect(h.quantile(0.5)).toBeNaN();
    expect(() => h.quantile(1.5)).toThrow(/p must be in \[0, 1\], got 1.5/);
    expect(() => h.quantile(NaN)).toThrow(ArgumentError);
  });

  it("recovers a normal sample's quartiles to within a bin width", () => {
    const rng = new Random(7);
    const h = new Histogram(bins(-5, 5, 0.05));
    for (let i = 0; i < 20_000; i++) h.add(rng.normal(0, 1));
    // Φ⁻¹(0.75) = 0.6744897501960817; sampling error at n = 2e4 is ~0.01.
    expect(Math.abs(h.quantile(0.75) - 0.6744897501960817)).toBeLessThan(0.05);
    expect(Math.abs(h.quantile(0.25) + 0.6744897501960817)).toBeLessThan(0.05);
  });
});

describe("Histogram JSON", () => {
  it("has the documented shape", () => {
    const h = new Histogram(bins(-1, 1, 1));
    h.addAll([-0.5, 0.5, 0.5, 1, -2, NaN]);
    expect(h.toJSON()).toEqual({ lo: -1, hi: 1, width: 1, edges: [-1, 0, 1], counts: [1, 2], underflow: 1, overflow: 1, nonFinite: 1 });
  });

  it("round-trips exactly through JSON text", () => {
    const rng = new Random(3);
    const h = new Histogram(bins(-10, 10, 0.1));
    for (let i = 0; i < 5000; i++) h.add(rng.normal(0, 4));
    h.add(NaN);
    const back = Histogram.fromJSON(JSON.parse(JSON.stringify(h)));
    expect(back.spec).toEqual(h.spec);
    expect(back.counts).toEqual(h.counts);
    expect(back.toJSON()).toEqual(h.toJSON());
    expect(back.merge(h).total).toBe(2 * h.total);
  });

  it("rejects JSON that is not a histogram, saying what is wrong", () => {
    const good = (() => {
      const h = new Histogram(bins(0, 1, 0.5));
      h.add(0.2);
      return h.toJSON();
    })();
    expect(() => Histogram.fromJSON(null)).toThrow(/Bad histogram JSON: got null/);
    expect(() => Histogram.fromJSON({ ...good, lo: "0" })).toThrow(/"lo" is not a number/);
    expect(() => Histogram.fromJSON({ ...good, hi: undefined })).toThrow(/"hi" is missing/);
    expect(() => Histogram.fromJSON({ ...good, width: 0.3 })).toThrow(/does not divide/);
    expect(() => Histogram.fromJSON({ ...good, counts: [1] })).toThrow(/1 counts for 2 bins/);
    expect(() => Histogram.fromJSON({ ...good, counts: [1, -1] })).toThrow(/counts\[1\] is -1, not a non-negative integer/);
    expect(() => Histogram.fromJSON({ ...good, counts: [1, 0.5] })).toThrow(/counts\[1\] is 0.5/);
    expect(() => Histogram.fromJSON({ ...good, edges: [0, 0.5, 1.0000001] })).toThrow(/"edges" are not the 3 values lo \+ k·width/);
    expect(() => Histogram.fromJSON({ ...good, overflow: null })).toThrow(/overflow is null/);
    expect(Histogram.fromJSON(good).toJSON()).toEqual(good);
  });
});

describe("Histogram construction and copies", () => {
  it("checks a hand-written spec's count", () => {
    expect(() => new Histogram({ lo: 0, hi: 1, width: 0.5, count: 3 })).toThrow(/count 3 should be 2/);
    expect(() => new Histogram({ lo: 0, hi: 1, width: 0, count: 3 })).toThrow(/width must be positive/);
  });

  it("clone() is independent of the original", () => {
    const h = new Histogram(bins(0, 1, 0.5));
    h.add(0.2);
    const c = h.clone();
    c.addAll([0.2, 5, NaN]);
    expect([h.total, h.overflow, h.nonFinite]).toEqual([1, 0, 0]);
    expect([c.total, c.overflow, c.nonFinite]).toEqual([2, 1, 1]);
  });
});
