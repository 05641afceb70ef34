/**
 * A simulated DP1 Object table of one field: stars on the stellar locus and
 * galaxies (sim-star-colors.ts), coadd PSF fluxes in nJy with their reported
 * errors (correct errors: the scatter is exactly the reported error), flags
 * (1.5% of measurements flagged, a third of those NaN; 0.5% NaN and unflagged:
 * not measured; saturation brighter than 16.3 mag),
 * and refExtendedness (0 star, 1 galaxy; faint ones misclassified at 15%, NaN
 * for 2%). Split into tracts by right ascension.
 */
import { type Column, makeColumn } from "../frame/column.js";
import { NestedFrame } from "../frame/nested-frame.js";
import type { Random } from "../stats/random.js";
import { magToFlux } from "./magnitudes.js";
import { LOCUS_BANDS, galaxyMagnitudes, starMagnitudes } from "./sim-star-colors.js";

/** Coadd 5-sigma depths (AB mag) per band, DP1-like. */
export const COADD_M5: Readonly<Record<string, number>> = { u: 24.6, g: 26.1, r: 25.9, i: 25.5, z: 24.9, y: 23.9 };
/** Coadd source noise: variance = COADD_SOURCE_NOISE_NJY x flux (nJy^2). */
const COADD_SOURCE_NOISE_NJY = 0.5;
/** Brighter than this (AB mag) in a band, a coadd PSF flux is flagged (saturation). */
export const SATURATION_MAG = 16.3;

/** A field of the simulation: centre, radius and tract boundaries in right ascension. */
export interface SimSourceField {
  readonly name: string;
  readonly ra: number;
  readonly dec: number;
  /** Tracts by right ascension: tract k holds ra < raMax[k] (the last one the rest). */
  readonly tracts: readonly { readonly tract: number; readonly raMax: number }[];
}

/** The true state of each object of a field, in table order. */
export interface SimFieldObjects {
  readonly n: number;
  readonly ra: Float64Array;
  readonly dec: Float64Array;
  readonly star: Uint8Array;
  /** True flux (nJy), row-major [object * 6 + band] over u, g, r, i, z, y. */
  readonly flux: Float64Array;
  readonly tract: Int32Array;
}

/**
 * Draw the objects of a field: positions uniform in a disc of `radius` deg,
 * a fraction `starFraction` of stars. Object order is by tract, then draw.
 *
 * @example
 * const field = { name: "ECDFS", ra: 53.13, dec: -28.1, tracts: [{ tract: 5063, raMax: Infinity }] };
 * drawFieldObjects(new Random(1), field, 100, 0.4, 0.45).n; // 100
 */
export function drawFieldObjects(rng: Random, field: SimSourceField, n: number, starFraction: number, radius: number): SimFieldObjects {
  const ra = new Float64Array(n);
  const dec = new Float64Array(n);
  const star = new Uint8Array(n);
  const flux = new Float64Array(n * 6);
  const tract = new Int32Array(n);
  const cosDec = Math.cos((field.dec * Math.PI) / 180);
  for (let i = 0; i < n; i++) {
    const r = radius * Math.sqrt(rng.uniform());
    const t = 2 * Math.PI * rng.uniform();
    dec[i] = field.dec + r * Math.sin(t);
    ra[i] = field.ra + (r * Math.cos(t)) / cosDec;
    star[i] = rng.uniform() < starFraction ? 1 : 0;
    const m = star[i] ? starMagnitudes(rng) : galaxyMagnitudes(rng);
    for (let b = 0; b < 6; b++) flux[i * 6 + b] = magToFlux(m[b]!);
    const k = field.tracts.findIndex((x) => ra[i]! < x.raMax);
    tract[i] = field.tracts[k < 0 ? field.tracts.length - 1 : k]!.tract;
  }
  return { n, ra, dec, star, flux, tract };
}

/**
 * The Object table of the objects `idx` (all in one tract): DP1 column names,
 * float32 fluxes in nJy, `objectId` int64 past 2^53.
 *
 * @example
 * const field = { name: "ECDFS", ra: 53.13, dec: -28.1, tracts: [{ tract: 5063, raMax: Infinity }] };
 * const o = drawFieldObjects(new Random(1), field, 10, 0.5, 0.45);
 * objectTable(new Random(2), o, Int32Array.from({ length: 10 }, (_, k) => k), 5063, field).length; // 10
 */
export function objectTable(rng: Random, o: SimFieldObjects, idx: Int32Array, tract: number, field: SimSourceField): NestedFrame {
  const n = idx.length;
  const objectId = new BigInt64Array(n);
  const patch = new BigInt64Array(n);
  const ra = new Float64Array(n);
  const dec = new Float64Array(n);
  const ext = new Float64Array(n);
  const base: Record<string, Column> = {};
  for (let j = 0; j < n; j++) {
    const i = idx[j]!;
    objectId[j] = 609_000_000_000_000_000n + BigInt(tract) * 1_000_000n + BigInt(j);
    ra[j] = o.ra[i]!;
    dec[j] = o.dec[i]!;
    // 10 x 10 patches of 0.17 deg around the field centre, as a tract's patch grid.
    const px = Math.min(9, Math.max(0, Math.floor(((o.ra[i]! - field.ra) * Math.cos((field.dec * Math.PI) / 180)) / 0.17 + 5)));
    const py = Math.min(9, Math.max(0, Math.floor((o.dec[i]! - field.dec) / 0.17 + 5)));
    patch[j] = BigInt(py * 10 + px);
    const faint = -2.5 * Math.log10(o.flux[i * 6 + 2]!) + 31.4 > 23.5;
    const wrong = faint && rng.uniform() < 0.15;
    ext[j] = rng.uniform() < 0.02 ? NaN : (o.star[i] === 1) !== wrong ? 0 : 1;
  }
  Object.assign(base, {
    objectId: makeColumn(objectId),
    tract: makeColumn(new BigInt64Array(n).fill(BigInt(tract))),
    patch: makeColumn(patch),
    coord_ra: makeColumn(ra),
    coord_dec: makeColumn(dec),
    refExtendedness: makeColumn(ext),
    refBand: makeColumn(Array.from({ length: n }, () => "i")),
    detect_isPrimary: makeColumn(new Uint8Array(n).fill(1), "bool"),
  });
  LOCUS_BANDS.forEach((band, b) => {
    const sky = magToFlux(COADD_M5[band]!) / 5;
    const f = new Float32Array(n);
    const e = new Float32Array(n);
    const flag = new Uint8Array(n);
    for (let j = 0; j < n; j++) {
      const F = o.flux[idx[j]! * 6 + b]!;
      e[j] = Math.sqrt(sky * sky + COADD_SOURCE_NOISE_NJY * F);
      f[j] = F + rng.normal(0, e[j]!);
      const u = rng.uniform();
      if (u < 0.005) f[j] = NaN; // a failed measurement: NaN and flagged
      else if (u < 0.01) f[j] = e[j] = NaN; // not measured in this band: NaN, no flag
      flag[j] = u < 0.005 || (u >= 0.01 && u < 0.02) || F > magToFlux(SATURATION_MAG) ? 1 : 0;
    }
    base[`${band}_psfFlux`] = makeColumn(f);
    base[`${band}_psfFluxErr`] = makeColumn(e);
    base[`${band}_psfFlux_flag`] = makeColumn(flag, "bool");
  });
  return new NestedFrame({ base });
}
