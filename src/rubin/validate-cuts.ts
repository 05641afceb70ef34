/**
 * The cuts of the DP1 flux-error recipe as masks, and the cut-flow they leave:
 * after every step, how many objects, (object, band) light curves and points
 * remain. Row-level cuts (band, flags, finite values) are masks over the input
 * observations; light-curve cuts (too few points, a point beyond the clip,
 * variability) are masks over the per-band light curves. Nothing is dropped
 * without a step saying so, and the points of consecutive steps account for
 * every input row.
 */
import type { Column, NumericArray } from "../frame/column.js";

/** One row of the validation cut-flow. */
export interface ValidationStep {
  /** Short name: input, band, flags, finite, minObs, clip, variability. */
  readonly step: string;
  /** What the step removes, in words. */
  readonly detail: string;
  /** Objects with at least one point left. */
  readonly objects: number;
  /** (object, band) light curves with at least one point left. */
  readonly lightCurves: number;
  readonly points: number;
}

/**
 * Objects, (object, band) pairs and points kept by `keep` (1 = kept; absent =
 * all), for rows grouped by `offsets` with band codes `codes` (< 32 bands; rows
 * of `offsets[0]..` map to `codes[0]..`).
 */
export function tallyRows(offsets: Int32Array, codes: Int32Array, keep?: Uint8Array): { objects: number; lightCurves: number; points: number } {
  const start = offsets[0]!;
  let objects = 0;
  let lightCurves = 0;
  let points = 0;
  for (let i = 0; i + 1 < offsets.length; i++) {
    let seen = 0;
    for (let r = offsets[i]! - start; r < offsets[i + 1]! - start; r++) {
      if (keep !== undefined && keep[r] === 0) continue;
      seen |= 1 << codes[r]!;
      points++;
    }
    if (seen !== 0) {
      objects++;
      // popcount: the number of bands this object still has
      let v = seen >>> 0;
      while (v !== 0) {
        v &= v - 1;
        lightCurves++;
      }
    }
  }
  return { objects, lightCurves, points };
}

/** Objects, light curves and points of per-band light curves kept by `keep`. */
export function tallyLightCurves(object: NumericArray, offsets: Int32Array, keep: Uint8Array, nObjects: number): { objects: number; lightCurves: number; points: number } {
  const seen = new Uint8Array(nObjects);
  let objects = 0;
  let lightCurves = 0;
  let points = 0;
  for (let i = 0; i < keep.length; i++) {
    if (keep[i] === 0) continue;
    lightCurves++;
    points += offsets[i + 1]! - offsets[i]!;
    const o = object[i]!;
    if (seen[o] === 0) {
      seen[o] = 1;
      objects++;
    }
  }
  return { objects, lightCurves, points };
}

/** Clear `keep[r]` where any flag column is set or null (an unknown flag is not a clean measurement). */
export function dropFlagged(keep: Uint8Array, flags: readonly Column[], start: number): void {
  for (const c of flags) {
    if (c.type === "dict" || c.type === "int64") continue;
    const v = c.values;
    const valid = c.valid;
    for (let r = 0; r < keep.length; r++) {
      if (v[r + start] !== 0 || (valid !== undefined && valid[r + start] === 0)) keep[r] = 0;
    }
  }
}

/** Clear `keep[r]` unless the flux is finite and the error in (0, inf), both present. */
export function dropUnusable(keep: Uint8Array, flux: Column, err: Column, start: number): void {
  if (flux.type === "dict" || flux.type === "int64" || err.type === "dict" || err.type === "int64") return;
  const f = flux.values;
  const e = err.values;
  const fv = flux.valid;
  const ev = err.valid;
  for (let r = 0; r < keep.length; r++) {
    const x = f[r + start]!;
    const s = e[r + start]!;
    const ok = x - x === 0 && s > 0 && s < Infinity && (fv === undefined || fv[r + start] === 1) && (ev === undefined || ev[r + start] === 1);
    if (!ok) keep[r] = 0;
  }
}
