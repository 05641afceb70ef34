import type { Column } from "../column.js";
import { ArgumentError } from "../errors.js";
import { nestField } from "../nested-column.js";
import type { NestedFrame } from "../nested-frame.js";
import { isMissing } from "./missing.js";

export interface DropnaOptions {
  /** Nested column whose observations are checked (default: base columns and every nest named in subset). */
  readonly nest?: string;
  /** Columns to check (base names or nest.field); default all of the checked level. */
  readonly subset?: readonly string[];
  /** "any": drop when any checked value is null/NaN (default); "all": only when all are. */
  readonly how?: "any" | "all";
}

/**
 * Drop null/NaN values, as pandas' dropna. With `nest`, observations of that nest
 * are dropped (fields from `subset`, bare or as `nest.field`; default every field).
 * Without `nest`, `subset` may mix base names (objects are dropped) and `nest.field`
 * names (observations of that nest are dropped); with neither, every base column is
 * checked. `how` applies within each level. Objects left with an empty light curve
 * stay (use dropEmpty). Records one cut-flow step.
 *
 * @example
 * dropna(frame, { nest: "lc", subset: ["psfFlux", "psfFluxErr"] });
 * dropna(frame, { subset: ["coord_ra", "lc.psfFlux"], how: "all" });
 */
export function dropna(frame: NestedFrame, options: DropnaOptions = {}): NestedFrame {
  const how = options.how ?? "any";
  if (how !== "any" && how !== "all") throw new ArgumentError(`dropna: how must be "any" or "all", got "${String(how)}".`);
  const baseNames: string[] = [];
  const byNest = new Map<string, string[]>();
  if (options.nest !== undefined) {
    const nest = options.nest;
    const nc = frame.nest(nest);
    const fields = (options.subset ?? Object.keys(nc.fields)).map((s) => nestField(nest, nc, s, "dropna subset").field);
    byNest.set(nest, fields);
  } else if (options.subset !== undefined) {
    for (const s of options.subset) {
      const r = frame.resolve(s);
      if (r.kind === "base") baseNames.push(s);
      else byNest.set(r.nest, [...(byNest.get(r.nest) ?? []), r.field]);
    }
  } else {
    baseNames.push(...frame.baseNames);
  }

  let out = frame;
  for (const [nest, fields] of byNest) {
    const nc = out.nest(nest);
    const cols = fields.map((f) => nc.fields[f]!);
    const start = nc.offsets[0]!;
    const end = nc.offsets[nc.offsets.length - 1]!;
    const mask = new Uint8Array(end - start);
    for (let r = start; r < end; r++) mask[r - start] = keep(cols, r, how) ? 1 : 0;
    out = out.filterObservations(nest, mask);
  }
  if (baseNames.length > 0) {
    const cols = baseNames.map((b) => out.base[b]!);
    const idx = new Int32Array(out.length);
    let m = 0;
    for (let i = 0; i < out.length; i++) if (keep(cols, i, how)) idx[m++] = i;
    if (m < out.length) out = out.takeObjects(idx.subarray(0, m));
  }
  const checked = [...baseNames, ...[...byNest].flatMap(([n, fs]) => fs.map((f) => `${n}.${f}`))];
  return out.recordStep(frame, { step: "dropna", detail: `${how} null/NaN in ${checked.join(", ") || "(no columns)"}` });
}

function keep(cols: readonly Column[], r: number, how: "any" | "all"): boolean {
  if (cols.length === 0) return true;
  if (how === "any") {
    for (const c of cols) if (isMissing(c, r)) return false;
    return true;
  }
  for (const c of cols) if (!isMissing(c, r)) return true;
  return false;
}
