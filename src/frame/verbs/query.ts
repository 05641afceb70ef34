/**
 * The `query` verb: filter objects and observations with one expression
 * (semantics in src/expr/compile.ts), recording one cut-flow step.
 */
import { type CompiledExpr, compileExpr } from "../../expr/compile.js";
import { maskPositions } from "../column.js";
import type { NestedFrame } from "../nested-frame.js";

function keepsAll(mask: Uint8Array): boolean {
  for (let i = 0; i < mask.length; i++) if (mask[i] !== 1) return false;
  return true;
}

/**
 * Keep the objects and observations for which `expr` holds. Conjuncts on base
 * columns filter objects; conjuncts on one nest's fields (base columns allowed,
 * broadcast) filter that nest's observations, leaving objects in place.
 *
 * `expr` may be a string, or an expression compiled once with `compileExpr` and
 * applied to many partitions with the same columns.
 *
 * @example
 * query(frame, "coord_ra > 10 and not lc.psfFlux_flag and lc.band in ['g', 'r']");
 * const clean = compileExpr("not lc.psfFlux_flag and lc.psfFluxErr > 0", frame);
 * query(frame.head(3), clean).cutflow().steps[0]?.detail; // "not lc.psfFlux_flag and lc.psfFluxErr > 0"
 */
export function query(frame: NestedFrame, expr: string | CompiledExpr): NestedFrame {
  const compiled = typeof expr === "string" ? compileExpr(expr, frame) : expr;
  const masks = compiled.evaluate(frame);
  let out = frame;
  for (const [nest, mask] of Object.entries(masks.observations)) {
    if (!keepsAll(mask)) out = out.filterObservations(nest, mask);
  }
  if (masks.objects && !keepsAll(masks.objects)) out = out.takeObjects(maskPositions(masks.objects));
  return out.recordStep(frame, { step: "query", detail: compiled.source });
}
