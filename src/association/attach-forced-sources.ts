/**
 * Forced-photometry bookkeeping: attach forced measurements at DiaObject
 * positions to the DiaObjects as a nested column.
 *
 * Two styles, as the Rubin data products define them:
 * - **level2** (data-release style, the default): forced photometry at every
 *   visit covering the object, before and after its first detection; every row
 *   is kept.
 * - **level1** (prompt-processing style): a DiaObject is only measured once it
 *   exists, i.e. on the visit of its first DiaSource and after; rows earlier
 *   than the object's first detection are dropped, and an object without
 *   DiaSources keeps none (prompt processing's 30-day precovery is not
 *   modelled). The cut-flow says how many.
 *
 * Rows are matched by id (the flat table's `diaObjectId`), or by position (the
 * nearest DiaObject within `match.radius` arcsec) for measurements that carry
 * only a position.
 */
import { type Column, filterColumn, toFloat64 } from "../frame/column.js";
import { ArgumentError, SchemaError } from "../frame/errors.js";
import { nestField, nestedParents } from "../frame/nested-column.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { type FlatInput, flatTable } from "../frame/verbs/from-flat.js";
import { joinNested } from "../frame/verbs/join-nested.js";
import { SkyGrid } from "./sky-grid.js";

export interface AttachForcedOptions {
  /** Object id column, in the frame's base columns and (unless `match`) in the table (default "diaObjectId"). */
  readonly on?: string;
  /** Name of the new nest (default "diaObjectForcedSource"). */
  readonly name?: string;
  /** "level2" keeps every row (default); "level1" keeps rows from the object's first detection on. */
  readonly style?: "level1" | "level2";
  /** For level1: the nest of detections (default "diaSource"). */
  readonly sources?: string;
  /** For level1: the time or visit field compared, present in both nests (default "midpointMjdTai"). */
  readonly time?: string;
  /** Match rows by position instead of id: nearest object (base `ra`, `dec`) within `radius` arcsec of the row's `ra`, `dec`. */
  readonly match?: { readonly radius: number; readonly ra?: string; readonly dec?: string };
}

/** The table with its `on` column set to the nearest object's id (rows with none dropped), and how many were dropped. */
function matchByPosition(frame: NestedFrame, table: FlatInput, on: string, match: NonNullable<AttachForcedOptions["match"]>): { flat: Record<string, Column>; unmatched: number } {
  const ra = match.ra ?? "ra";
  const dec = match.dec ?? "dec";
  const { cols, n } = flatTable(table, ra);
  if (cols[dec] === undefined) throw new SchemaError(`The forced table has no column "${dec}"; columns: ${Object.keys(cols).join(", ")}.`);
  const raV = toFloat64(cols[ra]!, ra);
  const decV = toFloat64(cols[dec]!, dec);
  const ids = frame.bigints(on);
  const grid = SkyGrid.from(frame.numbers("ra"), frame.numbers("dec"), match.radius);
  const keep = new Uint8Array(n);
  const objOf = new Int32Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const j = grid.nearest(raV[i]!, decV[i]!, match.radius);
    objOf[i] = j;
    if (j >= 0) {
      keep[i] = 1;
      kept++;
    }
  }
  const out = new BigInt64Array(kept);
  for (let i = 0, k = 0; i < n; i++) if (keep[i]) out[k++] = ids[objOf[i]!]!;
  const flat: Record<string, Column> = { [on]: { type: "int64", values: out } };
  for (const [name, c] of Object.entries(cols)) if (name !== on) flat[name] = filterColumn(c, keep, kept);
  return { flat, unmatched: n - kept };
}

/** Per object, the earliest `time` of its detections, compared with each forced row: 1 = keep. */
function level1Mask(frame: NestedFrame, sources: string, name: string, time: string): Uint8Array {
  const src = frame.nest(sources);
  const forced = frame.nest(name);
  const st = nestField(sources, src, time, "level-1 forced sources").column;
  const ft = nestField(name, forced, time, "level-1 forced sources").column;
  if (st.type === "dict" || ft.type === "dict" || (st.type === "int64") !== (ft.type === "int64")) {
    throw new SchemaError(`Level-1 forced sources compare "${sources}.${time}" (${st.type}) with "${name}.${time}" (${ft.type}); both must be int64 or both numeric.`);
  }
  const parents = nestedParents(forced);
  const mask = new Uint8Array(parents.length);
  const so = src.offsets;
  const f0 = forced.offsets[0]!;
  const sv = st.values as ArrayLike<number | bigint>;
  const fv = ft.values as ArrayLike<number | bigint>;
  const first: Array<number | bigint | undefined> = new Array(frame.length);
  for (let i = 0; i < frame.length; i++) {
    let best: number | bigint | undefined;
    for (let r = so[i]!; r < so[i + 1]!; r++) if (best === undefined || sv[r]! < best) best = sv[r]!;
    first[i] = best;
  }
  for (let k = 0; k < parents.length; k++) {
    const t0 = first[parents[k]!];
    mask[k] = t0 !== undefined && fv[f0 + k]! >= t0 ? 1 : 0;
  }
  return mask;
}

/**
 * Attach forced measurements to DiaObjects as nest `name` (see the module
 * comment for level1 vs level2). Rows without a DiaObject are counted in the
 * cut-flow, never dropped silently.
 *
 * @example
 * const objects = new NestedFrame({ base: { diaObjectId: makeColumn(BigInt64Array.of(1n)), ra: makeColumn([10]), dec: makeColumn([0]) },
 *   nested: { diaSource: { offsets: Int32Array.of(0, 1), fields: { midpointMjdTai: makeColumn([60603]) } } } });
 * const forced = { diaObjectId: BigInt64Array.of(1n, 1n, 1n, 1n), midpointMjdTai: Float64Array.of(60601, 60602, 60603, 60604), psfFlux: Float32Array.of(1, 2, 50, 30) };
 * attachForcedSources(objects, forced).observationCount; // 5 (1 DiaSource + 4 forced: level2 keeps every visit)
 * attachForcedSources(objects, forced, { style: "level1" }).nest("diaObjectForcedSource").offsets; // [0, 2] (from the detection at 60603 on)
 */
export function attachForcedSources(frame: NestedFrame, table: FlatInput, options: AttachForcedOptions = {}): NestedFrame {
  const on = options.on ?? "diaObjectId";
  const name = options.name ?? "diaObjectForcedSource";
  const style = options.style ?? "level2";
  if (style !== "level1" && style !== "level2") throw new ArgumentError(`attachForcedSources: style must be "level1" or "level2", got ${String(style)}.`);
  let out: NestedFrame;
  if (options.match) {
    const { flat, unmatched } = matchByPosition(frame, table, on, options.match);
    out = joinNested(frame, flat, { on, name });
    const step = { step: "match", detail: `${name}: ${unmatched} forced rows had no DiaObject within ${options.match.radius}"` };
    out = out.recordStep(out, step);
  } else {
    out = joinNested(frame, table, { on, name });
  }
  if (style === "level2") return out;
  const time = options.time ?? "midpointMjdTai";
  const mask = level1Mask(out, options.sources ?? "diaSource", name, time);
  return out.filterObservations(name, mask, { step: "level1", detail: `${name}: forced rows before the first ${time} of the object's DiaSources dropped` });
}
