/**
 * Positions on the sphere for association: (ra, dec) in degrees to unit
 * vectors and back, and great-circle separations. Distances are compared as
 * chords between unit vectors, |p - q|² = (2 sin(θ/2))², which stays exact to
 * rounding at sub-arcsecond separations (1 - cos θ would lose ten digits there)
 * and needs no special case at the ra = 0/360 wrap or at the poles.
 */
import { ArgumentError } from "../frame/errors.js";

const DEG = Math.PI / 180;
/** Arcseconds per degree. */
export const ARCSEC_PER_DEG = 3600;

/**
 * Squared chord length between two unit vectors separated by `arcsec`.
 *
 * @example
 * chord2(1); // 2.3504430539e-11 (= (2 sin(0.5"))², about (1" in radians)²)
 */
export function chord2(arcsec: number): number {
  const c = 2 * Math.sin((arcsec / ARCSEC_PER_DEG) * DEG * 0.5);
  return c * c;
}

/**
 * Great-circle separation in arcseconds (haversine formula, accurate at every
 * separation from 0 to 180 degrees).
 *
 * @example
 * separationArcsec(359.9999, 0, 0.0001, 0); // 0.72 (across ra = 0)
 * separationArcsec(0, 89.9999, 180, 89.9999); // 0.72 (across the pole)
 */
export function separationArcsec(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const sd = Math.sin(((dec2 - dec1) * DEG) / 2);
  const sr = Math.sin(((ra2 - ra1) * DEG) / 2);
  const h = sd * sd + Math.cos(dec1 * DEG) * Math.cos(dec2 * DEG) * sr * sr;
  return (2 * Math.asin(Math.min(1, Math.sqrt(h)))) / DEG * ARCSEC_PER_DEG;
}

/**
 * Unit vectors of `n` positions, interleaved (x0, y0, z0, x1, ...). Throws an
 * ArgumentError naming the column and row of the first position that is not a
 * finite ra and a dec within [-90, 90].
 *
 * @example
 * Array.from(unitVectors(Float64Array.of(90), Float64Array.of(0))).map((v) => Math.round(v)); // [0, 1, 0]
 */
export function unitVectors(ra: ArrayLike<number>, dec: ArrayLike<number>, names: readonly [string, string] = ["ra", "dec"]): Float64Array {
  const n = ra.length;
  const out = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const a = ra[i]!;
    const d = dec[i]!;
    if (!(a - a === 0)) throw new ArgumentError(`Column "${names[0]}" has ${a} at row ${i}; every source needs a finite position in degrees.`);
    if (!(d >= -90 && d <= 90)) throw new ArgumentError(`Column "${names[1]}" has ${d} at row ${i}; a declination must lie in [-90, 90] degrees.`);
    const cd = Math.cos(d * DEG);
    out[3 * i] = cd * Math.cos(a * DEG);
    out[3 * i + 1] = cd * Math.sin(a * DEG);
    out[3 * i + 2] = Math.sin(d * DEG);
  }
  return out;
}

/**
 * The (ra, dec) in degrees of the direction of vector (x, y, z) (any length > 0),
 * ra in [0, 360). Writes them to `out[0]`, `out[1]`.
 *
 * @example
 * const out = new Float64Array(2);
 * vectorToRaDec(0, -1, 0, out); // out = [270, 0]
 */
export function vectorToRaDec(x: number, y: number, z: number, out: Float64Array): void {
  let ra = Math.atan2(y, x) / DEG;
  if (ra < 0) ra += 360;
  if (ra >= 360) ra -= 360;
  out[0] = ra;
  out[1] = Math.atan2(z, Math.sqrt(x * x + y * y)) / DEG;
}
