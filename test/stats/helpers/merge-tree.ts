/**
 * Split a sample into pieces and merge the pieces' accumulators back along a
 * random tree, for the merge-invariance property tests of mergeable statistics
 * (Histogram, Moments). Test helper only.
 */

/** Anything mergeable: `merge` folds another accumulator in and returns the receiver. */
export interface Mergeable<T> {
  clone(): T;
  merge(other: T): T;
}

/**
 * Cut `values` at the positions `cuts` (each taken modulo length + 1, in sorted
 * order), giving cuts.length + 1 contiguous pieces, some possibly empty.
 */
export function splitAt<V>(values: readonly V[], cuts: readonly number[]): V[][] {
  const points = [0, ...cuts.map((c) => c % (values.length + 1)), values.length].sort((x, y) => x - y);
  const pieces: V[][] = [];
  for (let i = 0; i + 1 < points.length; i++) pieces.push(values.slice(points[i], points[i + 1]));
  return pieces;
}

/**
 * Merge `pieces` in a random order, pairing pieces at random positions (a random
 * merge tree): `order` (any naturals, reused cyclically) picks position i, which is
 * merged into a clone of its right neighbour (wrapping). The pieces are not modified.
 * Throws when there is no piece.
 */
export function mergeAlongRandomTree<T extends Mergeable<T>>(pieces: readonly T[], order: readonly number[]): T {
  if (pieces.length === 0) throw new Error("mergeAlongRandomTree: no pieces to merge.");
  const pool = pieces.slice();
  let r = 0;
  while (pool.length > 1) {
    const i = (order[r++ % Math.max(1, order.length)] ?? 0) % pool.length;
    const j = (i + 1) % pool.length;
    const merged = pool[j]!.clone().merge(pool[i]!);
    pool.splice(Math.max(i, j), 1);
    pool.splice(Math.min(i, j), 1, merged);
  }
  return pool[0]!;
}
