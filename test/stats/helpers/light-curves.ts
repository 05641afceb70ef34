/**
 * Simulated light curves shared by the per-light-curve kernel tests (pulls,
 * whitening, reduced chi-square). Test helper only.
 */
import { Random } from "../../../src/stats/random.js";

/** Flat light-curve layout: light curve i is rows offsets[i]..offsets[i+1] of flux/err. */
export interface SimulatedLightCurves {
  readonly offsets: Int32Array;
  readonly flux: Float64Array;
  readonly err: Float64Array;
}

/**
 * Constant sources with heteroscedastic errors: light curves of 2..15 points, true
 * means uniform in [-50, 500), reported errors uniform in [0.5, 5), true scatter
 * `scale` times the reported error. The same seed gives the same light curves.
 */
export function simulate(seed: number, nLc: number, scale = 1): SimulatedLightCurves {
  const rng = new Random(seed);
  const offsets = new Int32Array(nLc + 1);
  for (let i = 0; i < nLc; i++) offsets[i + 1] = offsets[i]! + 2 + rng.int(14);
  const flux = new Float64Array(offsets[nLc]!);
  const err = new Float64Array(offsets[nLc]!);
  for (let i = 0; i < nLc; i++) {
    const mu = rng.uniformRange(-50, 500);
    for (let r = offsets[i]!; r < offsets[i + 1]!; r++) {
      err[r] = rng.uniformRange(0.5, 5);
      flux[r] = rng.normal(mu, scale * err[r]);
    }
  }
  return { offsets, flux, err };
}

/**
 * Many float32 rows for the at-scale tests: `nLc` light curves of `perLc` points
 * each, constant flux 1000 with correct errors 1..7 (cycling by row).
 */
export function simulateFloat32(seed: number, nLc: number, perLc: number): { offsets: Int32Array; flux: Float32Array; err: Float32Array } {
  const rng = new Random(seed);
  const rows = nLc * perLc;
  const offsets = new Int32Array(nLc + 1);
  for (let i = 0; i <= nLc; i++) offsets[i] = i * perLc;
  const flux = new Float32Array(rows);
  const err = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    err[r] = 1 + (r % 7);
    flux[r] = 1000 + rng.normal(0, err[r]);
  }
  return { offsets, flux, err };
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
