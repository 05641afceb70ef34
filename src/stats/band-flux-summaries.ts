/**
 * Per-band flux summaries of each object, as DP1's DiaObject columns define them
 * (ap_association's WeightedMeanDiaPsfFlux, SigmaDiaPsfFlux, Chi2DiaPsfFlux): over
 * an object's usable sources in a band,
 *
 * - `{b}_{flux}Mean`    inverse-variance weighted mean, Σ(f/e²)/Σ(1/e²);
 * - `{b}_{flux}MeanErr` 1/sqrt(Σ1/e²);
 * - `{b}_{flux}Sigma`   sample standard deviation (n - 1), NaN below 2 sources;
 * - `{b}_{flux}Chi2`    Σ((f - mean)/e)², 0 for one source;
 * - `{b}_{flux}Ndata`   how many sources counted.
 *
 * A band with no usable source gives NaN and Ndata 0. Each value is the frame's
 * own reducer (wmean, wmeanErr, std, chi2, count) on that band's usable rows, so
 * a user gets the same numbers from `split` + `reduce`. The one place that says
 * which rows are usable: {@link usableFluxRows}.
 */
import { type Column, makeColumn } from "../frame/column.js";
import { ArgumentError, ColumnNotFoundError, SchemaError } from "../frame/errors.js";
import { NestedFrame } from "../frame/nested-frame.js";
import { isUsableRow } from "./weighted-mean.js";

/** The five per-band statistics, in DP1's column order. */
export const BAND_FLUX_STATISTICS = ["Mean", "MeanErr", "Sigma", "Chi2", "Ndata"] as const;
export type BandFluxStatistic = (typeof BAND_FLUX_STATISTICS)[number];

/**
 * The column name of one band's statistic, as DP1 writes it.
 *
 * @example
 * bandFluxColumn("g", "MeanErr", "psfFlux"); // "g_psfFluxMeanErr"
 */
export function bandFluxColumn(band: string, statistic: BandFluxStatistic, flux: string): string {
  return `${band}_${flux}${statistic}`;
}

/**
 * Which rows `start..end` of a flux and its error may enter a summary: 1 where the
 * flux is finite, the error finite and > 0 ({@link isUsableRow}) and neither is
 * null; 0 elsewhere. Both columns must be numeric. O(rows).
 *
 * @example
 * const f = makeColumn(Float32Array.of(1, NaN, 2, 3));
 * const e: Column = { type: "float32", values: Float32Array.of(1, 1, 0, 1), valid: Uint8Array.of(1, 1, 1, 0) };
 * usableFluxRows(f, e, 0, 4); // Uint8Array [1, 0, 0, 0]: NaN flux, zero error, null error
 */
export function usableFluxRows(flux: Column, err: Column, start: number, end: number): Uint8Array {
  if (flux.type === "dict" || flux.type === "int64" || err.type === "dict" || err.type === "int64") {
    throw new SchemaError(`usableFluxRows: the flux is ${flux.type} and its error ${err.type}; both must be numeric columns.`);
  }
  const f = flux.values;
  const e = err.values;
  const fv = flux.valid;
  const ev = err.valid;
  const out = new Uint8Array(end - start);
  for (let r = start; r < end; r++) {
    out[r - start] = isUsableRow(f[r]!, e[r]!) && (fv === undefined || fv[r] === 1) && (ev === undefined || ev[r] === 1) ? 1 : 0;
  }
  return out;
}

export interface BandFluxSummaryOptions {
  /** The nest of sources (default "diaSource"). */
  readonly nest?: string;
  /** The nested band field (default "band"); its nulls belong to no band. */
  readonly band?: string;
  /** The flux field (default "psfFlux"): columns are `{band}_{flux}{statistic}`. */
  readonly flux?: string;
  /** Its error field (default `{flux}Err`). */
  readonly fluxErr?: string;
  /**
   * Bands to write columns for, in order, or a function choosing them from the bands
   * that have a usable source (given in the band field's dictionary order). Default:
   * those bands. A band with no usable source gives NaN / 0.
   */
  readonly bands?: readonly string[] | ((present: readonly string[]) => readonly string[]);
  /** Rows that may be used besides the flux rule (1 = may; one per row of the nest from its first, as `filterObservations`), e.g. unflagged rows. */
  readonly usable?: Uint8Array | undefined;
}

/**
 * The per-band summary columns of every object of `frame` (float64; Ndata int32),
 * one value per object, keyed `{band}_{flux}{statistic}` in band order then
 * statistic order. Only usable rows count (see {@link usableFluxRows}, and
 * `options.usable`). O(rows x bands).
 *
 * @example
 * const dia = NestedFrame.fromLists(
 *   { id: Int32Array.of(1), band: [["g", "g", "r", "g"]], psfFlux: [Float32Array.of(10, 20, 5, NaN)], psfFluxErr: [Float32Array.of(1, 2, 1, 1)] },
 *   { lists: ["band", "psfFlux", "psfFluxErr"], name: "diaSource" },
 * );
 * const s = bandFluxSummaries(dia, { bands: ["g", "r", "i"] });
 * s["g_psfFluxMean"]; // float64 [12]: (10/1 + 20/4) / (1 + 1/4); the NaN flux is left out
 * s["g_psfFluxNdata"]; // int32 [2]
 * s["r_psfFluxSigma"]; // float64 [NaN]: one source
 * s["i_psfFluxMean"]; // float64 [NaN]; i_psfFluxNdata is [0]
 */
export function bandFluxSummaries(frame: NestedFrame, options: BandFluxSummaryOptions = {}): Record<string, Column> {
  const nest = options.nest ?? "diaSource";
  const band = options.band ?? "band";
  const flux = options.flux ?? "psfFlux";
  const fluxErr = options.fluxErr ?? `${flux}Err`;
  const nc = frame.nest(nest);
  const field = (f: string): Column => {
    const c = nc.fields[f];
    if (c === undefined) throw new ColumnNotFoundError(`${nest}.${f}`, Object.keys(nc.fields).map((k) => `${nest}.${k}`), "bandFluxSummaries");
    return c;
  };
  const bandCol = field(band);
  const fCol = field(flux);
  const eCol = field(fluxErr);
  for (const [name, c] of [[flux, fCol], [fluxErr, eCol]] as const) {
    if (c.type === "dict" || c.type === "int64") throw new SchemaError(`bandFluxSummaries: "${nest}.${name}" is ${c.type === "dict" ? "a string column" : "int64"}; a flux and its error must be float or integer columns.`);
  }
  const offsets = nc.offsets;
  const start = offsets[0]!;
  const end = offsets[offsets.length - 1]!;
  const keep = usableFluxRows(fCol, eCol, start, end);
  const extra = options.usable;
  if (extra !== undefined) {
    if (extra.length !== keep.length) throw new ArgumentError(`bandFluxSummaries: usable has ${extra.length} values; nest "${nest}" has ${keep.length} rows.`);
    for (let r = 0; r < keep.length; r++) if (extra[r] === 0) keep[r] = 0;
  }
  // Fields renamed so that any field name fits the reducer expressions.
  const sources = new NestedFrame({ nested: { s: { offsets, fields: { band: bandCol, f: fCol, e: eCol } } } });
  const byBand = sources.filterObservations("s", keep).split("s", { by: "band" });
  const b = options.bands;
  const bands = typeof b === "function" ? b(Object.keys(byBand)) : (b ?? Object.keys(byBand));
  const spec: Record<BandFluxStatistic, string> = { Mean: "wmean(f, e)", MeanErr: "wmeanErr(f, e)", Sigma: "std(f)", Chi2: "chi2(f, e)", Ndata: "count()" };
  const m = frame.length;
  const out: Record<string, Column> = {};
  for (const name of bands) {
    const r = Object.hasOwn(byBand, name) ? byBand[name]!.reduce("s", spec) : undefined;
    for (const s of BAND_FLUX_STATISTICS) {
      out[bandFluxColumn(name, s, flux)] = r ? r.column(s) : makeColumn(s === "Ndata" ? new Int32Array(m) : new Float64Array(m).fill(NaN));
    }
  }
  return out;
}
