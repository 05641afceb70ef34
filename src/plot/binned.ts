/**
 * Binned counts as the figures take them: uniform bins from `lo` in steps of
 * `width`, plus the values that fell outside. A stats `HistogramJSON` is one,
 * so a validation's histograms plot as they are.
 */
import { ArgumentError } from "../frame/errors.js";

/** Counts over uniform bins `[lo + k·width, lo + (k+1)·width)`. */
export interface BinnedCounts {
  readonly lo: number;
  readonly width: number;
  readonly counts: ArrayLike<number>;
  /** Values below the first bin and at or above the last: they count in the total. */
  readonly underflow?: number;
  readonly overflow?: number;
}

/**
 * Every value a histogram counted, under- and overflow included (not NaN).
 *
 * @example
 * histogramTotal({ lo: 0, width: 1, counts: [2, 3], underflow: 1, overflow: 4 }); // 10
 */
export function histogramTotal(h: BinnedCounts): number {
  let t = (h.underflow ?? 0) + (h.overflow ?? 0);
  for (let k = 0; k < h.counts.length; k++) t += h.counts[k]!;
  return t;
}

/**
 * `h` unchanged when its bins can be drawn (finite lo, width > 0, counts
 * finite and >= 0), else an ArgumentError naming `what` and the bad value.
 *
 * @example
 * checkedHistogram({ lo: -1, width: 0.5, counts: [1, 2, 3, 4] }, "pulls").width; // 0.5
 */
export function checkedHistogram<T extends BinnedCounts>(h: T, what: string): T {
  if (!Number.isFinite(h.lo)) throw new ArgumentError(`${what}: lo must be a finite number, got ${h.lo}.`);
  if (!(h.width > 0) || !Number.isFinite(h.width)) throw new ArgumentError(`${what}: width must be a finite number > 0, got ${h.width}.`);
  for (let k = 0; k < h.counts.length; k++) {
    const c = h.counts[k]!;
    if (!(c >= 0) || !Number.isFinite(c)) throw new ArgumentError(`${what}: counts[${k}] must be a finite count >= 0, got ${c}.`);
  }
  for (const side of ["underflow", "overflow"] as const) {
    const c = h[side];
    if (c !== undefined && (!(c >= 0) || !Number.isFinite(c))) throw new ArgumentError(`${what}: ${side} must be a finite count >= 0, got ${c}.`);
  }
  return h;
}
