import { type Column, makeColumn } from "../column.js";
import type { NestedFrame } from "../nested-frame.js";
import { type ReducerSpec, reducerInputs, toReducer } from "../reducers.js";

/**
 * Run per-object reducers over nest `nest`; each key of `spec` becomes a base
 * column (float64, or int32 for `count`). Every spec is parsed and its fields
 * checked before any kernel runs, so a typo fails fast.
 *
 * @example
 * reduce(frame, "lc", { n: "count()", mu: "wmean(psfFlux, psfFluxErr)", chi2: reducers.chi2("psfFlux", "psfFluxErr") });
 */
export function reduce(frame: NestedFrame, nest: string, spec: Readonly<Record<string, ReducerSpec>>): NestedFrame {
  const nc = frame.nest(nest);
  const jobs = Object.entries(spec).map(([name, s]) => {
    const r = toReducer(s);
    return { name, r, inputs: reducerInputs(r, nest, nc) };
  });
  const base: Record<string, Column> = {};
  for (const { name, r, inputs } of jobs) base[name] = makeColumn(r.kernel(nc.offsets, inputs));
  return frame.withColumns(base);
}
