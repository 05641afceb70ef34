/**
 * Purity and completeness of an association against the truth, from the
 * contingency counts n(a, t) = sources assigned to object a whose true object is t.
 */
import { type Column, makeColumn } from "../frame/column.js";
import { ArgumentError } from "../frame/errors.js";
import { groupKeys, keyPairs } from "../frame/key-index.js";

export interface AssociationScores {
  /** Σ_a max_t n(a, t) / N: the fraction of sources that belong to their object's dominant true object. */
  readonly purity: number;
  /** Σ_t max_a n(a, t) / N: the fraction of sources that sit in the object holding most of their true object's sources. */
  readonly completeness: number;
  /** Fraction of assigned objects with at least `threshold` of their sources from one true object (1: all). */
  readonly pureObjects: number;
  /** Fraction of true objects with at least `threshold` of their sources in one assigned object (1: all). */
  readonly completeObjects: number;
  /** Sources, assigned objects, true objects. */
  readonly nSources: number;
  readonly nAssigned: number;
  readonly nTrue: number;
}

/**
 * Score an assignment against the truth: `trueIds[i]` is the true object of
 * source i, `assignedIds[i]` the object association gave it (int64 or integer
 * arrays). A purity below 1 means objects mix sources of different true
 * objects (merging); a completeness below 1 means true objects were split over
 * several assigned objects. O(n).
 *
 * @example
 * const s = associationScores(BigInt64Array.of(1n, 1n, 1n, 2n), BigInt64Array.of(10n, 10n, 11n, 10n));
 * s.purity; // 0.75 (object 10 holds 1, 1, 2: its dominant truth has 2 of 3; object 11 is pure: (2 + 1) / 4)
 * s.completeness; // 0.75 (true 1 is split 2 + 1; true 2 is whole: (2 + 1) / 4)
 * s.pureObjects; // 0.5 (object 11 only)
 * s.completeObjects; // 0.5 (true object 2 only)
 */
export function associationScores(
  trueIds: BigInt64Array | Int32Array,
  assignedIds: BigInt64Array | Int32Array,
  options: { readonly threshold?: number } = {},
): AssociationScores {
  const n = trueIds.length;
  if (assignedIds.length !== n) throw new ArgumentError(`associationScores: ${n} true ids but ${assignedIds.length} assigned ids; give one of each per source.`);
  const threshold = options.threshold ?? 1;
  if (!(threshold > 0 && threshold <= 1)) throw new ArgumentError(`associationScores: threshold must be in (0, 1], got ${threshold}.`);
  const tg = groupKeys(keyPairs(makeColumn(trueIds) as Column, "trueIds"));
  const ag = groupKeys(keyPairs(makeColumn(assignedIds) as Column, "assignedIds"));
  const pairs = new Int32Array(2 * n);
  for (let i = 0; i < n; i++) {
    pairs[2 * i] = tg.groupOf[i]!;
    pairs[2 * i + 1] = ag.groupOf[i]!;
  }
  const pg = groupKeys(pairs);
  const count = new Int32Array(pg.count);
  for (let i = 0; i < n; i++) count[pg.groupOf[i]!]++;
  const sizeT = new Int32Array(tg.count);
  const sizeA = new Int32Array(ag.count);
  const maxT = new Int32Array(tg.count);
  const maxA = new Int32Array(ag.count);
  for (let g = 0; g < pg.count; g++) {
    const row = pg.firstRow[g]!;
    const t = tg.groupOf[row]!;
    const a = ag.groupOf[row]!;
    const c = count[g]!;
    sizeT[t] += c;
    sizeA[a] += c;
    if (c > maxT[t]!) maxT[t] = c;
    if (c > maxA[a]!) maxA[a] = c;
  }
  let sumA = 0;
  let pure = 0;
  for (let a = 0; a < ag.count; a++) {
    sumA += maxA[a]!;
    if (maxA[a]! >= threshold * sizeA[a]!) pure++;
  }
  let sumT = 0;
  let complete = 0;
  for (let t = 0; t < tg.count; t++) {
    sumT += maxT[t]!;
    if (maxT[t]! >= threshold * sizeT[t]!) complete++;
  }
  return {
    purity: n > 0 ? sumA / n : NaN,
    completeness: n > 0 ? sumT / n : NaN,
    pureObjects: ag.count > 0 ? pure / ag.count : NaN,
    completeObjects: tg.count > 0 ? complete / tg.count : NaN,
    nSources: n,
    nAssigned: ag.count,
    nTrue: tg.count,
  };
}
