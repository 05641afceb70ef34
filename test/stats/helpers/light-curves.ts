/**
 * Simulated constant-source light curves shared by the kernel, error-model,
 * variability and validation tests. Test helper only.
 */
import { Random } from "../../../src/stats/random.js";

/** Flat light-curve layout: light curve i is rows offsets[i]..offsets[i+1] of flux/err. */
export interface SimulatedLightCurves {
  readonly offsets: Int32Array;
  readonly flux: Float64Array;
  readonly err: Float64Array;
}

/** Reported errors uniform in [lo, hi), or log-uniform (`exp` of a uniform in [log lo, log hi)). */
export interface ErrorRange {
  readonly lo: number;
  readonly hi: number;
  readonly log?: boolean;
}

/** Options of {@link simulateLightCurves}; every draw comes from the one generator, in the order listed. */
export interface LightCurveOptions {
  /** Number of light curves. */
  readonly nLc: number;
  /** Points per light curve: a fixed count (no draw) or an integer uniform in [lo, hi] (both ends included). */
  readonly length: number | readonly [number, number];
  /**
   * When the random lengths are drawn: all of them before any flux (default), or
   * each one just before its light curve's mean.
   */
  readonly lengthsFirst?: boolean;
  /** True mean of each light curve: fixed (no draw) or uniform in [lo, hi). */
  readonly mean: number | readonly [number, number];
  /** Reported error of each point: a range, or a draw of its own (`row` is the flat row index). */
  readonly err: ErrorRange | ((rng: Random, row: number) => number);
  /** True variance of a point with reported error e; default (scale e)². */
  readonly variance?: (e: number) => number;
  /** True scatter in units of the reported error when `variance` is not given; default 1. */
  readonly scale?: number;
  /**
   * A signal added to light curve j: called after its mean is drawn (it may draw its
   * own parameters), it returns the signal at point i of a point with true scatter sd.
   */
  readonly signal?: (rng: Random, j: number) => (i: number, sd: number) => number;
}

/**
 * Light curves of a constant source plus Gaussian noise: for each light curve a
 * length and a mean, then for each point its reported error e and its flux
 * mean + signal + sqrt(variance(e)) z with z ~ N(0, 1). Draws, in order: the lengths
 * (all first unless `lengthsFirst` is false), then per light curve its mean and
 * signal parameters, then per point e and z. The same seed and options give the
 * same light curves, bit for bit.
 */
export function simulateLightCurves(rng: Random | number, o: LightCurveOptions): SimulatedLightCurves {
  const r = typeof rng === "number" ? new Random(rng) : rng;
  const { nLc, length, mean, err: errSpec, variance, scale = 1, signal } = o;
  const drawLength = typeof length === "number" ? () => length : () => length[0] + r.int(length[1] - length[0] + 1);
  const drawMean = typeof mean === "number" ? () => mean : () => r.uniformRange(mean[0], mean[1]);
  const drawErr =
    typeof errSpec === "function"
      ? errSpec
      : errSpec.log
        ? () => Math.exp(r.uniformRange(Math.log(errSpec.lo), Math.log(errSpec.hi)))
        : () => r.uniformRange(errSpec.lo, errSpec.hi);
  const lengthsFirst = o.lengthsFirst ?? true;
  const lengths = lengthsFirst ? Array.from({ length: nLc }, drawLength) : [];
  const offsets = [0];
  const flux: number[] = [];
  const err: number[] = [];
  for (let j = 0; j < nLc; j++) {
    const n = lengthsFirst ? lengths[j]! : drawLength();
    const mu = drawMean();
    const s = signal?.(r, j);
    for (let i = 0; i < n; i++) {
      const e = drawErr(r, flux.length);
      const sd = variance ? Math.sqrt(variance(e)) : scale * e;
      err.push(e);
      flux.push(s ? mu + s(i, sd) + sd * r.normal() : mu + sd * r.normal());
    }
    offsets.push(flux.length);
  }
  return { offsets: Int32Array.from(offsets), flux: Float64Array.from(flux), err: Float64Array.from(err) };
}

/**
 * The kernel tests' light curves: 2..15 points, true means uniform in [-50, 500),
 * reported errors uniform in [0.5, 5), true scatter `scale` times the reported error.
 */
export function simulate(seed: number, nLc: number, scale = 1): SimulatedLightCurves {
  return simulateLightCurves(seed, { nLc, length: [2, 15], mean: [-50, 500], err: { lo: 0.5, hi: 5 }, scale });
}

/**
 * Many float32 rows for the at-scale tests: `nLc` light curves of `perLc` points
 * each, constant flux 1000 with correct errors 1..7 (cycling by row).
 */
export function simulateFloat32(seed: number, nLc: number, perLc: number): { offsets: Int32Array; flux: Float32Array; err: Float32Array } {
  const { offsets, flux, err } = simulateLightCurves(seed, { nLc, length: perLc, mean: 1000, err: (_, row) => 1 + (row % 7) });
  return { offsets, flux: Float32Array.from(flux), err: Float32Array.from(err) };
}

/**
 * `simulate(seed, nLc)` rounded to float32, and a float64 copy of the same float32
 * values, for checking that a kernel reads float32 input exactly as its float64 copy.
 */
export function simulateWithFloat32(
  seed: number,
  nLc: number,
): { offsets: Int32Array; f32: { flux: Float32Array; err: Float32Array }; f64: { flux: Float64Array; err: Float64Array } } {
  const { offsets, flux, err } = simulate(seed, nLc);
  const f32 = { flux: Float32Array.from(flux), err: Float32Array.from(err) };
  return { offsets, f32, f64: { flux: Float64Array.from(f32.flux), err: Float64Array.from(f32.err) } };
}
