/**
 * Which group each per-band light curve falls in (band, and on request field
 * and one-magnitude bin), and the light curves reordered so that every group
 * is one contiguous run. A counting sort on an integer key: O(light curves),
 * stable, so light curves keep their order inside a group.
 */

/** One group: its key parts and its run [first, last) in the sorted order. */
export interface GroupRange {
  /** Band code (index into the band labels). */
  readonly band: number;
  /** Field index, -1 beyond every field; 0 when not grouping by field. */
  readonly field: number;
  /** Lower edge of the magnitude bin; NaN when not grouping by magnitude or the flux is not positive. */
  readonly mag: number;
  readonly first: number;
  readonly last: number;
}

/**
 * Order the kept light curves (`keep[i] === 1`) by band, then field (-1 last), then
 * magnitude bin (NaN last), and list each group's run.
 *
 * @example
 * const { order, list } = groupLightCurves(Uint8Array.of(1, 1, 0, 1), Int32Array.of(1, 0, 0, 1), undefined, undefined);
 * // order [1, 0, 3]; list: band 0 at [0, 1), band 1 at [1, 3)
 */
export function groupLightCurves(keep: Uint8Array, band: Int32Array, field: Int8Array | undefined, mag: Float64Array | undefined): { order: Int32Array; list: GroupRange[] } {
  const n = keep.length;
  let nb = 0;
  let nf = 1;
  let mLo = Infinity;
  let mHi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (keep[i] !== 1) continue;
    nb = Math.max(nb, band[i]! + 1);
    if (field) nf = Math.max(nf, field[i]! + 2);
    if (mag && Number.isFinite(mag[i]!)) {
      mLo = Math.min(mLo, mag[i]!);
      mHi = Math.max(mHi, mag[i]!);
    }
  }
  const nm = mLo <= mHi ? mHi - mLo + 2 : 1; // the last slot holds NaN magnitudes
  const key = new Int32Array(n).fill(-1);
  const counts = new Int32Array(nb * nf * nm + 1);
  for (let i = 0; i < n; i++) {
    if (keep[i] !== 1) continue;
    // field -1 ("none") sorts after the fields, in slot nf - 1
    const fs = field === undefined ? 0 : field[i]! < 0 ? nf - 1 : field[i]!;
    const ms = mag === undefined || !Number.isFinite(mag[i]!) ? nm - 1 : mag[i]! - mLo;
    const k = (band[i]! * nf + fs) * nm + ms;
    key[i] = k;
    counts[k + 1]!++;
  }
  for (let k = 1; k < counts.length; k++) counts[k]! += counts[k - 1]!;
  const order = new Int32Array(counts[counts.length - 1]!);
  const next = counts.slice(0, -1);
  for (let i = 0; i < n; i++) if (key[i]! >= 0) order[next[key[i]!]!++] = i;
  const list: GroupRange[] = [];
  for (let k = 0; k + 1 < counts.length; k++) {
    if (counts[k + 1] === counts[k]) continue;
    const i = order[counts[k]!]!;
    list.push({
      band: band[i]!,
      field: field === undefined ? 0 : field[i]!,
      mag: mag === undefined || !Number.isFinite(mag[i]!) ? NaN : mag[i]!,
      first: counts[k]!,
      last: counts[k + 1]!,
    });
  }
  return { order, list };
}
