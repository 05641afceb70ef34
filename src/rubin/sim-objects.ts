/**
 * Simulated objects: positions in the DP1 fields, brightness from a steep
 * number-count law, simple colours, and sinusoidal variability for a fraction.
 * Everything is per object (O(nObjects)); the per-observation work lives in
 * sim-photometry.ts.
 */
import type { DP1Field } from "./fields.js";
import { DEFAULT_M5, FOOTPRINT_HALF_WIDTH, type SimVisits, skySigmaOf } from "./sim-survey.js";
import type { Random } from "../stats/random.js";
import { magToFlux } from "./magnitudes.js";

/** Source photon noise: variance = SOURCE_NOISE_NJY * flux (nJy^2), ~0.3% errors at 17 mag. */
export const SOURCE_NOISE_NJY = 5;
/** Colour terms: m_b - m_r = COLOUR[b] * (g - r) + OFFSET[b]. */
const COLOUR: Readonly<Record<string, number>> = { u: 2.0, g: 1, r: 0, i: -0.35, z: -0.5, y: -0.6 };
const OFFSET: Readonly<Record<string, number>> = { u: 0.3, g: 0, r: 0, i: 0, z: 0, y: 0 };

/** Per-object truths, in object order; per-band arrays are row-major [object * nBands + band]. */
export interface SimObjects {
  readonly n: number;
  readonly field: Int8Array;
  readonly ra: Float64Array;
  readonly dec: Float64Array;
  /** True mean flux (nJy) per object and band. */
  readonly meanFlux: Float64Array;
  /** 1 for variable objects. */
  readonly variable: Uint8Array;
  /** Sinusoid semi-amplitude (nJy) per object and band; 0 for constant objects. */
  readonly amplitude: Float64Array;
  /** Period (days) and phase (radians) of variable objects; NaN otherwise. */
  readonly period: Float64Array;
  readonly phase: Float64Array;
}

export interface ObjectOptions {
  readonly fields: readonly DP1Field[];
  readonly bands: readonly string[];
  /** Relative number of objects per field (default: equal). */
  readonly fieldWeights?: readonly number[] | undefined;
  /** Objects lie within this radius (degrees) of their field centre. */
  readonly radius: number;
  /** r-band magnitude range of the number-count law dN/dm ∝ 10^(0.3 m). */
  readonly magRange: readonly [number, number];
  readonly variableFraction: number;
}

/** True if any visit of the field covers (ra, dec); early exit makes covered positions cheap. */
function covered(visits: SimVisits, mine: Int32Array, ra: number, dec: number): boolean {
  const h = FOOTPRINT_HALF_WIDTH;
  for (let q = 0; q < mine.length; q++) {
    const v = mine[q]!;
    const dy = dec - visits.dec[v]!;
    if (Math.abs(dy) >= h) continue;
    if (Math.abs((ra - visits.ra[v]!) * Math.cos((visits.dec[v]! * Math.PI) / 180)) < h) return true;
  }
  return false;
}

/**
 * Draw `n` objects: uniform over the covered part of a disc around each field
 * centre (positions no visit covers are redrawn), r magnitude from the
 * number-count law, a g-r colour, and for `variableFraction` of them a sinusoid
 * whose amplitude is 3-10 times the typical single-visit error.
 */
export function simulateObjects(rng: Random, n: number, visits: SimVisits, o: ObjectOptions): SimObjects {
  const nb = o.bands.length;
  const weights = o.fieldWeights ?? o.fields.map(() => 1);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const field = new Int8Array(n);
  const ra = new Float64Array(n);
  const dec = new Float64Array(n);
  const meanFlux = new Float64Array(n * nb);
  const variable = new Uint8Array(n);
  const amplitude = new Float64Array(n * nb);
  const period = new Float64Array(n).fill(NaN);
  const phase = new Float64Array(n).fill(NaN);
  const a = 0.3 * Math.LN10;
  const [mLo, mHi] = o.magRange;
  const eLo = Math.exp(a * mLo);
  const eHi = Math.exp(a * mHi);
  const sky = o.bands.map((b) => skySigmaOf(DEFAULT_M5[b] ?? 23));
  const visitsOf = o.fields.map((_, f) => {
    const idx: number[] = [];
    for (let v = 0; v < visits.n; v++) if (visits.field[v] === f) idx.push(v);
    return Int32Array.from(idx);
  });
  for (let i = 0; i < n; i++) {
    let u = rng.uniform() * wsum;
    let f = 0;
    while (f < o.fields.length - 1 && u >= weights[f]!) u -= weights[f++]!;
    const fc = o.fields[f]!;
    let x: number;
    let y: number;
    let tries = 0;
    do {
      const r = o.radius * Math.sqrt(rng.uniform());
      const t = 2 * Math.PI * rng.uniform();
      x = r * Math.cos(t);
      y = r * Math.sin(t);
    } while (!covered(visits, visitsOf[f]!, fc.ra + x / Math.cos(((fc.dec + y) * Math.PI) / 180), fc.dec + y) && ++tries < 50);
    field[i] = f;
    dec[i] = fc.dec + y;
    ra[i] = (fc.ra + x / Math.cos((dec[i]! * Math.PI) / 180) + 360) % 360;
    // Inverse CDF of dN/dm ∝ exp(a m) on [mLo, mHi]: most objects faint.
    const mr = Math.log(eLo + rng.uniform() * (eHi - eLo)) / a;
    const gr = Math.min(1.8, Math.max(-0.3, rng.normal(0.7, 0.35)));
    for (let b = 0; b < nb; b++) {
      const band = o.bands[b]!;
      meanFlux[i * nb + b] = magToFlux(mr + (COLOUR[band] ?? 0) * gr + (OFFSET[band] ?? 0));
    }
    if (rng.uniform() < o.variableFraction) {
      variable[i] = 1;
      period[i] = Math.exp(rng.uniformRange(Math.log(0.05), Math.log(30)));
      phase[i] = 2 * Math.PI * rng.uniform();
      const k = rng.uniformRange(3, 10);
      for (let b = 0; b < nb; b++) {
        const F = meanFlux[i * nb + b]!;
        amplitude[i * nb + b] = k * Math.sqrt(sky[b]! ** 2 + SOURCE_NOISE_NJY * F);
      }
    }
  }
  return { n, field, ra, dec, meanFlux, variable, amplitude, period, phase };
}

/**
 * Reorder objects (e.g. by `_healpix_29`, as HATS partitions are sorted).
 */
export function reorderObjects(s: SimObjects, order: Int32Array, nb: number): SimObjects {
  const n = order.length;
  const pick = <T extends Float64Array | Int8Array | Uint8Array>(src: T, width = 1): T => {
    const out = new (src.constructor as new (k: number) => T)(n * width);
    for (let i = 0; i < n; i++) for (let b = 0; b < width; b++) out[i * width + b] = src[order[i]! * width + b]!;
    return out;
  };
  return {
    n,
    field: pick(s.field),
    ra: pick(s.ra),
    dec: pick(s.dec),
    meanFlux: pick(s.meanFlux, nb),
    variable: pick(s.variable),
    amplitude: pick(s.amplitude, nb),
    period: pick(s.period),
    phase: pick(s.phase),
  };
}
