/**
 * True magnitudes of simulated stars and galaxies in ugrizy. Stars lie on the
 * main-sequence stellar locus: g - r from r - i by Jurić et al. (2008, ApJ 673,
 * 864, eq. 2), g - r = 1.39 [1 - exp(-4.9 x^3 - 2.45 x^2 - 1.68 x - 0.050)]
 * with x = r - i, plus 0.03 mag of scatter; u - g, i - z and z - y are simple
 * linear functions of the same colours (not fitted to any survey). Galaxies
 * have broad colours that mostly fall off the locus.
 */
import type { Random } from "../stats/random.js";

/** The bands of the returned magnitudes, in order. */
export const LOCUS_BANDS = ["u", "g", "r", "i", "z", "y"] as const;

/**
 * g - r on the stellar locus for a given r - i (Jurić et al. 2008, eq. 2).
 *
 * @example
 * stellarLocusGr(0.5); // 1.2223 (an early M dwarf)
 */
export function stellarLocusGr(ri: number): number {
  return 1.39 * (1 - Math.exp(-4.9 * ri ** 3 - 2.45 * ri ** 2 - 1.68 * ri - 0.05));
}

/** Number-count law dN/dm ∝ 10^(slope m) on [lo, hi], by its inverse CDF. */
function countLaw(rng: Random, lo: number, hi: number, slope: number): number {
  const a = slope * Math.LN10;
  const eLo = Math.exp(a * lo);
  return Math.log(eLo + rng.uniform() * (Math.exp(a * hi) - eLo)) / a;
}

/**
 * ugrizy magnitudes of one star: r from a shallow number-count law on
 * [16, 24.5]; r - i from a blue (turn-off) and a red (M dwarf) population;
 * g - r on the locus with 0.03 mag scatter.
 *
 * @example
 * const m = starMagnitudes(new Random(1));
 * m.length; // 6 (u, g, r, i, z, y)
 */
export function starMagnitudes(rng: Random): Float64Array {
  const r = countLaw(rng, 16, 24.5, 0.12);
  const ri = rng.uniform() < 0.6 ? Math.min(0.5, Math.max(0, rng.normal(0.15, 0.08))) : rng.uniformRange(0.2, 1.6);
  const gr = stellarLocusGr(ri) + rng.normal(0, 0.03);
  const ug = Math.min(2.8, 0.8 + 1.3 * gr) + rng.normal(0, 0.05);
  const iz = 0.55 * ri + rng.normal(0, 0.02);
  const zy = 0.3 * ri + rng.normal(0, 0.02);
  const g = r + gr;
  const i = r - ri;
  return Float64Array.of(g + ug, g, r, i, i - iz, i - iz - zy);
}

/**
 * ugrizy magnitudes of one galaxy: r from a steep number-count law on
 * [18, 25.5], broad colours.
 *
 * @example
 * galaxyMagnitudes(new Random(1))[2]; // between 18 and 25.5 (r)
 */
export function galaxyMagnitudes(rng: Random): Float64Array {
  const r = countLaw(rng, 18, 25.5, 0.35);
  const gr = rng.uniformRange(0.2, 1.6);
  const ri = rng.uniformRange(0.1, 0.8);
  const g = r + gr;
  const i = r - ri;
  const z = i - rng.uniformRange(0.05, 0.5);
  return Float64Array.of(g + rng.uniformRange(0.3, 1.8), g, r, i, z, z - rng.uniformRange(0, 0.3));
}
