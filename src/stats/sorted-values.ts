/**
 * Ascending values read by position, wherever they are held: an array in
 * memory, or a file written by the external sorter. The order statistics of
 * a large sample (KS, Anderson–Darling, the median and MAD) read them block
 * by block, so a sample larger than memory needs only a block at a time.
 */
import { ArgumentError } from "../frame/errors.js";

/** A sorted sample read by position. */
export interface SortedValues {
  /** How many values. */
  readonly length: number;
  /**
   * Values `start .. start + count - 1` (within 0..length), ascending. A view
   * of the caller's array, or a new array; do not write to it.
   */
  read(start: number, count: number): Float64Array;
}

/** Values per block when a statistic walks a sorted sample (512 KB of float64). */
export const SORTED_BLOCK = 65536;

/**
 * Throw ArgumentError unless `start .. start + count` lies within `length` values.
 *
 * @example
 * checkSortedRange(3, 1, 2); // fine: values 1 and 2 of 3
 */
export function checkSortedRange(length: number, start: number, count: number): void {
  if (!(Number.isInteger(start) && Number.isInteger(count) && start >= 0 && count >= 0 && start + count <= length)) {
    throw new ArgumentError(`SortedValues.read(${start}, ${count}): a range within the ${length} values is expected.`);
  }
}

/**
 * An ascending Float64Array as SortedValues (blocks are views, no copy). The
 * order is the caller's promise; it is not checked.
 *
 * @example
 * const s = sortedArray(Float64Array.of(1, 2, 5));
 * s.read(1, 2); // Float64Array [2, 5]
 */
export function sortedArray(values: Float64Array): SortedValues {
  return {
    length: values.length,
    read(start, count) {
      checkSortedRange(values.length, start, count);
      return values.subarray(start, start + count);
    },
  };
}

/**
 * The value at position `i` (0-based) of a sorted sample.
 *
 * @example
 * sortedValueAt(sortedArray(Float64Array.of(1, 2, 5)), 2); // 5
 */
export function sortedValueAt(values: SortedValues, i: number): number {
  return values.read(i, 1)[0]!;
}
