/**
 * Typed columns from the simulation arrays: the nested light-curve fields and
 * small helpers shared by the ForcedSource and DIA simulations.
 */
import { type Column, type Int64Column, gatherColumn } from "../frame/column.js";
import { compareKeys, keyPairs } from "../frame/key-index.js";
import type { Coverage, SimVisits } from "./sim-survey.js";
import { FORCED_SOURCE_FLAGS } from "./products.js";
import type { PhotometryRows } from "./sim-photometry.js";
import { healpix29 } from "./healpix.js";
import type { Random } from "../stats/random.js";
import { fluxesToMags } from "./magnitudes.js";

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

/**
 * The DP1 ForcedSource light-curve fields (nested order), in DP1 schema order;
 * `psfMag`/`psfMagErr` last when `mags` (ForcedSource has them, DIA forced photometry not).
 */
export function forcedSourceFields(visits: SimVisits, cov: Coverage, phot: PhotometryRows, bands: readonly string[], o: { mags: boolean }): Record<string, Column> {
  const bandCodes = new Int32Array(cov.visit.length);
  for (let r = 0; r < bandCodes.length; r++) bandCodes[r] = visits.band[cov.visit[r]!]!;
  const out: Record<string, Column> = {
    band: col.dict(bandCodes, bands),
    midpointMjdTai: gatherColumn(col.f64(visits.mjd), cov.visit),
    visit: gatherColumn(col.i64(visits.visit), cov.visit),
    detector: col.i16(cov.detector),
    psfFlux: col.f32(phot.psfFlux),
    psfFluxErr: col.f32(phot.psfFluxErr),
  };
  out.psfFlux_flag = col.bool(phot.flags.psfFlux_flag);
  out.psfDiffFlux = col.f32(phot.psfDiffFlux);
  out.psfDiffFluxErr = col.f32(phot.psfDiffFluxErr);
  for (const f of FORCED_SOURCE_FLAGS) if (f !== "psfFlux_flag") out[f] = col.bool(phot.flags[f]);
  if (o.mags) {
    const { mag, magErr } = fluxesToMags(phot.psfFlux, phot.psfFluxErr);
    out.psfMag = col.f32(mag);
    out.psfMagErr = col.f32(magErr);
  }
  return out;
}

/** `_healpix_29` of each position and the object order that sorts by it (HATS files are sorted so). */
export function healpixOrder(ra: Float64Array, dec: Float64Array): { order: Int32Array; healpix: BigInt64Array } {
  const h = col.i64(healpix29(ra, dec));
  const k = keyPairs(h, "_healpix_29");
  const order = Int32Array.from({ length: ra.length }, (_, i) => i).sort((a, b) => compareKeys(k[2 * a]!, k[2 * a + 1]!, k[2 * b]!, k[2 * b + 1]!) || a - b);
  return { order, healpix: (gatherColumn(h, order) as Int64Column).values };
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
