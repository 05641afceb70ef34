/**
 * Sequential nearest-neighbour association of DiaSources into DiaObjects, as
 * Rubin's prompt processing does it visit by visit (lsst ap_association):
 *
 * 1. Sources are processed in visit order (then by diaSourceId within a visit).
 * 2. Each source of a visit looks for the nearest DiaObject that existed before
 *    the visit, within `radius` arcsec (great-circle distance).
 * 3. Conflicts: an object takes at most one source per visit. The visit's
 *    (source, nearest object) pairs are taken from the closest to the farthest
 *    (ties: smaller diaSourceId first); a source whose nearest object was
 *    already taken in this visit starts a new object, as ap_association's
 *    match step does (it does not fall back to its second-nearest object).
 * 4. Every source not matched starts a new DiaObject whose diaObjectId is that
 *    source's diaSourceId (ap_association's rule), so ids are exact int64s,
 *    deterministic, and unique when the source ids are.
 * 5. After the visit, each object's position becomes the mean direction of all
 *    its sources (the normalised sum of their unit vectors, what
 *    lsst.geom.averageSpherePoint computes; kept as a running sum, so O(1) per
 *    source). A mean of unit vectors, unlike a mean of ra, is right across
 *    ra = 0/360 and near the poles.
 *
 * Positions used within one visit are those after the previous visit, and the
 * order is fixed by (visit, id), so the result does not depend on the input's
 * row order. With the grid index the whole run is O(n log n) (the sort; the
 * matching is O(1) per source at a fixed density).
 */
import { ArgumentError } from "../frame/errors.js";
import type { FlatInput } from "../frame/verbs/from-flat.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { type DiaObjectFrameOptions, diaObjectFrame } from "./dia-object-frame.js";
import { BruteSkyIndex } from "./brute-sky-index.js";
import { SkyGrid } from "./sky-grid.js";
import type { SkyIndex } from "./sky-index.js";
import { vectorToRaDec } from "./sky-geometry.js";
import { sourceTable, visitOrder } from "./source-table.js";

export interface AssociateOptions extends DiaObjectFrameOptions {
  /** Association radius, arcsec (ap_association's default maxDistArcSeconds is 1). */
  readonly radius: number;
  /** Source position columns, degrees (default "ra", "dec"). */
  readonly ra?: string;
  readonly dec?: string;
  /** Visit id (int64) or time (numeric) column: sources with equal values are one visit (default "visit"). */
  readonly visit?: string;
  /** Source id column, int64, unique (default "diaSourceId"). */
  readonly id?: string;
  /** Spatial index: "grid" (default) or "brute" (the O(n) per query reference, for tests and benchmarks). */
  readonly index?: "grid" | "brute";
}

/** The result of an association: the DiaObjects and the assignment of every input row. */
export interface Association {
  /** One row per DiaObject, ordered by diaObjectId, with base aggregates and nested sources. */
  readonly objects: NestedFrame;
  /** The diaObjectId of each input row, in input order. */
  readonly diaObjectId: BigInt64Array;
  /** Number of DiaObjects. */
  readonly nObjects: number;
  /** Sources whose nearest object was taken by a closer source of the same visit (each started a new object). */
  readonly conflicts: number;
}

/** A copy of `a` in a buffer of length `m`. */
function grow<T extends Int32Array | Float64Array>(a: T, m: number): T {
  const b = new (a.constructor as new (n: number) => T)(m);
  b.set(a);
  return b;
}

/**
 * Associate DiaSources into DiaObjects, visit by visit (see the module comment
 * for the exact rules), and build the DiaObject frame with its aggregates.
 *
 * @example
 * const sources = {
 *   diaSourceId: BigInt64Array.of(11n, 12n, 13n), visit: BigInt64Array.of(1n, 2n, 2n),
 *   ra: Float64Array.of(10, 10 + 0.5 / 3600, 10 + 5 / 3600), dec: Float64Array.of(-30, -30, -30),
 * };
 * const a = associateSources(sources, { radius: 1 });
 * Array.from(a.diaObjectId); // [11n, 11n, 13n] (12 joins 11: 0.43" away; 13 is 4.3" away)
 * a.objects.toArray("nDiaSources"); // [2, 1]
 * associateSources(sources, { radius: 0.4 }).nObjects; // 3
 */
export function associateSources(sources: FlatInput, options: AssociateOptions): Association {
  const radius = options.radius;
  if (!(radius > 0) || !Number.isFinite(radius)) throw new ArgumentError(`associateSources needs a radius > 0 in arcsec, got ${radius}.`);
  const ra = options.ra ?? "ra";
  const dec = options.dec ?? "dec";
  const visit = options.visit ?? "visit";
  const t = sourceTable(sources, options.id ?? "diaSourceId", ra, dec);
  const { order, starts } = visitOrder(t, visit);
  const index: SkyIndex = options.index === "brute" ? new BruteSkyIndex() : new SkyGrid(radius);
  const n = t.n;
  const xyz = t.xyz;
  const owner = new Int32Array(n).fill(-1);
  // Per object: running sum of unit vectors, its first row, the last visit (run number) it took a source.
  let sum = new Float64Array(3 * 1024);
  let firstRow = new Int32Array(1024);
  let lastRun = new Int32Array(1024);
  let nObj = 0;
  let conflicts = 0;
  const cand = new Int32Array(n);
  const dist = new Float64Array(n);
  const rd = new Float64Array(2);
  const touched = new Int32Array(n);
  const byDistance = (a: number, b: number): number => dist[a]! - dist[b]! || a - b;
  for (let run = 0; run + 1 < starts.length; run++) {
    const g0 = starts[run]!;
    const g1 = starts[run + 1]!;
    // 2. nearest object existing before this visit
    for (let k = g0; k < g1; k++) {
      const row = order[k]!;
      cand[k] = index.nearest(t.ra[row]!, t.dec[row]!, radius);
      dist[k] = index.lastChord2;
    }
    // 3. closest pairs first; an object takes one source per visit
    const ks = new Int32Array(g1 - g0);
    let nk = 0;
    for (let k = g0; k < g1; k++) if (cand[k]! >= 0) ks[nk++] = k;
    const pairs = ks.subarray(0, nk).sort(byDistance);
    let nTouched = 0;
    for (const k of pairs) {
      const obj = cand[k]!;
      if (lastRun[obj] === run + 1) {
        conflicts++;
        continue;
      }
      lastRun[obj] = run + 1;
      const row = order[k]!;
      owner[row] = obj;
      sum[3 * obj] += xyz[3 * row]!;
      sum[3 * obj + 1] += xyz[3 * row + 1]!;
      sum[3 * obj + 2] += xyz[3 * row + 2]!;
      touched[nTouched++] = obj;
    }
    // 4. new objects, in id order
    for (let k = g0; k < g1; k++) {
      const row = order[k]!;
      if (owner[row]! >= 0) continue;
      if (nObj === firstRow.length) {
        sum = grow(sum, 6 * nObj);
        firstRow = grow(firstRow, 2 * nObj);
        lastRun = grow(lastRun, 2 * nObj);
      }
      const obj = index.add(t.ra[row]!, t.dec[row]!);
      nObj++;
      owner[row] = obj;
      firstRow[obj] = row;
      lastRun[obj] = run + 1;
      sum[3 * obj] = xyz[3 * row]!;
      sum[3 * obj + 1] = xyz[3 * row + 1]!;
      sum[3 * obj + 2] = xyz[3 * row + 2]!;
    }
    // 5. matched objects move to their new mean direction
    for (let j = 0; j < nTouched; j++) {
      const obj = touched[j]!;
      vectorToRaDec(sum[3 * obj]!, sum[3 * obj + 1]!, sum[3 * obj + 2]!, rd);
      index.move(obj, rd[0]!, rd[1]!);
    }
  }
  // diaObjectId of each row = the id of its object's first source, copied as int32 halves (no BigInt per row)
  const diaObjectId = new BigInt64Array(n);
  const src = new Int32Array(t.ids.buffer, t.ids.byteOffset, 2 * n);
  const dst = new Int32Array(diaObjectId.buffer);
  for (let row = 0; row < n; row++) {
    const from = firstRow[owner[row]!]!;
    dst[2 * row] = src[2 * from]!;
    dst[2 * row + 1] = src[2 * from + 1]!;
  }
  const objects = diaObjectFrame(t, diaObjectId, { ...options, ra, dec, sortBy: options.sortBy ?? visit });
  return { objects, diaObjectId, nObjects: nObj, conflicts };
}
