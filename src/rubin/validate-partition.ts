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
import { toFloat64 } from "../frame/column.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { groupCodes } from "../frame/verbs/group-codes.js";
import { bandLightCurves, bandOrder } from "./band-light-curves.js";
import { product as productNamed, type Product } from "./products.js";
import { CutflowLog, type ValidationStep, cutLightCurves, cutRows } from "./validate-cuts.js";
import { resolveInput } from "./validate-input.js";
import type { ValidateOptions } from "./validate.js";
import { join } from "node:path";
import type { NumericArray } from "../frame/column.js";
import { packLightCurves } from "../stats/pack-light-curves.js";
import { weightedMeans } from "../stats/weighted-mean.js";
import { DP1_FIELDS, nearestFields } from "./fields.js";
import { fluxToMag } from "./magnitudes.js";
import { type SpillBandInput, type SpillLayout, writeSpill } from "./validate-spill.js";

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
function positions(input: NestedFrame, nest: string, ra: string, dec: string, where: "base" | "nest"): { ra: Float64Array; dec: Float64Array } {
  if (where === "base") return { ra: toFloat64(input.column(ra), ra), dec: toFloat64(input.column(dec), dec) };
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
  return { ra: r, dec: d };
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

/** What the cuts of one partition leave: the kept frame, its band light curves and which survive. */
interface PartitionCuts {
  readonly options: ValidateOptions;
  readonly log: CutflowLog;
  readonly present: string[];
  readonly cols: ReturnType<typeof resolveInput>;
  readonly magFlux: ReturnType<typeof resolveInput>["flux"];
  readonly byField: boolean;
  readonly kept: NestedFrame;
  readonly lcs: NestedFrame;
  readonly keep: Uint8Array;
  readonly mean: Float64Array;
}

/** The cuts of validateFluxErrors up to the variability screen, on one partition. */
function partitionCuts(input: NestedFrame, args: unknown): PartitionCuts {
  const options = (args ?? {}) as ValidateOptions;
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
  // Count before gathering (validateFluxErrors does the same): objects no band of which reaches minObs are cleared first.
  const prefilterMinObs = options.prefilter === false ? undefined : minObs;
  const kept = cutRows(input, { nest, band: cols.band, flags: cols.flags, flux, carry, repeatKey: cols.repeatKey, prefilterMinObs }, bands, options.bands !== undefined, product.name, log);
  const lcs = bandLightCurves(kept, nest, { band: cols.band });
  const { keep, mean } = cutLightCurves(lcs, flux, { minObs, clipSigma: options.clipSigma ?? 10, maxReducedChi2: options.maxReducedChi2 }, input.length, log);
  return { options, log, present, cols, magFlux, byField, kept, lcs, keep, mean };
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
  const c = partitionCuts(input, ctx.args);
  const { nest, band, position } = c.cols;
  let kept = c.kept;
  if (c.byField && position) {
    const p = positions(input, nest, position.ra, position.dec, position.where);
    kept = kept.withColumns({ [position.ra]: { type: "float64", values: p.ra }, [position.dec]: { type: "float64", values: p.dec } });
  }
  const frame = kept.filterObservations(nest, keptRows(kept, nest, band, c.lcs, c.keep)).dropEmpty(nest);
  return { steps: c.log.steps, inputObjects: input.length, bands: c.present, nest, flags: c.cols.flags, frame };
}

/** What one partition contributes to a bounded-memory catalog validation: counts, and where its kept light curves were spilled. */
export interface ValidationSpill extends Omit<ValidationPiece, "frame"> {
  readonly spill: SpillLayout;
}

/** Arguments of {@link validationSpill}: the validation options and the folder for the spill file. */
export interface ValidationSpillArgs {
  readonly options: ValidateOptions;
  readonly dir: string;
}

/**
 * The cuts of {@link validationPiece}, with the surviving light curves
 * written band by band to a spill file in `ctx.args.dir` (see
 * validate-spill.ts) instead of returned: what validateCatalog runs in its
 * workers, so that main holds no rows. The field and magnitude bin of each
 * light curve are computed here, as validateFluxErrors computes them.
 *
 * @example
 * const s = validationSpill(dp1Objects, { args: { options: {}, dir: "." }, partition: { index: 0 } });
 * s.spill.segments.map((b) => b.band); // the bands with a light curve left, ugrizy order
 */
export function validationSpill(input: NestedFrame, ctx: { readonly args?: unknown; readonly partition?: { readonly index: number }; readonly batch?: number }): ValidationSpill {
  const { options, dir } = ctx.args as ValidationSpillArgs;
  const c = partitionCuts(input, options);
  const { nest, flux, position } = c.cols;
  const groupBy = options.groupBy ?? [];
  const byMag = groupBy.includes("magBin");
  const arrays = c.lcs.lightCurveArrays("lc", [flux.flux, flux.err]);
  const lo = arrays.offsets;
  const object = c.lcs.numbers("object");
  const bandColumn = c.lcs.column("band");
  const codes = bandColumn.type === "dict" ? bandColumn.codes : new Int32Array(c.lcs.length);
  const labels = bandColumn.type === "dict" ? bandColumn.dictionary : [];
  let fieldOfObject: Int8Array | undefined;
  if (c.byField && position) {
    const pos = positions(input, nest, position.ra, position.dec, position.where);
    fieldOfObject = nearestFields(pos.ra, pos.dec, {
      fields: options.fields ?? DP1_FIELDS,
      maxDistance: options.maxFieldDistance ?? 5,
    }).index;
  }
  let magOfLc: Float64Array | undefined;
  if (byMag) {
    const m = c.magFlux === flux ? c.mean : weightedMeans(lo, ...(c.lcs.lightCurveArrays("lc", [c.magFlux.flux, c.magFlux.err]).values as [NumericArray, NumericArray])).mean;
    magOfLc = new Float64Array(m.length);
    for (let i = 0; i < m.length; i++) magOfLc[i] = Math.floor(fluxToMag(m[i]!));
  }
  const bands: SpillBandInput[] = [];
  for (let b = 0; b < labels.length; b++) {
    const mine = new Uint8Array(c.lcs.length);
    let n = 0;
    for (let i = 0; i < mine.length; i++) if (c.keep[i] === 1 && codes[i] === b) (mine[i] = 1), n++;
    if (n === 0) continue;
    const packed = packLightCurves(lo, arrays.values[0]!, arrays.values[1]!, mine);
    const obj = new Int32Array(n);
    const field = fieldOfObject ? new Int8Array(n) : undefined;
    const mag = magOfLc ? new Float64Array(n) : undefined;
    for (let i = 0, k = 0; i < mine.length; i++) {
      if (mine[i] !== 1) continue;
      obj[k] = object[i]!;
      if (field) field[k] = fieldOfObject![object[i]!]!;
      if (mag) mag[k] = magOfLc![i]!;
      k++;
    }
    bands.push({ band: labels[b]!, offsets: packed.offsets, object: obj, field, mag, flux: packed.flux, err: packed.err });
  }
  const path = join(dir, `partition-${ctx.partition?.index ?? 0}-${ctx.batch ?? 0}.bin`);
  const spill = writeSpill(path, bands, { hasField: fieldOfObject !== undefined, hasMag: byMag });
  return { steps: c.log.steps, inputObjects: input.length, bands: c.present, nest, flags: c.cols.flags, spill };
}
