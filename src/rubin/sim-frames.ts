/**
 * Typed columns from the simulation arrays: the nested light-curve fields, the
 * per-visit (flat) ordering of the same rows, and small helpers shared by the
 * ForcedSource and DIA simulations.
 */
import { type Column, gatherColumn } from "../frame/column.js";
import type { Coverage, SimVisits } from "./sim-survey.js";
import { FORCED_SOURCE_FLAGS, type PhotometryRows } from "./sim-photometry.js";
import { ang2pixNest } from "./healpix.js";
import type { Random } from "../stats/random.js";

/** Column helpers that keep the intent visible at call sites. */
export const col = {
  f32: (values: Float32Array): Column => ({ type: "float32", values }),
  f64: (values: Float64Array): Column => ({ type: "float64", values }),
  i16: (values: Int16Array): Column => ({ type: "int16", values }),
  i32: (values: Int32Array): Column => ({ type: "int32", values }),
  i64: (values: BigInt64Array): Column => ({ type: "int64", values }),
  bool: (values: Uint8Array): Column => ({ type: "bool", values }),
  dict: (codes: Int32Array, dictionary: readonly string[]): Column => ({ type: "dict", codes, dictionary }),
};

/** Object index of every row, from offsets. */
export function rowObjects(offsets: Int32Array): Int32Array {
  const n = offsets.length - 1;
  const out = new Int32Array(offsets[n]!);
  for (let i = 0; i < n; i++) out.fill(i, offsets[i]!, offsets[i + 1]!);
  return out;
}

/**
 * Row permutation into per-visit order: rows grouped by visit (ascending), and
 * within a visit in input (object) order — a stable counting sort, O(rows).
 */
export function visitOrder(visitOfRow: Int32Array, nVisits: number): Int32Array {
  const start = new Int32Array(nVisits + 1);
  for (let r = 0; r < visitOfRow.length; r++) start[visitOfRow[r]! + 1]!++;
  for (let v = 0; v < nVisits; v++) start[v + 1]! += start[v]!;
  const perm = new Int32Array(visitOfRow.length);
  for (let r = 0; r < visitOfRow.length; r++) perm[start[visitOfRow[r]!]!++] = r;
  return perm;
}

/** Per-visit values gathered to rows. */
export function perRow<T extends Float64Array | BigInt64Array | Int8Array>(values: T, visitOfRow: Int32Array): T {
  const out = new (values.constructor as new (n: number) => T)(visitOfRow.length);
  for (let r = 0; r < visitOfRow.length; r++) out[r] = values[visitOfRow[r]!]!;
  return out;
}

/** The DP1 ForcedSource light-curve fields (nested order), in DP1 schema order. */
export function forcedSourceFields(visits: SimVisits, cov: Coverage, phot: PhotometryRows, bands: readonly string[]): Record<string, Column> {
  const bandCodes = new Int32Array(cov.visit.length);
  for (let r = 0; r < bandCodes.length; r++) bandCodes[r] = visits.band[cov.visit[r]!]!;
  const out: Record<string, Column> = {
    band: col.dict(bandCodes, bands),
    midpointMjdTai: col.f64(perRow(visits.mjd, cov.visit)),
    visit: col.i64(perRow(visits.visit, cov.visit)),
    detector: col.i16(cov.detector),
    psfFlux: col.f32(phot.psfFlux),
    psfFluxErr: col.f32(phot.psfFluxErr),
  };
  out.psfFlux_flag = col.bool(phot.flags.psfFlux_flag);
  out.psfDiffFlux = col.f32(phot.psfDiffFlux);
  out.psfDiffFluxErr = col.f32(phot.psfDiffFluxErr);
  for (const f of FORCED_SOURCE_FLAGS) if (f !== "psfFlux_flag") out[f] = col.bool(phot.flags[f]);
  out.psfMag = col.f32(phot.psfMag);
  out.psfMagErr = col.f32(phot.psfMagErr);
  return out;
}

/** 64-bit values moved as Int32 pairs: no BigInt boxing per element. */
function gather64(src: BigInt64Array, perm: Int32Array): BigInt64Array {
  const out = new BigInt64Array(perm.length);
  const s = new Int32Array(src.buffer, src.byteOffset, src.length * 2);
  const o = new Int32Array(out.buffer);
  for (let r = 0; r < perm.length; r++) {
    const k = perm[r]! * 2;
    o[2 * r] = s[k]!;
    o[2 * r + 1] = s[k + 1]!;
  }
  return out;
}

function gatherF32(src: Float32Array, perm: Int32Array): Float32Array {
  const out = new Float32Array(perm.length);
  for (let r = 0; r < perm.length; r++) out[r] = src[perm[r]!]!;
  return out;
}

function gatherU8(src: Uint8Array, perm: Int32Array): Uint8Array {
  const out = new Uint8Array(perm.length);
  for (let r = 0; r < perm.length; r++) out[r] = src[perm[r]!]!;
  return out;
}

/**
 * Every column gathered to the permutation `perm` (e.g. nested order -> per-visit
 * order). The hot types get monomorphic loops; others fall back to gatherColumn.
 */
export function gatherAll(columns: Readonly<Record<string, Column>>, perm: Int32Array): Record<string, Column> {
  const out: Record<string, Column> = {};
  for (const [name, c] of Object.entries(columns)) {
    if (c.valid) out[name] = gatherColumn(c, perm);
    else if (c.type === "int64") out[name] = col.i64(gather64(c.values, perm));
    else if (c.type === "float32") out[name] = col.f32(gatherF32(c.values as Float32Array, perm));
    else if (c.type === "bool") out[name] = col.bool(gatherU8(c.values, perm));
    else out[name] = gatherColumn(c, perm);
  }
  return out;
}

/** `_healpix_29` of each position and the object order that sorts by it (HATS files are sorted so). */
export function healpixOrder(ra: Float64Array, dec: Float64Array): { order: Int32Array; healpix: BigInt64Array } {
  const n = ra.length;
  const h = new BigInt64Array(n);
  for (let i = 0; i < n; i++) h[i] = ang2pixNest(29, ra[i]!, dec[i]!);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => (h[a]! < h[b]! ? -1 : h[a]! > h[b]! ? 1 : a - b));
  const healpix = new BigInt64Array(n);
  for (let i = 0; i < n; i++) healpix[i] = h[order[i]!]!;
  return { order, healpix };
}

/**
 * Increasing int64 ids above 2^53 with random gaps of 1..gap, so neighbours
 * differ by less than a float64 ulp there: any trip through a JS number shows.
 */
export function makeIds(rng: Random, n: number, base: bigint, gap = 40): BigInt64Array {
  const ids = new BigInt64Array(n);
  let id = base;
  for (let i = 0; i < n; i++) {
    id += BigInt(1 + rng.int(gap));
    ids[i] = id;
  }
  return ids;
}
