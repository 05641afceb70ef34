/**
 * The variability screen of the validation, band by band: each band's kept
 * light curves are screened against that band's fitted error model
 * (screenVariables), and the variables are cleared from the keep mask.
 */
import { InsufficientDataError, SchemaError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import type { ErrorModelFit } from "../stats/error-model.js";
import { type ScreenResult, screenVariables } from "../stats/variability.js";
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
    const { offsets, values } = sub.lightCurveArrays("lc", [flux.flux, flux.err]);
    const { screen, keep: kept } = bandScreen(() => screenVariables(offsets, values[0]!, values[1]!, o), o.pValue);
    if (kept) for (let k = 0; k < idx.length; k++) if (kept[k] === 0) keep[idx[k]!] = 0;
    out.set(label, screen);
  }
  return out;
}

/**
 * Run one band's screen and say how it went: the fit and the screen's keep
 * mask, a note when it did not settle, or, when there were too few light
 * curves to fit, no mask and a note saying so. Other errors propagate.
 *
 * @example
 * const { screen } = bandScreen(() => screenVariables(Int32Array.of(0, 3), Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 1)), 1e-6);
 * screen.note; // "variability screening skipped: fitErrorModel needs at least 2 light curves ..."
 */
export function bandScreen(run: () => ScreenResult, pValue: number): { screen: BandScreen; keep?: Uint8Array } {
  try {
    const r = run();
    const note = r.converged ? undefined : `variability screening stopped after ${r.rounds} rounds with light curves still changing side at p = ${pValue}`;
    return { screen: note ? { fit: r.fit, note } : { fit: r.fit }, keep: r.keep };
  } catch (e) {
    if (!(e instanceof InsufficientDataError)) throw e;
    return { screen: { note: `variability screening skipped: ${e.message}` } };
  }
}
