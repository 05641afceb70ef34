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
