/**
 * Colour-colour diagrams from an Object table (the Stack Club tutorial's
 * g - r against r - i of bright stars): a selection expression
 * (`refExtendedness == 0`), then flags, non-finite fluxes and a minimum SNR in
 * every band used, each step recorded in the cut-flow, then the two colours
 * as AB magnitude differences, -2.5 log10(f_a / f_b).
 */
import { type Column, maskPositions, toFloat64 } from "../frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../frame/errors.js";
import type { CutflowStep } from "../frame/cutflow.js";
import type { NestedFrame } from "../frame/nested-frame.js";

export interface ColorColorOptions {
  /** The x colour as [blue band, red band]: x = m_blue - m_red (default ["g", "r"]). */
  readonly x?: readonly [string, string];
  /** The y colour (default ["r", "i"]). */
  readonly y?: readonly [string, string];
  /** A query expression on the table selecting the objects first, e.g. `"refExtendedness == 0"` (stars). */
  readonly where?: string;
  /** Keep objects whose flux / error exceeds this in every band used (default 0: no cut). */
  readonly minSnr?: number;
  /** Column name templates, `{band}` replaced (defaults: DP1's `{band}_psfFlux`, `{band}_psfFluxErr`, `{band}_psfFlux_flag`). */
  readonly flux?: string;
  readonly fluxErr?: string;
  /** The flag template, or null to keep flagged measurements. */
  readonly flag?: string | null;
}

export interface ColorColor {
  /** The x and y colours (AB mag) of the selected objects, in table order. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Axis labels, "g - r" and "r - i". */
  readonly xLabel: string;
  readonly yLabel: string;
  /** The selected objects (every column of the input), with the cut-flow of each step. */
  readonly objects: NestedFrame;
}

function count(mask: Uint8Array): number {
  let k = 0;
  for (let i = 0; i < mask.length; i++) k += mask[i]!;
  return k;
}

/** Observations (over every nest) of the objects a mask keeps: 0 for a flat table. */
function keptObservations(frame: NestedFrame, mask: Uint8Array): number {
  let total = 0;
  for (const nest of Object.values(frame.nested)) {
    const o = nest.offsets;
    for (let i = 0; i < mask.length; i++) if (mask[i]) total += o[i + 1]! - o[i]!;
  }
  return total;
}

function column(frame: NestedFrame, name: string): Column {
  if (!frame.baseNames.includes(name)) throw new ColumnNotFoundError(name, frame.baseNames, "the object table (colorColor)");
  return frame.column(name);
}

/**
 * Colours of the objects that pass `where`, carry no flag, have finite
 * fluxes with errors > 0, and SNR > `minSnr` in every band of the two colours;
 * `objects.cutflow()` says how many each step removed (steps "query", "flags",
 * "finite", "snr").
 *
 * @example
 * const objects = await readDpddTable("data-samples/dp1_source_tables/object/tract_{tract}.parquet", "dp1Object");
 * const cc = colorColor(objects, { x: ["g", "r"], y: ["r", "i"], where: "refExtendedness == 0", minSnr: 100 });
 * cc.x.length === cc.objects.length; // true
 * cc.objects.cutflow().steps.map((s) => s.step); // ["query", "flags", "finite", "snr"]
 */
export function colorColor(objects: NestedFrame, options: ColorColorOptions = {}): ColorColor {
  const x = options.x ?? ["g", "r"];
  const y = options.y ?? ["r", "i"];
  const minSnr = options.minSnr ?? 0;
  if (!(minSnr >= 0)) throw new ArgumentError(`minSnr must be a number >= 0, got ${minSnr}.`);
  const fluxT = options.flux ?? "{band}_psfFlux";
  const errT = options.fluxErr ?? "{band}_psfFluxErr";
  const flagT = options.flag === undefined ? "{band}_psfFlux_flag" : options.flag;
  for (const t of [fluxT, errT, ...(flagT ? [flagT] : [])]) if (!t.includes("{band}")) throw new ArgumentError(`Column template "${t}" needs a {band}.`);
  const bands = [...new Set([...x, ...y])];
  const name = (t: string, b: string) => t.split("{band}").join(b);
  // Every column is looked up before any cut, so a misspelt band or name fails first.
  for (const b of bands) for (const t of [fluxT, errT, ...(flagT ? [flagT] : [])]) column(objects, name(t, b));
  const selected = options.where === undefined ? objects : objects.query(options.where);
  const n = selected.length;
  // The masks are cumulative (a step sees only what the previous ones kept); the objects are gathered once, at the end.
  const keep = new Uint8Array(n).fill(1);
  const steps: CutflowStep[] = [...selected.cutflowSteps];
  const record = (step: string, detail: string): void => {
    const last = steps.length > selected.cutflowSteps.length ? steps[steps.length - 1]! : undefined;
    const objectsIn = last ? last.objectsOut : n;
    const observationsIn = last ? last.observationsOut : selected.observationCount;
    steps.push({ step, detail, objectsIn, objectsOut: count(keep), observationsIn, observationsOut: keptObservations(selected, keep) });
  };
  if (flagT) {
    for (const b of bands) {
      const c = column(selected, name(flagT, b));
      if (c.type === "dict" || c.type === "int64") throw new ArgumentError(`Flag column "${name(flagT, b)}" is ${c.type}; expected bool.`);
      const v = c.values;
      for (let i = 0; i < n; i++) if (v[i]) keep[i] = 0;
    }
    record("flags", `no ${bands.map((b) => name(flagT, b)).join(", ")}`);
  }
  const fe = bands.map((b) => ({ f: toFloat64(column(selected, name(fluxT, b)), name(fluxT, b)), e: toFloat64(column(selected, name(errT, b)), name(errT, b)) }));
  for (const { f, e } of fe) for (let i = 0; i < n; i++) if (!(Number.isFinite(f[i]!) && e[i]! > 0 && Number.isFinite(e[i]!))) keep[i] = 0;
  record("finite", `finite ${fluxT} and ${errT} > 0 in ${bands.join(", ")}`);
  for (const { f, e } of fe) for (let i = 0; i < n; i++) if (!(f[i]! / e[i]! > minSnr)) keep[i] = 0;
  record("snr", `${fluxT} / ${errT} > ${minSnr} in ${bands.join(", ")}`);
  const rows = maskPositions(keep);
  const frame = selected.takeObjects(rows).withCutflow(steps);
  const colour = (pair: readonly [string, string]): Float64Array => {
    const a = fe[bands.indexOf(pair[0])]!.f;
    const b = fe[bands.indexOf(pair[1])]!.f;
    const out = new Float64Array(rows.length);
    for (let k = 0; k < rows.length; k++) out[k] = -2.5 * Math.log10(a[rows[k]!]! / b[rows[k]!]!);
    return out;
  };
  return { x: colour(x), y: colour(y), xLabel: `${x[0]} - ${x[1]}`, yLabel: `${y[0]} - ${y[1]}`, objects: frame };
}
