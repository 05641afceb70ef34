import { nestField, nonEmptyPositions } from "../nested-column.js";
import type { NestedFrame } from "../nested-frame.js";
import { groupCodes } from "./group-codes.js";

/**
 * One frame per value of a nested field (e.g. per band), each holding only that
 * value's observations of `nest`; other nests and base columns are kept whole.
 * Keys are the values as strings, inserted in dictionary order (strings) or
 * first-seen order (integers; note that JS lists integer-like keys in ascending
 * order whatever the insertion order). Observations with a null value fall in no
 * frame. With `dropEmpty`, objects with no observation of that value are dropped.
 * Each frame's cut-flow records the split (and the drop) as one step.
 *
 * @example
 * const byBand = split(frame, "lc", { by: "band", dropEmpty: true });
 * byBand.r.reduce("lc", { mu: "wmean(psfFlux, psfFluxErr)" });
 */
export function split(frame: NestedFrame, nest: string, options: { by: string; dropEmpty?: boolean }): Record<string, NestedFrame> {
  const nc = frame.nest(nest);
  const { field: by, column: col } = nestField(nest, nc, options.by, "split by");
  const o = nc.offsets;
  const { codes, labels, strings } = groupCodes(col, o[0]!, o[o.length - 1]!, `${nest}.${by}`);
  const out: Record<string, NestedFrame> = {};
  labels.forEach((label, g) => {
    const mask = new Uint8Array(codes.length);
    for (let k = 0; k < codes.length; k++) mask[k] = codes[k] === g ? 1 : 0;
    let f = frame.filterObservations(nest, mask);
    if (options.dropEmpty) {
      const idx = nonEmptyPositions([f.nest(nest)]);
      if (idx.length < f.length) f = f.takeObjects(idx);
    }
    const value = strings ? JSON.stringify(label) : label;
    const detail = `${nest}.${by} == ${value}${options.dropEmpty ? ", empty dropped" : ""}`;
    out[label] = f.recordStep(frame, { step: "split", detail });
  });
  return out;
}
