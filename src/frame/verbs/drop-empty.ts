import { ArgumentError } from "../errors.js";
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
  const offsets = names.map((n) => frame.nest(n).offsets);
  const idx = new Int32Array(frame.length);
  let m = 0;
  for (let i = 0; i < frame.length; i++) {
    for (const o of offsets) {
      if (o[i + 1]! > o[i]!) {
        idx[m++] = i;
        break;
      }
    }
  }
  const detail = nest !== undefined ? `empty ${nest}` : `no observations in any of ${names.join(", ")}`;
  const out = m === frame.length ? frame : frame.takeObjects(idx.subarray(0, m));
  return out.recordStep(frame, { step: "dropEmpty", detail });
}
