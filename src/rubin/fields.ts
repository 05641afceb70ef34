/**
 * The seven Rubin DP1 fields (LSSTComCam commissioning targets) and a
 * nearest-field lookup. DP1 tables carry no field column: the field of an
 * object is derived from its position, which is what `nearestField` does.
 */
import { ArgumentError } from "../frame/errors.js";

/** A DP1 target field: name and pointing centre in ICRS degrees. */
export interface DP1Field {
  readonly name: string;
  readonly ra: number;
  readonly dec: number;
}

/** The seven DP1 fields, in the order used for field indices. */
export const DP1_FIELDS: readonly DP1Field[] = Object.freeze([
  { name: "47 Tuc", ra: 6.02, dec: -72.08 },
  { name: "ECDFS", ra: 53.13, dec: -28.1 },
  { name: "EDFS", ra: 59.1, dec: -48.73 },
  { name: "Fornax dSph", ra: 40.0, dec: -34.45 },
  { name: "Rubin SV 95 -25", ra: 95.0, dec: -25.0 },
  { name: "Rubin SV 38 7", ra: 37.86, dec: 6.98 },
  { name: "Seagull", ra: 106.3, dec: -10.5 },
]);

const DEG = Math.PI / 180;

/**
 * Great-circle distance in degrees between two (RA, Dec) positions in degrees
 * (haversine form, accurate at small separations).
 *
 * @example
 * angularDistance(0, 0, 0, 1); // 1
 */
export function angularDistance(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const sd = Math.sin(((dec2 - dec1) * DEG) / 2);
  const sr = Math.sin(((ra2 - ra1) * DEG) / 2);
  const h = sd * sd + Math.cos(dec1 * DEG) * Math.cos(dec2 * DEG) * sr * sr;
  return (2 * Math.asin(Math.min(1, Math.sqrt(h)))) / DEG;
}

/** Result of a nearest-field lookup. */
export interface NearestField {
  /** Index into the field list. */
  readonly index: number;
  readonly field: DP1Field;
  /** Distance to the field centre in degrees. */
  readonly distance: number;
}

/**
 * The field whose centre is nearest to (ra, dec) by great-circle distance.
 *
 * @example
 * nearestField(53.0, -28.0).field.name; // "ECDFS"
 */
export function nearestField(ra: number, dec: number, fields: readonly DP1Field[] = DP1_FIELDS): NearestField {
  if (fields.length === 0) throw new ArgumentError("nearestField needs at least one field.");
  let best = 0;
  let bestD = Infinity;
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k]!;
    const d = angularDistance(ra, dec, f.ra, f.dec);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return { index: best, field: fields[best]!, distance: bestD };
}

/**
 * Vectorised `nearestField`: field index (Int8Array) and distance in degrees
 * (Float64Array) per position. Positions farther than `maxDistance` from every
 * field get index -1 (distance still reported).
 *
 * @example
 * const { index } = nearestFields(Float64Array.of(6, 95), Float64Array.of(-72, -25));
 * // index = [0, 4]
 */
export function nearestFields(
  ra: Float64Array,
  dec: Float64Array,
  options: { fields?: readonly DP1Field[]; maxDistance?: number } = {},
): { index: Int8Array; distance: Float64Array } {
  const fields = options.fields ?? DP1_FIELDS;
  const maxDistance = options.maxDistance ?? Infinity;
  if (ra.length !== dec.length) throw new ArgumentError(`ra has ${ra.length} values but dec has ${dec.length}.`);
  if (fields.length === 0 || fields.length > 127) throw new ArgumentError(`nearestFields needs 1..127 fields, got ${fields.length}.`);
  // Unit vectors of the centres once; then the nearest centre is the largest dot product.
  const m = fields.length;
  const cx = new Float64Array(m);
  const cy = new Float64Array(m);
  const cz = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const f = fields[k]!;
    cx[k] = Math.cos(f.dec * DEG) * Math.cos(f.ra * DEG);
    cy[k] = Math.cos(f.dec * DEG) * Math.sin(f.ra * DEG);
    cz[k] = Math.sin(f.dec * DEG);
  }
  const n = ra.length;
  const index = new Int8Array(n);
  const distance = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const cd = Math.cos(dec[i]! * DEG);
    const x = cd * Math.cos(ra[i]! * DEG);
    const y = cd * Math.sin(ra[i]! * DEG);
    const z = Math.sin(dec[i]! * DEG);
    let best = -1;
    let bestDot = -2;
    for (let k = 0; k < m; k++) {
      const dot = x * cx[k]! + y * cy[k]! + z * cz[k]!;
      if (dot > bestDot) {
        bestDot = dot;
        best = k;
      }
    }
    const f = fields[best]!;
    const d = angularDistance(ra[i]!, dec[i]!, f.ra, f.dec);
    distance[i] = d;
    index[i] = d <= maxDistance ? best : -1;
  }
  return { index, distance };
}
