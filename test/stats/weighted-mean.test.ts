import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { Random } from "../../src/stats/random.js";
import { correctedPulls } from "../../src/stats/pulls.js";
import { checkLightCurves, isUsableRow, weightedMeans, weightedSums } from "../../src/stats/weighted-mean.js";
import { simulate } from "./helpers/light-curves.js";

describe("weightedMeans", () => {
  it("gives the inverse-variance weighted mean, its error, the weight sum and the count of a hand-computed light curve", () => {
    // w = 1/e² = [1, 1, 1/4]: W = 9/4, Σ f w = 4, mean = 16/9, meanErr = 1/sqrt(9/4) = 2/3.
    const { mean, meanErr, weightSum, n } = weightedMeans(Int32Array.of(0, 3), Float64Array.of(1, 2, 4), Float64Array.of(1, 1, 2));
    expect(mean[0]).toBeCloseTo(16 / 9, 15);
    expect(meanErr[0]).toBeCloseTo(2 / 3, 15);
    expect(weightSum[0]).toBe(2.25);
    expect(n[0]).toBe(3);
  });

  it("computes the mean as sum(f / (e*e)) / sum(1 / (e*e)) in row order, bit for bit, so an SQL oracle agrees", () => {
    const rng = new Random(7);
    const flux = new Float32Array(200).map(() => rng.normal(1000, 300));
    const err = new Float32Array(200).map(() => rng.uniformRange(1, 50));
    const offsets = Int32Array.of(0, 13, 13, 77, 200);
    const { mean } = weightedMeans(offsets, flux, err);
    for (let i = 0; i < 4; i++) {
      let a = 0;
      let b = 0;
      for (let r = offsets[i]!; r < offsets[i + 1]!; r++) {
        const f = flux[r]!;
        const e = err[r]!;
        a += f / (e * e);
        b += 1 / (e * e);
      }
      expect(Object.is(mean[i], a / b)).toBe(true);
    }
  });

  it("skips NaN or infinite flux and zero, negative, infinite or NaN errors", () => {
    // Only rows 0 and 6 are usable: mean (1 + 5)/2 = 3, W = 2.
    const flux = Float64Array.of(1, NaN, 2, 3, 4, Infinity, 5, 6);
    const err = Float64Array.of(1, 1, 0, -1, Infinity, 1, 1, NaN);
    const { mean, meanErr, weightSum, n } = weightedMeans(Int32Array.of(0, 8), flux, err);
    expect([mean[0], meanErr[0], weightSum[0], n[0]]).toEqual([3, 1 / Math.SQRT2, 2, 2]);
  });

  it("gives NaN for empty light curves and for light curves without a usable row", () => {
    const { mean, meanErr, weightSum, n } = weightedMeans(Int32Array.of(0, 0, 2, 3), Float64Array.of(NaN, 1, 7), Float64Array.of(1, 0, 2));
    expect([...mean]).toEqual([NaN, NaN, 7]);
    expect([...meanErr]).toEqual([NaN, NaN, 2]);
    expect([...weightSum]).toEqual([0, 0, 0.25]);
    expect([...n]).toEqual([0, 0, 1]);
    expect(weightedMeans(Int32Array.of(0), new Float64Array(0), new Float64Array(0)).mean.length).toBe(0);
  });

  it("reads float32 input in place and does all its arithmetic in float64", () => {
    const flux = Float32Array.of(0.1, 0.2, 0.3, 1e7, 1e7 + 1);
    const err = Float32Array.of(0.3, 0.7, 0.11, 3, 3);
    const offsets = Int32Array.of(0, 3, 5);
    const got = weightedMeans(offsets, flux, err);
    const ref = weightedMeans(offsets, Float64Array.from(flux), Float64Array.from(err));
    expect(got).toEqual(ref);
    expect(got.mean[1]).toBe(1e7 + 0.5); // not representable in float32
  });

  it("honours offsets that start past row 0, as a zero-copy slice has", () => {
    const { mean, n } = weightedMeans(Int32Array.of(2, 4), Float64Array.of(99, 99, 1, 3), Float64Array.of(1, 1, 1, 1));
    expect([mean[0], n[0]]).toEqual([2, 2]);
  });

  it("gives a mean whose scatter about the injected truth is meanErr, for correct errors", () => {
    const rng = new Random(2024);
    const nLc = 20_000;
    const offsets = new Int32Array(nLc + 1);
    for (let i = 0; i < nLc; i++) offsets[i + 1] = offsets[i]! + 1 + rng.int(15);
    const flux = new Float64Array(offsets[nLc]!);
    const err = new Float64Array(offsets[nLc]!);
    const truth = new Float64Array(nLc);
    for (let i = 0; i < nLc; i++) {
      truth[i] = rng.uniformRange(-50, 500);
      for (let r = offsets[i]!; r < offsets[i + 1]!; r++) {
        err[r] = rng.uniformRange(0.5, 5);
        flux[r] = rng.normal(truth[i], err[r]);
      }
    }
    const { mean, meanErr } = weightedMeans(offsets, flux, err);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < nLc; i++) {
      const z = (mean[i]! - truth[i]!) / meanErr[i]!;
      s += z;
      s2 += z * z;
    }
    // Independent N(0, 1) draws: SE of the mean 1/sqrt(N), of the mean square sqrt(2/N).
    expect(Math.abs(s / nLc)).toBeLessThan(4 / Math.sqrt(nLc));
    expect(Math.abs(s2 / nLc - 1)).toBeLessThan(4 * Math.sqrt(2 / nLc));
  });
});

describe("weightedSums", () => {
  it("writes Σ f/e² and Σ 1/e² of the usable rows of one light curve and returns their count", () => {
    // Usable rows 1, 2 and 5: Σ f/e² = 2 + 4/4 + 5/16, Σ 1/e² = 1 + 1/4 + 1/16.
    const flux = Float64Array.of(99, 2, 4, NaN, 7, 5, 99);
    const err = Float64Array.of(1, 1, 2, 1, 0, 4, 1);
    const sums = Float64Array.of(123, 456);
    expect(weightedSums(flux, err, 1, 6, sums)).toBe(3);
    expect([...sums]).toEqual([3.3125, 1.3125]);
  });

  it("overwrites its scratch rather than adding to it, and gives zeros for no usable row", () => {
    const sums = Float64Array.of(5, 5);
    expect(weightedSums(Float64Array.of(NaN, 1), Float64Array.of(1, -1), 0, 2, sums)).toBe(0);
    expect([...sums]).toEqual([0, 0]);
    expect(weightedSums(Float64Array.of(1), Float64Array.of(1), 1, 1, sums)).toBe(0);
    expect([...sums]).toEqual([0, 0]);
  });

  it("gives weightedMeans' mean and W bit for bit, and correctedPulls the same values with or without the means", () => {
    const { offsets, flux, err } = simulate(17, 200);
    flux[5] = NaN;
    err[40] = 0;
    const f32 = Float32Array.from(flux);
    const e32 = Float32Array.from(err);
    const wm = weightedMeans(offsets, f32, e32);
    const sums = new Float64Array(2);
    for (let i = 0; i < 200; i++) {
      const k = weightedSums(f32, e32, offsets[i]!, offsets[i + 1]!, sums);
      expect(k).toBe(wm.n[i]);
      expect(Object.is(sums[1], wm.weightSum[i])).toBe(true);
      expect(Object.is(sums[0]! / sums[1]!, wm.mean[i])).toBe(true);
    }
    const own = correctedPulls(offsets, f32, e32);
    const given = correctedPulls(offsets, f32, e32, wm.mean);
    expect(own.every((x, r) => Object.is(x, given[r]))).toBe(true);
  });
});

describe("isUsableRow", () => {
  it("accepts a finite flux with a finite positive error and nothing else", () => {
    expect(isUsableRow(-3, 1e-30)).toBe(true);
    expect(isUsableRow(0, 5)).toBe(true);
    for (const [f, e] of [[NaN, 1], [Infinity, 1], [-Infinity, 1], [1, 0], [1, -2], [1, Infinity], [1, NaN]] as const) {
      expect(isUsableRow(f, e)).toBe(false);
    }
  });
});

describe("checkLightCurves", () => {
  const f = Float64Array.of(1, 2, 3);
  it("accepts a well-formed layout, with or without means", () => {
    expect(() => checkLightCurves("k", Int32Array.of(0, 1, 3), f, f, Float64Array.of(1, 2))).not.toThrow();
  });

  it("throws an ArgumentError naming the kernel and the problem", () => {
    const cases: [Int32Array, Float64Array, Float64Array | undefined, RegExp][] = [
      [new Int32Array(0), f, undefined, /k: offsets must have nLightCurves \+ 1 >= 1 entries/],
      [Int32Array.of(0, 3), Float64Array.of(1, 1), undefined, /flux has 3 values but err has 2/],
      [Int32Array.of(-1, 3), f, undefined, /offsets\[0\] is -1/],
      [Int32Array.of(0, 2, 1), f, undefined, /offsets decrease at light curve 1 \(2 > 1\)/],
      [Int32Array.of(0, 4), Float64Array.of(1, 1, 1), undefined, /offsets end at row 4 but flux and err have only 3 rows/],
      [Int32Array.of(0, 3), f, Float64Array.of(1, 2), /means has 2 values, one per light curve needs 1/],
    ];
    for (const [offsets, err, means, message] of cases) {
      expect(() => checkLightCurves("k", offsets, f, err, means)).toThrow(ArgumentError);
      expect(() => checkLightCurves("k", offsets, f, err, means)).toThrow(message);
    }
    expect(() => weightedMeans(Int32Array.of(0, 4), f, f)).toThrow(/weightedMeans: offsets end at row 4/);
  });
});
