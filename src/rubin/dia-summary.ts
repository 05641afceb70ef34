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
 * With no usable source in a band every value is NaN and Ndata is 0. The
 * numbers are stats' bandFluxSummaries (the frame's own reducers on each band's
 * usable rows); this module adds the DiaSource defaults and the flag cut.
 */
import type { Column } from "../frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { BAND_FLUX_STATISTICS, type BandFluxStatistic, bandFluxColumn, bandFluxSummaries } from "../stats/band-flux-summaries.js";
import { bandOrder } from "./band-light-curves.js";
import { dropFlagged } from "./validate-cuts.js";

/** The five per-band summary statistics of a DiaObject, in DP1's column order. */
export const DIA_SUMMARY_STATISTICS = BAND_FLUX_STATISTICS;
export type DiaSummaryStatistic = BandFluxStatistic;

export interface DiaSummaryOptions {
  /** The nest of DiaSources (default "diaSource"). */
  readonly nest?: string;
  /** The flux field (default "psfFlux"; its error is `{flux}Err`): columns are named `{band}_{flux}{statistic}`. */
  readonly flux?: string;
  /** The nested band field (default "band"). */
  readonly band?: string;
  /** Bands to summarise (default: every band with a usable source, ugrizy first). A band with no source gives NaN / 0. */
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
  return bandFluxColumn(band, statistic, flux);
}

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
  const bands = options.bands;
  if (bands !== undefined && new Set(bands).size !== bands.length) throw new ArgumentError(`A band is asked for twice: ${bands.join(", ")}.`);
  let usable: Uint8Array | undefined;
  if (flags.length > 0) {
    const o = nc.offsets;
    usable = new Uint8Array(o[o.length - 1]! - o[0]!).fill(1);
    dropFlagged(usable, flags.map((f) => nc.fields[f]!), o[0]!);
  }
  return bandFluxSummaries(frame, { nest, band: bandName, flux: fluxName, fluxErr: errName, bands: bands ?? bandOrder, usable });
}
