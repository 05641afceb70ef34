/**
 * A subset of light curves copied back to back, in the input's own array types
 * (float32 flux stays float32: half the memory of a float64 copy, and the
 * values are the same).
 */
import type { NumericArray } from "../frame/column.js";
import { ArgumentError } from "../frame/errors.js";
import { checkLightCurves } from "./weighted-mean.js";

/** The light curves {@link packLightCurves} kept, in the same flat layout. */
export interface PackedLightCurves<F extends NumericArray, E extends NumericArray> {
  /** Length kept + 1, from 0: light curve k is rows offsets[k]..offsets[k+1]. */
  readonly offsets: Int32Array;
  /** The kept rows of flux, a new array of the input's type. */
  readonly flux: F;
  /** The kept rows of err, a new array of the input's type. */
  readonly err: E;
}

/** A new, zeroed array of the same typed-array class as `like`. */
function allocateLike<T extends NumericArray>(like: T, length: number): T {
  return new (like.constructor as new (length: number) => T)(length);
}

/**
 * The light curves i with keep[i] === 1, in order, packed back to back (offsets
 * from 0). `flux` and `err` are copied into new arrays allocated with their own
 * constructors, so a Float32Array stays a Float32Array. Two passes, O(rows
 * kept + light curves). Throws ArgumentError when `keep` does not have one
 * entry per light curve or the layout is inconsistent (see checkLightCurves).
 *
 * @example
 * const p = packLightCurves(Int32Array.of(0, 2, 3, 5), Float32Array.of(1, 2, 3, 4, 5), Float32Array.of(1, 1, 1, 1, 1), Uint8Array.of(1, 0, 1));
 * p.offsets; // Int32Array [0, 2, 4]
 * p.flux; // Float32Array [1, 2, 4, 5]
 */
export function packLightCurves<F extends NumericArray, E extends NumericArray>(
  offsets: Int32Array,
  flux: F,
  err: E,
  keep: Uint8Array,
): PackedLightCurves<F, E> {
  checkLightCurves("packLightCurves", offsets, flux, err);
  if (keep.length !== offsets.length - 1) {
    throw new ArgumentError(`packLightCurves: keep has ${keep.length} entries but there are ${offsets.length - 1} light curves; give one per light curve.`);
  }
  let nLc = 0;
  let rows = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] === 1) {
      nLc++;
      rows += offsets[i + 1]! - offsets[i]!;
    }
  }
  const o = new Int32Array(nLc + 1);
  const f = allocateLike(flux, rows);
  const e = allocateLike(err, rows);
  let k = 0;
  let r = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] !== 1) continue;
    const lo = offsets[i]!;
    const hi = offsets[i + 1]!;
    f.set(flux.subarray(lo, hi), r);
    e.set(err.subarray(lo, hi), r);
    r += hi - lo;
    o[++k] = r;
  }
  return { offsets: o, flux: f, err: e };
}
