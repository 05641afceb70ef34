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
import type { NestedFrame } from "../frame/nested-frame.js";
import { groupCodes } from "../frame/verbs/group-codes.js";
import { reducedChi2 } from "../stats/reduced-chi2.js";
import { weightedMeans } from "../stats/weighted-mean.js";
import type { FluxPair } from "./products.js";
import { dropShortObjects } from "./validate-prefilter.js";
import { dropRepeats } from "./validate-repeats.js";

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
 * all), for rows grouped by `offsets` with band codes `codes` (rows of
 * `offsets[0]..` map to `codes[0]..`; -1 for a null band: such a row counts as
 * a point of its object but belongs to no light curve). O(rows), any number of bands.
 *
 * @example
 * tallyRows(Int32Array.of(0, 3, 4), Int32Array.of(0, 1, 0, -1)); // { objects: 2, lightCurves: 2, points: 4 }
 */
export function tallyRows(offsets: Int32Array, codes: Int32Array, keep?: Uint8Array): { objects: number; lightCurves: number; points: number } {
  const start = offsets[0]!;
  let nCodes = 0;
  for (let r = 0; r < codes.length; r++) if (codes[r]! >= nCodes) nCodes = codes[r]! + 1;
  // stamp[code] = the last object (plus one) that had a kept row of that band
  const stamp = new Int32Array(nCodes);
  let objects = 0;
  let lightCurves = 0;
  let points = 0;
  for (let i = 0; i + 1 < offsets.length; i++) {
    const before = points;
    for (let r = offsets[i]! - start; r < offsets[i + 1]! - start; r++) {
      if (keep !== undefined && keep[r] === 0) continue;
      points++;
      const c = codes[r]!;
      if (c >= 0 && stamp[c] !== i + 1) {
        stamp[c] = i + 1;
        lightCurves++;
      }
    }
    if (points > before) objects++;
  }
  return { objects, lightCurves, points };
}

/**
 * Objects, light curves and points of per-band light curves kept by `keep`;
 * `object` is each light curve's object position (< nObjects).
 *
 * @example
 * tallyLightCurves(Int32Array.of(0, 0, 1), Int32Array.of(0, 4, 5, 7), Uint8Array.of(1, 0, 1), 2); // { objects: 2, lightCurves: 2, points: 6 }
 */
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

/**
 * Clear `keep[r]` where any flag column is set or null (an unknown flag is not a
 * clean measurement); rows `start + r` of the columns.
 *
 * @example
 * const keep = Uint8Array.of(1, 1, 1);
 * dropFlagged(keep, [{ type: "bool", values: Uint8Array.of(0, 1, 0) }], 0); // keep [1, 0, 1]
 */
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

/**
 * Clear `keep[r]` unless the flux is finite and the error in (0, inf), both present.
 *
 * @example
 * const keep = Uint8Array.of(1, 1, 1);
 * dropUnusable(keep, { type: "float32", values: Float32Array.of(1, NaN, 2) }, { type: "float32", values: Float32Array.of(1, 1, 0) }, 0); // keep [1, 0, 0]
 */
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

/**
 * The cut-flow being written, step by step.
 *
 * @example
 * const log = new CutflowLog();
 * log.record("input", "10 objects", { objects: 10, lightCurves: 25, points: 300 });
 */
export class CutflowLog {
  readonly steps: ValidationStep[] = [];
  record(step: string, detail: string, t: { objects: number; lightCurves: number; points: number }): void {
    this.steps.push({ step, detail, ...t });
  }
}

export interface RowCutColumns {
  readonly nest: string;
  readonly band: string;
  readonly flags: readonly string[];
  /** The validated flux pair: rows where it is not usable are dropped. */
  readonly flux: FluxPair;
  /** Fields carried along for later use (the magnitude's flux pair), never cut on. */
  readonly carry?: readonly string[];
  /** The field that identifies an exposure (visit, else time): repeats of an (object, exposure) are dropped. Absent: not checked. */
  readonly repeatKey?: { readonly field: string; readonly isVisit: boolean } | undefined;
  /**
   * The minObs cut that follows, to clear before gathering the rows of objects that cannot pass it
   * (dropShortObjects): the kept frame then holds only objects with a band of that many rows, the
   * cut-flow is the same. Absent: every kept row is gathered.
   */
  readonly prefilterMinObs?: number | undefined;
}

/**
 * The row-level cuts (band, flags, finite values, repeated visits), each recorded in `log`;
 * returns `input` reduced to the kept observations and the band, flux and carried fields.
 *
 * @example
 * const log = new CutflowLog();
 * const kept = cutRows(frame, { nest: "lc", band: "band", flags: ["psfFlux_flag"], flux: { flux: "psfFlux", err: "psfFluxErr" } }, ["u", "g", "r", "i", "z", "y"], false, "ForcedSource", log);
 */
export function cutRows(input: NestedFrame, c: RowCutColumns, bands: readonly string[], restricted: boolean, productName: string, log: CutflowLog): NestedFrame {
  const nc = input.nest(c.nest);
  const o = nc.offsets;
  const start = o[0]!;
  const rows = o[o.length - 1]! - start;
  const fields = nc.fields;
  const { codes, labels } = groupCodes(fields[c.band]!, start, start + rows, `${c.nest}.${c.band}`);
  const keep = new Uint8Array(rows).fill(1);
  const first = tallyRows(o, codes, keep);
  const empty = input.length - first.objects;
  log.record("input", `${productName} ${c.nest}: ${input.length} objects${empty > 0 ? ` (${empty} empty)` : ""}`, first);

  const wanted = Uint8Array.from(labels, (l) => (bands.includes(l) ? 1 : 0));
  for (let r = 0; r < rows; r++) if (codes[r]! < 0 || wanted[codes[r]!] === 0) keep[r] = 0;
  log.record("band", restricted ? `band not in ${bands.join(", ")} (or null)` : "band is null", tallyRows(o, codes, keep));

  dropFlagged(keep, c.flags.map((f) => fields[f]!), start);
  log.record("flags", `any of ${c.flags.length} flags set: ${c.flags.join(", ")}`, tallyRows(o, codes, keep));

  dropUnusable(keep, fields[c.flux.flux]!, fields[c.flux.err]!, start);
  log.record("finite", `${c.flux.flux} not finite or ${c.flux.err} not in (0, inf)`, tallyRows(o, codes, keep));

  const rk = c.repeatKey;
  if (rk) dropRepeats(keep, o, codes, fields[rk.field]!, rk.isVisit);
  const what = rk ? `same object${rk.isVisit ? "" : " and band"} and ${rk.field} as an earlier usable row (the first is kept)` : "not checked: no visit or time column";
  log.record("duplicate", what, tallyRows(o, codes, keep));
  if (c.prefilterMinObs !== undefined) dropShortObjects(keep, o, codes, c.prefilterMinObs);

  const columns = [...new Set([c.band, c.flux.flux, c.flux.err, ...(c.carry ?? [])])].map((f) => `${c.nest}.${f}`);
  // filterObservations' mask starts at the nest's first row, as `keep` does.
  return input.select(columns).filterObservations(c.nest, keep);
}

export interface LightCurveCuts {
  readonly minObs: number;
  readonly clipSigma: number;
  readonly maxReducedChi2?: number | undefined;
}

/**
 * The light-curve cuts on per-band light curves (nest `lc`, base `object`):
 * fewer than minObs points, a point beyond clipSigma of the weighted mean, and
 * optionally a reduced chi-square above a threshold. Returns the keep mask and
 * the weighted means.
 *
 * @example
 * const lcs = bandLightCurves(frame, "lc");
 * const { keep } = cutLightCurves(lcs, { flux: "psfFlux", err: "psfFluxErr" }, { minObs: 2, clipSigma: 10 }, frame.length, new CutflowLog());
 */
export function cutLightCurves(lcs: NestedFrame, flux: FluxPair, o: LightCurveCuts, nObjects: number, log: CutflowLog): { keep: Uint8Array; mean: Float64Array } {
  const arrays = lcs.lightCurveArrays("lc", [flux.flux, flux.err]);
  const lo = arrays.offsets;
  const f = arrays.values[0]!;
  const e = arrays.values[1]!;
  const object = lcs.numbers("object");
  const n = lcs.length;
  const keep = new Uint8Array(n).fill(1);
  for (let i = 0; i < n; i++) if (lo[i + 1]! - lo[i]! < o.minObs) keep[i] = 0;
  log.record("minObs", `fewer than ${o.minObs} points in the band`, tallyLightCurves(object, lo, keep, nObjects));

  const { mean } = weightedMeans(lo, f, e);
  for (let i = 0; i < n; i++) {
    if (keep[i] === 0) continue;
    const mu = mean[i]!;
    for (let r = lo[i]!; r < lo[i + 1]!; r++) {
      if (Math.abs(f[r]! - mu) / e[r]! > o.clipSigma) {
        keep[i] = 0;
        break;
      }
    }
  }
  log.record("clip", `a point beyond ${o.clipSigma} sigma of the weighted mean`, tallyLightCurves(object, lo, keep, nObjects));

  const max = o.maxReducedChi2;
  if (max !== undefined) {
    const red = reducedChi2(lo, f, e, mean);
    for (let i = 0; i < n; i++) if (keep[i] === 1 && red[i]! > max) keep[i] = 0;
    log.record("chi2", `reduced chi-square (reported errors) above ${max}`, tallyLightCurves(object, lo, keep, nObjects));
  }
  return { keep, mean };
}
