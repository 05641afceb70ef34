/**
 * Count, then gather: in DP1 about 99% of DiaObjects have a single DiaSource,
 * so a DiaSource validation that builds per-band light curves for every object
 * spends most of its time gathering rows that the minObs cut then throws away.
 * From the offsets, the band codes and the row mask alone (no gather), count
 * each object's kept rows per band; an object with no band reaching minObs
 * cannot pass the minObs cut, so its rows are cleared before anything is
 * gathered. The cut-flow is untouched: the row steps are tallied before this
 * runs, and the minObs step would have removed exactly these light curves.
 */

/**
 * Clear `keep` for the rows of every object none of whose bands has `minObs`
 * kept rows (rows grouped by `offsets`, which may start mid-column; `codes[r]`
 * is the band of row `offsets[0] + r`, -1 for none). O(rows): an object with
 * fewer than minObs kept rows in all is dropped without counting its bands.
 * Returns how many objects lost rows.
 *
 * @example
 * // object 0: 3 r rows; object 1: 2 r + 1 g; object 2: one row
 * const keep = new Uint8Array(7).fill(1);
 * dropShortObjects(keep, Int32Array.of(0, 3, 6, 7), Int32Array.of(0, 0, 0, 0, 1, 0, 0), 3); // 2
 * Array.from(keep); // [1, 1, 1, 0, 0, 0, 0]
 */
export function dropShortObjects(keep: Uint8Array, offsets: Int32Array, codes: Int32Array, minObs: number): number {
  const start = offsets[0]!;
  let nCodes = 0;
  for (let r = 0; r < codes.length; r++) if (codes[r]! >= nCodes) nCodes = codes[r]! + 1;
  const counts = new Int32Array(nCodes);
  let dropped = 0;
  for (let i = 0; i + 1 < offsets.length; i++) {
    const r0 = offsets[i]! - start;
    const r1 = offsets[i + 1]! - start;
    let total = 0;
    for (let r = r0; r < r1; r++) total += keep[r]!;
    if (total === 0) continue;
    let reaches = false;
    if (total >= minObs) {
      for (let r = r0; r < r1; r++) {
        const c = codes[r]!;
        if (keep[r] === 1 && c >= 0 && ++counts[c]! >= minObs) reaches = true;
      }
      for (let r = r0; r < r1; r++) if (codes[r]! >= 0) counts[codes[r]!] = 0;
    }
    if (reaches) continue;
    keep.fill(0, r0, r1);
    dropped++;
  }
  return dropped;
}
