import { ArgumentError } from "../errors.js";
import { nonEmptyPositions } from "../nested-column.js";
import type { NestedFrame } from "../nested-frame.js";

/**
 * Drop objects with no observations. With `nest`, an object goes when its light
 * curve in that nest is empty. Without it, an object goes only when it has no
 * observation in any nest (all of its nests are empty); an object with data in at
 * least one nest stays. Records a cut-flow step.
 *
 * @example
 * dropEmpty(frame.query("lc.band == 'u'"), "lc");
 */
export function dropEmpty(frame: NestedFrame, nest?: string): NestedFrame {
  const names = nest !== undefined ? [nest] : frame.nestedNames;
  if (names.length === 0) throw new ArgumentError("dropEmpty: this frame has no nested column.");
  const idx = nonEmptyPositions(names.map((n) => frame.nest(n)));
  const detail = nest !== undefined ? `empty ${nest}` : `no observations in any of ${names.join(", ")}`;
  const out = idx.length === frame.length ? frame : frame.takeObjects(idx);
  return out.recordStep(frame, { step: "dropEmpty", detail });
}
