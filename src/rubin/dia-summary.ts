/**
 * DiaObject per-band flux summaries recomputed from the nested DiaSources, as
 * DP1's ap_association plugins define them (WeightedMeanDiaPsfFlux,
 * SigmaDiaPsfFlux, Chi2DiaPsfFlux): over the DiaSources of an object in a band
 * whose flux and error are usable (finite flux, finite error > 0; DP1 drops NaN
 * flux or error, no flag is looked at),
 *
 * - `{b}_{flux}Mean`    inverse-variance weighted mean, sum(f/e^2)/sum(1/e^2);
 * - `{b}_{flux}MeanErr` 1/sqrt(sum(1/e^2));
 * - `{b}_{flux}Sigma`   sample standard deviation (n - 1), NaN below 2 sources;
 * - `{b}_{flux}Chi2`    sum(((f - mean)/e)^2), 0 for one source;
 * - `{b}_{flux}Ndata`   how many sources counted.
 *
 * With no usable source in a band every value is NaN and Ndata is 0. Each is
 * the frame's own reducer (wmean, wmeanErr, std, chi2, count) on that band's
 * usable rows, so a user gets the same numbers from `split` + `reduce`.
 */
import type { Column } from "../frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { bandOrder } from "./band-light-curves.js";
import { dropFlagged, dropUnusable } from "./validate-cuts.js";

/** The five per-band summary statistics of a DiaObject, in DP1's column order. */
export const DIA_SUMMARY_STATISTICS = ["Mean", "MeanErr", "Sigma", "Chi2", "Ndata"] as const;
export type DiaSummaryStatistic = (typeof DIA_SUMMARY_STATISTICS)[number];

export interface DiaSummaryOptions {
  /** The nest of DiaSources (default "diaSource"). */
  readonly nest?: string;
  /** The flux field (default "psfFlux"; its error is `{flux}Err`): columns are named `{band}_{flux}{statistic}`. */
  readonly flux?: string;
  /** The nested band field (default "band"). */
  readonly band?: string;
  /** Bands to summarise (default: every band of the nest). A band with no source gives NaN / 0. */
  readonly bands?: readonly string[];
  /** Flag fields: a source with any set is left out (default none, as DP1). */
  readonly flags?: readonly string[];
}

/**
 * The DiaObject column of one band's statistic, as DP1 names it.
 *
 * @example
 * diaSummaryColumn("g", "MeanErr"); // "g_psfFluxMeanErr"
 */
export function diaSummaryColumn(band: string, statistic: DiaSummaryStatistic, flux = "psfFlux"): string {
  return `${band}_${flux}${statistic}`;
}

const REDUCERS: Readonly<Record<DiaSummaryStatistic, (f: string, e: string) => string>> = {
  Mean: (f, e) => `wmean(${f}, ${e})`,
  MeanErr: (f, e) => `wmeanErr(${f}, ${e})`,
  Sigma: (f) => `std(${f})`,
  Chi2: (f, e) => `chi2(${f}, ${e})`,
  Ndata: () => "count()",
};

/**
 * Recompute the DiaObject summary columns from the nested sources: one column
 * per band and statistic (`g_psfFluxMean`, ...; float64, Ndata int32), one
 * value per object of `frame`. O(sources).
 *
 * @example
 * const dia = NestedFrame.fromLists(
 *   { diaObjectId: BigInt64Array.of(7n), band: [["g", "g", "r"]], psfFlux: [Float32Array.of(10, 20, 5)], psfFluxErr: [Float32Array.of(1, 2, 1)] },
 *   { lists: ["band", "psfFlux", "psfFluxErr"], name: "diaSource" },
 * );
 * const s = recomputeDiaObjectSummaries(dia);
 * s["g_psfFluxMean"]; // float64 [12]: (10/1 + 20/4) / (1 + 1/4)
 * s["g_psfFluxChi2"]; // float64 [20]: (10 - 12)^2 + ((20 - 12)/2)^2
 * s["r_psfFluxSigma"]; // float64 [NaN]: one source
 */
export function recomputeDiaObjectSummaries(frame: NestedFrame, options: DiaSummaryOptions = {}): Record<string, Column> {
  const nest = options.nest ?? "diaSource";
  const fluxName = options.flux ?? "psfFlux";
  const errName = `${fluxName}Err`;
  const bandName = options.band ?? "band";
  const nc = frame.nest(nest);
  const flags = options.flags ?? [];
  for (const f of [bandName, fluxName, errName, ...flags]) {
    if (!Object.hasOwn(nc.fields, f)) throw new ColumnNotFoundError(f, Object.keys(nc.fields), `the DiaSources (nest "${nest}")`);
  }
  const o = nc.offsets;
  const start = o[0]!;
  const keep = new Uint8Array(o[o.length - 1]! - start).fill(1);
  dropFlagged(keep, flags.map((f) => nc.fields[f]!), start);
  dropUnusable(keep, nc.fields[fluxName]!, nc.fields[errName]!, start);
  const usable = frame.select([bandName, fluxName, errName].map((f) => `${nest}.${f}`)).filterObservations(nest, keep);
  const byBand = usable.split(nest, { by: bandName });
  const bands = options.bands ?? bandOrder(Object.keys(byBand));
  if (new Set(bands).size !== bands.length) throw new ArgumentError(`A band is asked for twice: ${bands.join(", ")}.`);
  const spec = Object.fromEntries(DIA_SUMMARY_STATISTICS.map((s) => [s, REDUCERS[s](fluxName, errName)]));
  const out: Record<string, Column> = {};
  for (const b of bands) {
    const one = byBand[b];
    const r = one?.reduce(nest, spec);
    for (const s of DIA_SUMMARY_STATISTICS) {
      const name = diaSummaryColumn(b, s, fluxName);
      if (r) out[name] = r.column(s);
      else out[name] = s === "Ndata" ? { type: "int32", values: new Int32Array(frame.length) } : { type: "float64", values: new Float64Array(frame.length).fill(NaN) };
    }
  }
  return out;
}
