import { type Column, gatherColumn, sliceColumn } from "../column.js";
import { nestedParents } from "../nested-column.js";
import { NestedFrame } from "../nested-frame.js";

/**
 * One row per observation of `nest` (default: the only nest): base columns
 * repeated for each of the object's observations (int64 ids exactly), then the
 * nest's fields as columns named by field (zero-copy views). A field whose name
 * is also a base column is named `nest.field`. Other nests are left out, since
 * their rows do not line up. Objects with no observations give no rows.
 *
 * @example
 * const flat = toFlat(frame, "lc");
 * flat.length === frame.nest("lc").offsets.at(-1)! - frame.nest("lc").offsets[0]!;
 */
export function toFlat(frame: NestedFrame, nest?: string): NestedFrame {
  const name = nest ?? frame.defaultNest();
  const nc = frame.nest(name);
  const o = nc.offsets;
  const start = o[0]!;
  const end = o[o.length - 1]!;
  const parent = nestedParents(nc);
  const base: Record<string, Column> = {};
  for (const [b, c] of Object.entries(frame.base)) base[b] = gatherColumn(c, parent);
  for (const [f, c] of Object.entries(nc.fields)) base[Object.hasOwn(base, f) ? `${name}.${f}` : f] = sliceColumn(c, start, end);
  return new NestedFrame({ base, length: end - start, cutflow: frame.cutflowSteps });
}
