import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { median, medianInPlace, quantile, quantileInPlace, withoutNaN } from "../../src/stats/quantile.js";

// 20 values (even n) and the same plus an outlier (odd n).
const SAMPLE = [0.31, -1.27, 2.05, 0.88, -0.44, 3.9, 1.12, -2.6, 0.05, 0.73, 5.5, -0.91, 1.47, 0.2, -0.06, 2.33, -1.8, 0.64, 7.25, -0.35];
const WITH_OUTLIER = [...SAMPLE, 100];
const PS = [0, 0.05, 0.1, 0.25, 1 / 3, 0.5, 0.77, 0.9, 0.99, 1];

/** Type 7 by a full sort, with numpy's two-sided lerp: the reference for the selection. */
function sortedQuantile(values: readonly number[], p: number): number {
  const s = Float64Array.from(values).sort();
  const h = (s.length - 1) * p;
  const k = Math.floor(h);
  const t = h - k;
  if (t === 0) return s[k]!;
  const d = s[k + 1]! - s[k]!;
  return t >= 0.5 ? s[k + 1]! - d * (1 - t) : s[k]! + d * t;
}

describe("quantile(values, p)", () => {
  it("matches numpy's default quantile bit for bit on a fixed sample", () => {
    // numpy 2.4.6 (with scipy 1.17.1): [float(np.quantile(SAMPLE, p)) for p in PS]
    expect(PS.map((p) => quantile(SAMPLE, p))).toEqual([-2.6, -1.84, -1.323, -0.3725, -0.023333333333333366, 0.475, 1.8354000000000004, 4.060000000000002, 6.917499999999998, 7.25]);
    // numpy 2.4.6: [float(np.quantile(SAMPLE + [100], p)) for p in PS]
    expect(PS.map((p) => quantile(WITH_OUTLIER, p))).toEqual([-2.6, -1.8, -1.27, -0.35, 0.013333333333333273, 0.64, 2.162, 5.5, 81.45000000000007, 100]);
  });

  it("skips NaN as np.nanquantile does and handles ties", () => {
    expect(quantile([3, NaN, 1, 2], 0.4)).toBe(1.8); // np.nanquantile([3, nan, 1, 2], 0.4)
    expect(quantile([1, 1, 2, 2, 2, 9], 0.3)).toBe(1.5); // np.quantile(..., 0.3)
    expect(quantile(Float32Array.of(2, 4), 0.5)).toBe(3);
  });

  it("is NaN for an empty or all-NaN sample and rejects p outside [0, 1]", () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantile([NaN, NaN], 0.5)).toBeNaN();
    expect(() => quantile([1, 2], -0.1)).toThrow(ArgumentError);
    expect(() => quantile([1, 2], NaN)).toThrow(/p must be in \[0, 1\], got NaN/);
  });

  it("keeps ±Infinity as extreme values", () => {
    expect(quantile([-Infinity, 1, 2, Infinity], 0.5)).toBe(1.5);
    expect(quantile([1, Infinity], 1)).toBe(Infinity);
  });

  it("does not modify its input", () => {
    const x = Float64Array.of(3, 1, 2);
    quantile(x, 0.5);
    expect(Array.from(x)).toEqual([3, 1, 2]);
  });

  it("agrees with a full sort on random samples", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, p) => {
        // + 0: selection may return -0 where the sort gives 0 (they compare equal).
        expect(quantile(values, p) + 0).toBe(sortedQuantile(values, p) + 0);
      }),
    );
  });
});

describe("quantileInPlace and medianInPlace", () => {
  it("read only a[0..n), leaving the rest alone", () => {
    const a = Float64Array.of(5, 1, 3, -100, 100);
    expect(quantileInPlace(a, 3, 1)).toBe(5);
    expect(Array.from(a.subarray(3))).toEqual([-100, 100]);
    expect(medianInPlace(Float64Array.of(4, 2, 100), 2)).toBe(3);
    expect(medianInPlace(new Float64Array(0), 0)).toBeNaN();
  });
});

describe("median(values)", () => {
  it("matches np.median for even and odd counts", () => {
    expect(median(SAMPLE)).toBe(0.475); // np.median(SAMPLE)
    expect(median(WITH_OUTLIER)).toBe(0.64); // np.median(SAMPLE + [100])
    expect(median([5, 1, NaN, 3])).toBe(3);
    expect(median([NaN])).toBeNaN();
  });

  it("is the mean of the two middle values of a sorted copy", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), (values) => {
        const s = Float64Array.from(values).sort();
        const n = s.length;
        const expected = n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
        expect(median(values) + 0).toBe(expected + 0);
      }),
    );
  });
});

describe("withoutNaN(values)", () => {
  it("copies the non-NaN values to a Float64Array, infinities kept", () => {
    expect(Array.from(withoutNaN([1, NaN, -Infinity, 2]))).toEqual([1, -Infinity, 2]);
    const src = Float64Array.of(1, 2);
    const copy = withoutNaN(src);
    copy[0] = 9;
    expect(src[0]).toBe(1);
  });
});
