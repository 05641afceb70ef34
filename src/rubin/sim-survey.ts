/**
 * The simulated survey: LSSTComCam-like visits over the DP1 fields and which
 * visits cover which positions. Shared by the ForcedSource and DIA simulations
 * so that both see the same visits for the same seed.
 *
 * Visits come in single-band blocks on nights of the DP1 campaign (2024-10-24 to
 * 2024-12-11); half of a field's pointings are tight dithers around the centre and
 * half spread over ~1.2 deg, so light-curve length falls from the centre outwards
 * (many short light curves, a tail above 100 points in the deep fields).
 */
import type { DP1Field } from "./fields.js";
import { Random } from "../stats/random.js";
import { magToFlux } from "./magnitudes.js";

/** Typical visits per DP1 field (same order as DP1_FIELDS); approximate, not DP1's schedule. */
export const DEFAULT_VISITS_PER_FIELD: readonly number[] = [130, 450, 280, 70, 340, 200, 110];
/** Single-visit 5-sigma depths (AB mag, 30 s) per band, ComCam-like. */
export const DEFAULT_M5: Readonly<Record<string, number>> = { u: 23.0, g: 24.2, r: 23.9, i: 23.5, z: 22.9, y: 21.9 };
const BAND_WEIGHT: Readonly<Record<string, number>> = { u: 0.08, g: 0.22, r: 0.25, i: 0.22, z: 0.15, y: 0.08 };

/** LSSTComCam: a 3x3 mosaic of CCDs, ~0.684 deg on a side. */
export const FOOTPRINT_HALF_WIDTH = 0.342;
const FIRST_NIGHT = 60607; // MJD of 2024-10-24
const LAST_NIGHT = 60655;
const VISIT_SECONDS = 40;

/** One row per visit, sorted by visit id (= time). */
export interface SimVisits {
  readonly n: number;
  readonly visit: BigInt64Array;
  readonly field: Int8Array;
  /** Index into the band list. */
  readonly band: Int8Array;
  readonly mjd: Float64Array;
  /** Pointing centre, degrees. */
  readonly ra: Float64Array;
  readonly dec: Float64Array;
  /** Sky noise (1 sigma, nJy) of a point source in this visit. */
  readonly skySigma: Float64Array;
}

/** Sky sigma in nJy for a 5-sigma depth m5: f(m5) / 5 with f = 10^((31.4 - m) / 2.5). */
export function skySigmaOf(m5: number): number {
  return magToFlux(m5) / 5;
}

/** Rubin day_obs (YYYYMMDD) of a time: the UTC date 12 hours earlier. */
function dayObs(mjd: number): number {
  const d = new Date((mjd - 0.5 - 40587) * 86_400_000);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/**
 * Simulate the visit table: `visitsPerField[k]` visits of field k in blocks of one band.
 *
 * @example
 * const v = simulateVisits(new Random(1), DP1_FIELDS, ["g", "r"], { visitsPerField: [10, 10, 10, 10, 10, 10, 10] });
 */
export function simulateVisits(
  rng: Random,
  fields: readonly DP1Field[],
  bands: readonly string[],
  options: { visitsPerField?: readonly number[]; m5?: Readonly<Record<string, number>> } = {},
): SimVisits {
  const perField = options.visitsPerField ?? fields.map((_, k) => DEFAULT_VISITS_PER_FIELD[k % DEFAULT_VISITS_PER_FIELD.length]!);
  const m5 = { ...DEFAULT_M5, ...options.m5 };
  // Blocks (field, band, night, size); nights drawn per block, order within a night random.
  const blocks: { field: number; band: number; night: number; size: number; key: number }[] = [];
  for (let f = 0; f < fields.length; f++) {
    // Uneven band mix per field: the base weights scaled by a field-specific factor.
    const w = bands.map((b) => (BAND_WEIGHT[b] ?? 1 / bands.length) * rng.uniformRange(0.3, 1.7));
    const wsum = w.reduce((a, b) => a + b, 0);
    let left = Math.max(0, Math.round(perField[f] ?? 0));
    while (left > 0) {
      const size = Math.min(left, 1 + rng.poisson(9));
      let u = rng.uniform() * wsum;
      let band = 0;
      while (band < bands.length - 1 && u >= w[band]!) u -= w[band++]!;
      blocks.push({ field: f, band, night: FIRST_NIGHT + rng.int(LAST_NIGHT - FIRST_NIGHT + 1), size, key: rng.uniform() });
      left -= size;
    }
  }
  blocks.sort((a, b) => a.night - b.night || a.key - b.key);
  const n = blocks.reduce((s, b) => s + b.size, 0);
  const out = {
    n,
    visit: new BigInt64Array(n),
    field: new Int8Array(n),
    band: new Int8Array(n),
    mjd: new Float64Array(n),
    ra: new Float64Array(n),
    dec: new Float64Array(n),
    skySigma: new Float64Array(n),
  };
  let k = 0;
  let night = -1;
  let t = 0;
  let seq = 0;
  for (const b of blocks) {
    if (b.night !== night) {
      night = b.night;
      t = night + 0.02 + 0.05 * rng.uniform(); // evening twilight in Chile is ~23h UTC
      seq = 1 + rng.int(40);
    }
    const fc = fields[b.field]!;
    const cosDec = Math.cos((fc.dec * Math.PI) / 180);
    const depth = m5[bands[b.band]!] ?? 23;
    const nightDepth = rng.normal(0, 0.2); // seeing and sky of the night
    for (let j = 0; j < b.size; j++, k++) {
      let dx: number;
      let dy: number;
      if (rng.uniform() < 0.5) {
        dx = rng.normal(0, 0.22);
        dy = rng.normal(0, 0.22);
      } else {
        const r = 1.15 * Math.sqrt(rng.uniform());
        const a = 2 * Math.PI * rng.uniform();
        dx = r * Math.cos(a);
        dy = r * Math.sin(a);
      }
      out.visit[k] = BigInt(dayObs(t)) * 100000n + BigInt(seq++);
      out.field[k] = b.field;
      out.band[k] = b.band;
      out.mjd[k] = t + VISIT_SECONDS / 2 / 86400;
      out.ra[k] = fc.ra + dx / cosDec;
      out.dec[k] = fc.dec + dy;
      out.skySigma[k] = skySigmaOf(depth + nightDepth + rng.normal(0, 0.1));
      t += VISIT_SECONDS / 86400;
    }
    t += 120 / 86400; // slew and filter change between blocks
  }
  return out;
}

/** Which visits cover which objects: rows in object-major, visit-ascending order. */
export interface Coverage {
  /** Observations per object, as offsets (length nObjects + 1). */
  readonly offsets: Int32Array;
  /** Visit index of each observation. */
  readonly visit: Int32Array;
  /** ComCam detector (0..8) of each observation. */
  readonly detector: Int16Array;
}

/**
 * Match objects to the visits whose footprint holds them (tangent-plane box test),
 * dropping a fraction `missRate` of matches (chip gaps, masked areas).
 * O(nObjects log nObjects + matches) per field: objects sorted by x, each visit
 * scans only the x-range of its footprint.
 */
export function coverObjects(
  rng: Random,
  visits: SimVisits,
  objField: Int8Array,
  ra: Float64Array,
  dec: Float64Array,
  missRate = 0.03,
): Coverage {
  const n = objField.length;
  const h = FOOTPRINT_HALF_WIDTH;
  const third = (2 * h) / 3;
  const byField = new Map<number, Int32Array>();
  for (let i = 0; i < n; i++) if (!byField.has(objField[i]!)) byField.set(objField[i]!, new Int32Array(0));
  for (const f of [...byField.keys()]) {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (objField[i] === f) idx.push(i);
    idx.sort((a, b) => ra[a]! - ra[b]!);
    byField.set(f, Int32Array.from(idx));
  }
  // Two identical scans (count, then fill) so no per-match list is ever held;
  // both replay the same miss draws from one seed.
  const missSeed = rng.nextUint32();
  const scan = (emit: (i: number, v: number, det: number) => void): void => {
    const miss = new Random(missSeed);
    for (let v = 0; v < visits.n; v++) {
      const idx = byField.get(visits.field[v]!);
      if (!idx || idx.length === 0) continue;
      const pra = visits.ra[v]!;
      const pdec = visits.dec[v]!;
      const cosDec = Math.cos((pdec * Math.PI) / 180);
      const raLo = pra - h / cosDec;
      const raHi = pra + h / cosDec;
      let lo = 0;
      let hi = idx.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (ra[idx[mid]!]! < raLo) lo = mid + 1;
        else hi = mid;
      }
      for (let q = lo; q < idx.length; q++) {
        const i = idx[q]!;
        if (ra[i]! > raHi) break;
        const dx = (ra[i]! - pra) * cosDec;
        const dy = dec[i]! - pdec;
        if (Math.abs(dx) >= h || Math.abs(dy) >= h) continue;
        if (miss.uniform() < missRate) continue;
        emit(i, v, Math.min(2, Math.floor((dx + h) / third)) + 3 * Math.min(2, Math.floor((dy + h) / third)));
      }
    }
  };
  const offsets = new Int32Array(n + 1);
  scan((i) => offsets[i + 1]!++);
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const m = offsets[n]!;
  const visit = new Int32Array(m);
  const detector = new Int16Array(m);
  const at = offsets.slice(0, n);
  // Matches come visit by visit, so each object's rows land in visit (= time) order.
  scan((i, v, det) => {
    const r = at[i]!++;
    visit[r] = v;
    detector[r] = det;
  });
  return { offsets, visit, detector };
}
