import { makeColumn } from "../column.js";
import { nestField, nestedSizes } from "../nested-column.js";
import type { NestedFrame } from "../nested-frame.js";
import { groupCodes } from "./group-codes.js";

/**
 * Observations per object as int32 base columns, like nested-pandas' count_nested:
 * `n_<nest>`, or with `by` one column `n_<nest>_<value>` per value of a dictionary,
 * integer or bool field (values in dictionary / first-seen order; null values are not counted).
 *
 * @example
 * countNested(frame, "lc", { by: "band" }).column("n_lc_r");
 */
export function countNested(frame: NestedFrame, nest: string, options: { by?: string } = {}): NestedFrame {
  const nc = frame.nest(nest);
  if (options.by === undefined) return frame.withColumn(`n_${nest}`, makeColumn(nestedSizes(nc)));
  const { field: by, column: col } = nestField(nest, nc, options.by, "countNested by");
  const o = nc.offsets;
  const start = o[0]!;
  const { codes, labels } = groupCodes(col, start, o[o.length - 1]!, `${nest}.${by}`);
  const counts = labels.map(() => new Int32Array(frame.length));
  for (let i = 0; i < frame.length; i++) {
    for (let r = o[i]!; r < o[i + 1]!; r++) {
      const g = codes[r - start]!;
      if (g >= 0) counts[g]![i]!++;
    }
  }
  return frame.withColumns(Object.fromEntries(labels.map((label, g) => [`n_${nest}_${label}`, makeColumn(counts[g]!)])));
}
