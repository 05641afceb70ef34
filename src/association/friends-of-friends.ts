/**
 * Friends-of-friends clustering of sources: two sources closer than the
 * linking length are friends, and a DiaObject is a connected component of the
 * friendship graph (union-find with path halving and union by size over the
 * pairs the sky grid finds; O(n α(n)) after an O(n) index build at a fixed
 * density). Unlike sequential association it ignores visits (two sources of
 * one visit may share an object) and chains: a line of sources each within the
 * linking length of the next is one object however long it is.
 */
import { ArgumentError } from "../frame/errors.js";
import { compareKeys } from "../frame/key-index.js";
import type { FlatInput } from "../frame/verbs/from-flat.js";
import type { Association } from "./associate-sources.js";
import { type DiaObjectFrameOptions, diaObjectFrame } from "./dia-object-frame.js";
import { BruteSkyIndex } from "./brute-sky-index.js";
import { SkyGrid } from "./sky-grid.js";
import type { SkyIndex } from "./sky-index.js";
import { sourceTable } from "./source-table.js";

export interface FriendsOfFriendsOptions extends DiaObjectFrameOptions {
  /** Linking length, arcsec. */
  readonly linkingLength: number;
  /** Source position columns, degrees (default "ra", "dec"). */
  readonly ra?: string;
  readonly dec?: string;
  /** Source id column, int64, unique (default "diaSourceId"). */
  readonly id?: string;
  /** Orders sources within an object (default "visit" when the table has it). */
  readonly visit?: string;
  /** Spatial index: "grid" (default) or "brute" (O(n²) in all, the reference). */
  readonly index?: "grid" | "brute";
}

/** Root of `i` with path halving. */
function find(parent: Int32Array, i: number): number {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]!]!;
    i = parent[i]!;
  }
  return i;
}

/**
 * Component label of each point (0, 1, ... in order of each component's first
 * point) for positions `ra`, `dec` (degrees) and a linking length in arcsec.
 *
 * @example
 * const { label, count } = friendsOfFriendsLabels(Float64Array.of(0, 0, 0, 1), Float64Array.of(0, 0.8 / 3600, 1.6 / 3600, 0), 1);
 * Array.from(label); // [0, 0, 0, 1] (a chain of two 0.8" links, and a loner)
 * count; // 2
 */
export function friendsOfFriendsLabels(ra: ArrayLike<number>, dec: ArrayLike<number>, linkingLength: number, indexKind: "grid" | "brute" = "grid"): { label: Int32Array; count: number } {
  if (!(linkingLength > 0) || !Number.isFinite(linkingLength)) throw new ArgumentError(`friendsOfFriends needs a linking length > 0 in arcsec, got ${linkingLength}.`);
  const n = ra.length;
  const index: SkyIndex = indexKind === "brute" ? new BruteSkyIndex() : new SkyGrid(linkingLength);
  for (let i = 0; i < n; i++) index.add(ra[i]!, dec[i]!);
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  for (let i = 0; i < n; i++) parent[i] = i;
  for (let i = 0; i < n; i++) {
    const near = index.within(ra[i]!, dec[i]!, linkingLength);
    for (let k = 0; k < near.length; k++) {
      const j = near[k]!;
      if (j <= i) continue;
      let a = find(parent, i);
      let b = find(parent, j);
      if (a === b) continue;
      if (size[a]! < size[b]!) [a, b] = [b, a];
      parent[b] = a;
      size[a] += size[b]!;
    }
  }
  const label = new Int32Array(n).fill(-1);
  const rootLabel = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = find(parent, i);
    if (rootLabel[r]! < 0) rootLabel[r] = count++;
    label[i] = rootLabel[r]!;
  }
  return { label, count };
}

/**
 * Friends-of-friends DiaObjects: each component of sources linked within
 * `linkingLength` arcsec is one object, whose diaObjectId is the smallest
 * diaSourceId among its sources (deterministic whatever the row order).
 *
 * @example
 * const sources = { diaSourceId: BigInt64Array.of(7n, 5n, 9n), visit: BigInt64Array.of(1n, 2n, 3n), ra: Float64Array.of(0, 0, 0), dec: Float64Array.of(0, 0.8 / 3600, 1.6 / 3600) };
 * const fof = friendsOfFriends(sources, { linkingLength: 1 });
 * Array.from(fof.diaObjectId); // [5n, 5n, 5n] (one chain)
 * friendsOfFriends(sources, { linkingLength: 0.5 }).nObjects; // 3
 */
export function friendsOfFriends(sources: FlatInput, options: FriendsOfFriendsOptions): Association {
  const ra = options.ra ?? "ra";
  const dec = options.dec ?? "dec";
  const t = sourceTable(sources, options.id ?? "diaSourceId", ra, dec);
  const { label, count } = friendsOfFriendsLabels(t.ra, t.dec, options.linkingLength, options.index);
  // the row holding each component's smallest id, compared and copied as int32 halves (no BigInt per row)
  const ids = new Int32Array(t.ids.buffer, t.ids.byteOffset, 2 * t.n);
  const minRow = new Int32Array(count).fill(-1);
  for (let i = 0; i < t.n; i++) {
    const g = label[i]!;
    const m = minRow[g]!;
    if (m < 0 || compareKeys(ids[2 * i]!, ids[2 * i + 1]!, ids[2 * m]!, ids[2 * m + 1]!) < 0) minRow[g] = i;
  }
  const diaObjectId = new BigInt64Array(t.n);
  const out = new Int32Array(diaObjectId.buffer);
  for (let i = 0; i < t.n; i++) {
    const m = minRow[label[i]!]!;
    out[2 * i] = ids[2 * m]!;
    out[2 * i + 1] = ids[2 * m + 1]!;
  }
  const visit = options.visit ?? (Object.hasOwn(t.cols, "visit") ? "visit" : undefined);
  const sortBy = options.sortBy ?? visit;
  const objects = diaObjectFrame(t, diaObjectId, { ...options, ra, dec, ...(sortBy !== undefined ? { sortBy } : {}) });
  return { objects, diaObjectId, nObjects: count, conflicts: 0 };
}
