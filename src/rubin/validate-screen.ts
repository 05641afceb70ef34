/**
 * The variability screen of the validation, band by band: each band's kept
 * light curves are screened against that band's fitted error model
 * (screenVariables), and the variables are cleared from the keep mask.
 */
import { InsufficientDataError, SchemaError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import type { ErrorModelFit } from "../stats/error-model.js";
import { screenVariables } from "../stats/variability.js";
import type { FluxPair } from "./products.js";
import { groupLightCurves } from "./validate-grouping.js";

export interface BandScreen {
  /** The error model of the band's light curves that passed the screen. */
  readonly fit?: ErrorModelFit;
  /** Why the band was not screened (too few light curves), or that the screen did not settle. */
  readonly note?: string;
}

/**
 * Screen the per-band light curves `lcs` (nest `lc`, dictionary base column
 * `band`) kept by `keep`, clearing `keep` for variables. Returns, per band
 * label, the final fit or why there is none.
 */
export function screenBands(lcs: NestedFrame, keep: Uint8Array, flux: FluxPair, o: { pValue: number; fitFloor: boolean }): Map<string, BandScreen> {
  const band = lcs.column("band");
  if (band.type !== "dict") throw new SchemaError(`screenBands needs the dictionary "band" column of bandLightCurves; it is ${band.type}.`);
  const out = new Map<string, BandScreen>();
  const { order, list } = groupLightCurves(keep, band.codes, undefined, undefined);
  for (const g of list) {
    const idx = order.slice(g.first, g.last);
    const sub = lcs.takeObjects(idx);
    const label = band.dictionary[g.band]!;
    try {
      const { offsets, values } = sub.lightCurveArrays("lc", [flux.flux, flux.err]);
      const r = screenVariables(offsets, values[0]!, values[1]!, o);
      for (let k = 0; k < idx.length; k++) if (r.keep[k] === 0) keep[idx[k]!] = 0;
      const note = r.converged ? undefined : `variability screening stopped after ${r.rounds} rounds with light curves still changing side at p = ${o.pValue}`;
      out.set(label, note ? { fit: r.fit, note } : { fit: r.fit });
    } catch (e) {
      if (!(e instanceof InsufficientDataError)) throw e;
      out.set(label, { note: `variability screening skipped: ${e.message}` });
    }
  }
  return out;
}
