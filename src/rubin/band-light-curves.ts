/**
 * One light curve per (object, band): the unit of the DP1 flux-error recipe,
 * which asks for >= 10 observations *in a band* and computes the weighted mean
 * per band. Rows are regrouped by a counting sort over each object's rows, so
 * the work is O(rows) and rows keep their order (time order) inside each band.
 */
import { type Column, type DictColumn, gatherColumn } from "../frame/column.js";
import { SchemaError } from "../frame/errors.js";
import { nestField } from "../frame/nested-column.js";
import { NestedFrame } from "../frame/nested-frame.js";
import { groupCodes } from "../frame/verbs/group-codes.js";

/**
 * Bands in wavelength order (ugrizy), any others after them alphabetically.
 *
 * @example
 * bandOrder(["y", "r", "N921", "u"]); // ["u", "r", "y", "N921"]
 */
export function bandOrder(labels: readonly string[]): string[] {
  const rank = (b: string) => {
    const k = "ugrizy".indexOf(b);
    return b.length === 1 && k >= 0 ? k : 6;
  };
  return [...labels].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export interface BandLightCurvesOptions {
  /** The nested band field. Default `band`. */
  readonly band?: string;
  /** Nested fields to keep (default: all but the band field). */
  readonly fields?: readonly string[];
  /** Base columns of the object to copy onto each of its light curves (default none). */
  readonly baseColumns?: readonly string[];
}

/**
 * Regroup nest `nest` into one row per (object, band) that has observations:
 * base columns `object` (the object's position in `frame`, int32), `band`
 * (dictionary, ugrizy order) and the requested `baseColumns`; nest `lc` with the
 * kept fields. Objects come in frame order, bands in ugrizy order within each.
 * Observations with a null band are an error (filter them first).
 *
 * @example
 * const perBand = bandLightCurves(frame, "lc", { baseColumns: ["objectId"] });
 * perBand.length; // number of (object, band) light curves
 */
export function bandLightCurves(frame: NestedFrame, nest: string, options: BandLightCurvesOptions = {}): NestedFrame {
  const nc = frame.nest(nest);
  const bandName = options.band ?? "band";
  const { column: bandCol } = nestField(nest, nc, bandName, "bandLightCurves");
  const o = nc.offsets;
  const start = o[0]!;
  const rows = o[o.length - 1]! - start;
  const { codes: rawCodes, labels } = groupCodes(bandCol, start, start + rows, `${nest}.${bandName}`);
  // Renumber the band codes in ugrizy order so light curves come out u, g, r, ...
  const ordered = bandOrder(labels);
  const rank = Int32Array.from(labels, (l) => ordered.indexOf(l));
  const nb = ordered.length;
  const codes = new Int32Array(rows);
  for (let k = 0; k < rows; k++) {
    const c = rawCodes[k]!;
    if (c < 0) throw new SchemaError(`${nest}.${bandName} is null in ${countNulls(rawCodes)} observations; drop them before regrouping by band.`);
    codes[k] = rank[c]!;
  }

  const m = o.length - 1;
  const counts = new Int32Array(nb);
  let nLc = 0;
  for (let i = 0; i < m; i++) {
    if (o[i + 1] === o[i]) continue; // an empty object (most, after a prefilter) has no light curve
    counts.fill(0);
    for (let r = o[i]! - start; r < o[i + 1]! - start; r++) counts[codes[r]!]!++;
    for (let b = 0; b < nb; b++) if (counts[b]! > 0) nLc++;
  }
  const lcObject = new Int32Array(nLc);
  const lcBand = new Int32Array(nLc);
  const lcOffsets = new Int32Array(nLc + 1);
  const perm = new Int32Array(rows);
  const next = new Int32Array(nb);
  let lc = 0;
  for (let i = 0; i < m; i++) {
    const r0 = o[i]! - start;
    const r1 = o[i + 1]! - start;
    if (r1 === r0) continue;
    counts.fill(0);
    for (let r = r0; r < r1; r++) counts[codes[r]!]!++;
    let pos = r0;
    for (let b = 0; b < nb; b++) {
      next[b] = pos;
      if (counts[b]! > 0) {
        lcObject[lc] = i;
        lcBand[lc] = b;
        lcOffsets[lc] = pos;
        lc++;
      }
      pos += counts[b]!;
    }
    for (let r = r0; r < r1; r++) perm[next[codes[r]!]!++] = r + start;
  }
  lcOffsets[nLc] = rows;

  const keep = options.fields ?? Object.keys(nc.fields).filter((f) => f !== bandName);
  const fields: Record<string, Column> = {};
  for (const f of keep) fields[f] = gatherColumn(nestField(nest, nc, f, "bandLightCurves").column, perm);
  const band: DictColumn = { type: "dict", codes: lcBand, dictionary: ordered };
  const base: Record<string, Column> = { object: { type: "int32", values: lcObject }, band };
  for (const name of options.baseColumns ?? []) base[name] = gatherColumn(frame.column(name), lcObject);
  return new NestedFrame({ base, nested: { lc: { offsets: lcOffsets, fields } }, length: nLc });
}

function countNulls(codes: Int32Array): number {
  let n = 0;
  for (let k = 0; k < codes.length; k++) if (codes[k]! < 0) n++;
  return n;
}
