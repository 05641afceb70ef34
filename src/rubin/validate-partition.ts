/**
 * The per-partition half of validating a catalog. Every cut before the
 * variability screen works object by object (row cuts, repeats, minObs, clip,
 * reduced chi-square), so a partition can apply them alone: what it keeps is
 * the rows of the surviving (object, band) light curves, reduced to the band,
 * flux and error (plus the magnitude's flux and the object position when
 * grouping needs them), and its cut-flow counts. Everything after (the screen
 * and the group statistics, which need a band's light curves all together)
 * runs once on the concatenation of these pieces in partition order.
 */
import type { Column } from "../frame/column.js";
import { toFloat64 } from "../frame/column.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { groupCodes } from "../frame/verbs/group-codes.js";
import { bandLightCurves, bandOrder } from "./band-light-curves.js";
import { product as productNamed, type Product } from "./products.js";
import { CutflowLog, type ValidationStep, cutLightCurves, cutRows } from "./validate-cuts.js";
import { resolveInput } from "./validate-input.js";
import type { ValidateOptions } from "./validate.js";

/** What one partition contributes to a catalog validation. */
export interface ValidationPiece {
  /** The cut-flow of this partition up to the last light-curve cut (before the screen). */
  readonly steps: readonly ValidationStep[];
  /** Objects in the partition (empty ones included). */
  readonly inputObjects: number;
  /** Bands present in the partition (any row), for the catalog's band list. */
  readonly bands: readonly string[];
  /** The nest and flag columns the validation resolved. */
  readonly nest: string;
  readonly flags: readonly string[];
  /** The kept rows: objects with at least one surviving light curve; nest fields band, flux, error (and the magnitude's flux); base ra/dec when grouping by field. */
  readonly frame: NestedFrame;
}

/** Each object's position: base columns, or the first row of the (uncut) nest, as validateFluxErrors reads them. */
function positions(input: NestedFrame, nest: string, ra: string, dec: string, where: "base" | "nest"): Record<string, Column> {
  if (where === "base") return { [ra]: { type: "float64", values: toFloat64(input.column(ra), ra) }, [dec]: { type: "float64", values: toFloat64(input.column(dec), dec) } };
  const a = input.lightCurveArrays(nest, [ra, dec]);
  const o = a.offsets;
  const r = new Float64Array(input.length).fill(NaN);
  const d = new Float64Array(input.length).fill(NaN);
  for (let i = 0; i < input.length; i++) {
    if (o[i + 1]! > o[i]!) {
      r[i] = a.values[0]![o[i]!]!;
      d[i] = a.values[1]![o[i]!]!;
    }
  }
  return { [ra]: { type: "float64", values: r }, [dec]: { type: "float64", values: d } };
}

/**
 * Keep the rows of `kept` (nest `nest`, band field `band`) whose (object, band)
 * light curve survived: `lcKeep` over the light curves of
 * bandLightCurves(kept), whose base `object` and dictionary `band` say which.
 */
function keptRows(kept: NestedFrame, nest: string, band: string, lcs: NestedFrame, lcKeep: Uint8Array): Uint8Array {
  const o = kept.nest(nest).offsets;
  const start = o[0]!;
  const rows = o[o.length - 1]! - start;
  const { codes, labels } = groupCodes(kept.nest(nest).fields[band]!, start, start + rows, `${nest}.${band}`);
  const lcBand = lcs.column("band");
  const lcLabels = lcBand.type === "dict" ? lcBand.dictionary : [];
  const toLc = Int32Array.from(labels, (l) => lcLabels.indexOf(l));
  const lcCodes = lcBand.type === "dict" ? lcBand.codes : new Int32Array(lcs.length);
  const object = lcs.numbers("object");
  // keepOf[object * nb + band] for this partition's light curves.
  const nb = Math.max(1, lcLabels.length);
  const keepOf = new Uint8Array(kept.length * nb);
  for (let i = 0; i < lcs.length; i++) if (lcKeep[i] === 1) keepOf[object[i]! * nb + lcCodes[i]!] = 1;
  const mask = new Uint8Array(rows);
  for (let i = 0; i < kept.length; i++) {
    for (let r = o[i]! - start; r < o[i + 1]! - start; r++) {
      const c = codes[r]!;
      mask[r] = c >= 0 && keepOf[i * nb + toLc[c]!] === 1 ? 1 : 0;
    }
  }
  return mask;
}

/**
 * The cuts of validateFluxErrors up to the variability screen, on one
 * partition; `ctx.args` (or `options`) are the validation options. A
 * partition function for Catalog.mapPartitions ({ module, export: "validationPiece" }).
 *
 * @example
 * const piece = validationPiece(dp1Objects, { args: { product: "ForcedSource" } });
 * piece.steps.map((s) => s.step); // ["input", "band", "flags", "finite", "duplicate", "minObs", "clip"]
 */
export function validationPiece(input: NestedFrame, ctx: { readonly args?: unknown }): ValidationPiece {
  const options = (ctx.args ?? {}) as ValidateOptions;
  const product: Product = typeof options.product === "object" ? options.product : productNamed(options.product ?? "ForcedSource");
  const fluxName = options.flux ?? "psfFlux";
  const groupBy = options.groupBy ?? [];
  const byField = groupBy.includes("field");
  const cols = resolveInput(input, product, fluxName, { nest: options.nest, flags: options.flags, positions: byField });
  const { nest, flux } = cols;
  const magFlux = groupBy.includes("magBin") ? cols.magFlux : flux;
  const nc = input.nest(nest);
  const o = nc.offsets;
  const present = bandOrder(groupCodes(nc.fields[cols.band]!, o[0]!, o[o.length - 1]!, `${nest}.${cols.band}`).labels);
  const bands = options.bands ? [...options.bands] : present;
  const log = new CutflowLog();
  const carry = magFlux === flux ? [] : [magFlux.flux, magFlux.err];
  const minObs = options.minObs ?? 10;
  const prefilterMinObs = options.prefilter === false ? undefined : minObs;
  let kept = cutRows(input, { nest, band: cols.band, flags: cols.flags, flux, carry, repeatKey: cols.repeatKey, prefilterMinObs }, bands, options.bands !== undefined, product.name, log);
  const lcs = bandLightCurves(kept, nest, { band: cols.band });
  const { keep } = cutLightCurves(lcs, flux, { minObs, clipSigma: options.clipSigma ?? 10, maxReducedChi2: options.maxReducedChi2 }, input.length, log);
  if (byField && cols.position) kept = kept.withColumns(positions(input, nest, cols.position.ra, cols.position.dec, cols.position.where));
  const frame = kept.filterObservations(nest, keptRows(kept, nest, cols.band, lcs, keep)).dropEmpty(nest);
  return { steps: log.steps, inputObjects: input.length, bands: present, nest, flags: cols.flags, frame };
}
