import { type Column, sliceColumn } from "../column.js";
import { ArgumentError } from "../errors.js";
import { type NestedColumn } from "../nested-column.js";
import { NestedFrame } from "../nested-frame.js";

/**
 * The first `n` objects (default 5; fewer when the frame is shorter) as a zero-copy
 * view: base columns are subarrays and nested offsets a subarray sharing the
 * children (so offsets[0] may be > 0 downstream). It adds no cut-flow step: head is
 * for looking at data, not a selection; use `loc` to select objects on the record.
 *
 * @example
 * console.log(head(frame, 3).toString());
 */
export function head(frame: NestedFrame, n = 5): NestedFrame {
  if (!Number.isInteger(n) || n < 0) throw new ArgumentError(`head: n must be a non-negative integer, got ${n}.`);
  const m = Math.min(n, frame.length);
  const base: Record<string, Column> = {};
  for (const [name, c] of Object.entries(frame.base)) base[name] = sliceColumn(c, 0, m);
  const nested: Record<string, NestedColumn> = {};
  for (const [name, c] of Object.entries(frame.nested)) nested[name] = { offsets: c.offsets.subarray(0, m + 1), fields: c.fields };
  return new NestedFrame({ base, nested, length: m, cutflow: frame.cutflowSteps });
}
