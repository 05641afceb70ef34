/**
 * Per-observation photometry with injected truths. For every observation of a
 * constant source with true flux F in band b:
 *
 *   reported error  e   = sqrt(sky_visit^2 + SOURCE_NOISE_NJY * max(F, 0))
 *   measured flux   f   = F + N(0, sqrt((s_b e)^2 + a_b^2))
 *
 * so the true scatter over the reported error is sqrt(s_b^2 + (a_b/e)^2): s_b is
 * the error scale factor and a_b the additive floor (nJy) that later statistics
 * must recover. psfDiffFlux follows the same model around F(t) - F_template with
 * its own, slightly larger, reported error (the template adds noise).
 * A fraction of rows carries flags, and those rows are corrupted the way flagged
 * DP1 rows are (NaN fluxes, zero or negative errors, cosmic-ray outliers, ...).
 */
import type { Coverage, SimVisits } from "./sim-survey.js";
import { SOURCE_NOISE_NJY, type SimObjects } from "./sim-objects.js";
import type { Random } from "../stats/random.js";
import { FORCED_SOURCE_FLAGS, type ForcedSourceFlag } from "./products.js";


/** Template noise relative to the visit's sky noise (a coadd of ~10 visits). */
const TEMPLATE_NOISE = 0.32;

export interface PhotometryRows {
  readonly psfFlux: Float32Array;
  readonly psfFluxErr: Float32Array;
  readonly psfDiffFlux: Float32Array;
  readonly psfDiffFluxErr: Float32Array;
  readonly flags: Readonly<Record<ForcedSourceFlag, Uint8Array>>;
  /** 1 where any flag is set. */
  readonly anyFlag: Uint8Array;
  /** True flux F(t) of each observation (nJy), for tests. */
  readonly trueFlux: Float64Array;
}

export interface PhotometryOptions {
  /** s_b per band index. */
  readonly errorScale: Float64Array;
  /** a_b (nJy) per band index. */
  readonly errorFloor: Float64Array;
  readonly flaggedFraction: number;
  /** Extra diff-image flux per row (transient spikes); optional. */
  readonly spike?: Float64Array | undefined;
  /** Rows that must stay unflagged (e.g. a DIA detection); optional. */
  readonly keepClean?: Uint8Array | undefined;
}

/** Reported psfDiffFluxErr (nJy) of a source of true flux F in a visit with sky noise `sky`. */
export function diffErrorOf(sky: number, F: number): number {
  return Math.sqrt(sky * sky + SOURCE_NOISE_NJY * Math.max(F, 0) + (TEMPLATE_NOISE * sky) ** 2);
}

/** Fill the photometry of every covered observation, in coverage (object-major) order. */
export function simulatePhotometry(rng: Random, visits: SimVisits, objects: SimObjects, cov: Coverage, o: PhotometryOptions): PhotometryRows {
  const m = cov.visit.length;
  const nb = o.errorScale.length;
  const psfFlux = new Float32Array(m);
  const psfFluxErr = new Float32Array(m);
  const psfDiffFlux = new Float32Array(m);
  const psfDiffFluxErr = new Float32Array(m);
  const trueFlux = new Float64Array(m);
  const anyFlag = new Uint8Array(m);
  const flags = {} as Record<ForcedSourceFlag, Uint8Array>;
  for (const f of FORCED_SOURCE_FLAGS) flags[f] = new Uint8Array(m);
  for (let i = 0; i < objects.n; i++) {
    const isVar = objects.variable[i] === 1;
    const P = objects.period[i]!;
    const phi = objects.phase[i]!;
    for (let r = cov.offsets[i]!; r < cov.offsets[i + 1]!; r++) {
      const v = cov.visit[r]!;
      const b = visits.band[v]!;
      const F0 = objects.meanFlux[i * nb + b]!;
      const F = isVar ? F0 + objects.amplitude[i * nb + b]! * Math.sin((2 * Math.PI * visits.mjd[v]!) / P + phi) : F0;
      const sky = visits.skySigma[v]!;
      const s = o.errorScale[b]!;
      const a = o.errorFloor[b]!;
      const e = Math.sqrt(sky * sky + SOURCE_NOISE_NJY * Math.max(F, 0));
      const ed = Math.sqrt(e * e + (TEMPLATE_NOISE * sky) ** 2);
      const spike = o.spike ? o.spike[r]! : 0;
      trueFlux[r] = F + spike;
      psfFlux[r] = F + spike + Math.sqrt(s * s * e * e + a * a) * rng.normal();
      psfFluxErr[r] = e;
      psfDiffFlux[r] = F - F0 + spike + Math.sqrt(s * s * ed * ed + a * a) * rng.normal();
      psfDiffFluxErr[r] = ed;
      if (rng.uniform() < o.flaggedFraction && !(o.keepClean && o.keepClean[r])) {
        anyFlag[r] = 1;
        corrupt(rng, r, flags, psfFlux, psfFluxErr, psfDiffFlux, psfDiffFluxErr, e);
      }
    }
  }
  return { psfFlux, psfFluxErr, psfDiffFlux, psfDiffFluxErr, flags, anyFlag, trueFlux };
}

/**
 * Set one flag scenario on row r and damage its values accordingly. Weights:
 * nodata 10%, edge 15%, saturated 15%, cosmic ray 15%, bad 10%, suspect 10%,
 * interpolated-only 10%, invalid PSF (zero or negative error) 15%.
 */
function corrupt(
  rng: Random,
  r: number,
  flags: Record<ForcedSourceFlag, Uint8Array>,
  flux: Float32Array,
  err: Float32Array,
  diff: Float32Array,
  diffErr: Float32Array,
  e: number,
): void {
  const u = rng.uniform();
  const half = rng.uniform() < 0.5 ? 1 : 0;
  if (u < 0.25) {
    flags[u < 0.1 ? "pixelFlags_nodata" : "pixelFlags_edge"][r] = 1;
    flags.psfFlux_flag[r] = 1;
    flags.psfDiffFlux_flag[r] = 1;
    flux[r] = NaN;
    err[r] = NaN;
    diff[r] = NaN;
    diffErr[r] = NaN;
  } else if (u < 0.4) {
    flags.pixelFlags_saturated[r] = 1;
    flags.pixelFlags_saturatedCenter[r] = 1;
    flags.pixelFlags_interpolated[r] = 1;
    flags.pixelFlags_interpolatedCenter[r] = half;
    const loss = (flux[r]! - diff[r]!) * rng.uniformRange(0.2, 0.5);
    flux[r] = flux[r]! - Math.abs(loss);
    diff[r] = diff[r]! - Math.abs(loss);
  } else if (u < 0.55) {
    flags.pixelFlags_cr[r] = 1;
    flags.pixelFlags_crCenter[r] = half;
    flags.pixelFlags_interpolated[r] = 1;
    const hit = rng.uniformRange(10, 60) * e;
    flux[r] = flux[r]! + hit;
    diff[r] = diff[r]! + hit;
  } else if (u < 0.65) {
    flags.pixelFlags_bad[r] = 1;
    const out = (half ? 1 : -1) * rng.uniformRange(3, 10) * e;
    flux[r] = flux[r]! + out;
    diff[r] = diff[r]! + out;
  } else if (u < 0.75) {
    flags.pixelFlags_suspect[r] = 1;
    flags.pixelFlags_suspectCenter[r] = half;
    flux[r] = flux[r]! + rng.normal(0, 3) * e;
  } else if (u < 0.85) {
    flags.pixelFlags_interpolated[r] = 1;
    flags.pixelFlags_interpolatedCenter[r] = half;
  } else {
    flags.invalidPsfFlag[r] = 1;
    flags.psfFlux_flag[r] = 1;
    err[r] = half ? 0 : -e;
    if (rng.uniform() < 0.5) {
      flags.psfDiffFlux_flag[r] = 1;
      diffErr[r] = 0;
    }
  }
}
