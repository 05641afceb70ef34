/**
 * AB magnitudes and nJy fluxes. Rubin fluxes are in nanojansky, so the AB zero
 * point is 31.4: m = 31.4 - 2.5 log10(f / nJy), since 3631 Jy = 10^(31.4/2.5) nJy
 * to 0.01%. Errors propagate to first order: σ_m = (2.5 / ln 10) σ_f / f.
 */

/** AB magnitude of a flux of 1 nJy. */
export const AB_ZERO_POINT_NJY = 31.4;

/** 2.5 / ln 10 = 1.0857...: magnitude error per unit relative flux error. */
const MAG_PER_LN = 2.5 / Math.LN10;

/**
 * AB magnitude of a flux in nJy; NaN for a flux that is not positive and finite.
 *
 * @example
 * fluxToMag(1000); // 23.9
 */
export function fluxToMag(flux: number): number {
  return flux > 0 && flux < Infinity ? AB_ZERO_POINT_NJY - 2.5 * Math.log10(flux) : NaN;
}

/**
 * Flux in nJy of an AB magnitude.
 *
 * @example
 * magToFlux(23.9); // 1000 (to rounding)
 */
export function magToFlux(mag: number): number {
  return 10 ** ((AB_ZERO_POINT_NJY - mag) / 2.5);
}

/**
 * Magnitude error of a flux measurement, (2.5 / ln 10) σ_f / f; NaN unless both
 * are positive and finite.
 *
 * @example
 * fluxErrToMagErr(1000, 100); // 0.10857 (a 10% flux error)
 */
export function fluxErrToMagErr(flux: number, fluxErr: number): number {
  return flux > 0 && fluxErr > 0 && flux < Infinity && fluxErr < Infinity ? (MAG_PER_LN * fluxErr) / flux : NaN;
}

/**
 * Flux error (nJy) of a magnitude and its error, the inverse of `fluxErrToMagErr`.
 *
 * @example
 * magErrToFluxErr(23.9, 0.10857362); // 100 (to rounding)
 */
export function magErrToFluxErr(mag: number, magErr: number): number {
  return (magToFlux(mag) * magErr) / MAG_PER_LN;
}

/**
 * Magnitudes and magnitude errors of whole columns, as float32 like DP1's
 * `psfMag`/`psfMagErr`; NaN where the flux or the error is not positive and finite.
 *
 * @example
 * const { mag, magErr } = fluxesToMags(Float32Array.of(1000, -5), Float32Array.of(100, 10));
 * // mag [23.9, NaN], magErr [0.1086, NaN]
 */
export function fluxesToMags(flux: ArrayLike<number>, fluxErr: ArrayLike<number>): { mag: Float32Array; magErr: Float32Array } {
  const n = flux.length;
  const mag = new Float32Array(n);
  const magErr = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    const e = fluxErrToMagErr(flux[r]!, fluxErr[r]!);
    mag[r] = e === e ? AB_ZERO_POINT_NJY - 2.5 * Math.log10(flux[r]!) : NaN;
    magErr[r] = e;
  }
  return { mag, magErr };
}
