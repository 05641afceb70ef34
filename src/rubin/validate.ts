/**
 * The DP1 flux-error validation: are the reported flux errors right?
 *
 * 1. drop observations with any flag set, a non-finite flux or an error <= 0,
 *    and repeats of an (object, visit) already kept (the first usable row stays);
 * 2. per band, keep light curves with >= minObs points and none beyond
 *    clipSigma of the weighted mean; then (beyond the recipe, on by default)
 *    drop variable sources, whose scatter the band's error model cannot explain;
 * 3. per group (band, and on request field and one-magnitude bin): pulls
 *    (naive, corrected, whitened), the naive-pull histogram, normality tests of
 *    the whitened residuals against N(0,1) within `range`, and the error model
 *    sqrt((s e)^2 + a^2) fitted by maximum likelihood;
 * 4. the cut-flow of every step, accounting for every input observation.
 */
import { ArgumentError } from "../frame/errors.js";
import { type NumericArray, toFloat64 } from "../frame/column.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { Catalog } from "../catalog/catalog.js";
import type { CatalogRunOptions } from "./validate-catalog.js";
import { groupCodes } from "../frame/verbs/group-codes.js";
import { type BinSpec, bins as makeBins, parseBinSpec } from "../stats/bin-spec.js";
import { weightedMeans } from "../stats/weighted-mean.js";
import { bandLightCurves, bandOrder } from "./band-light-curves.js";
import { DP1_FIELDS, type DP1Field, nearestFields } from "./fields.js";
import { fluxToMag } from "./magnitudes.js";
import { type Product, type ProductName, fluxPair, product as productNamed } from "./products.js";
import { CutflowLog, type ValidationStep, cutLightCurves, cutRows, tallyLightCurves } from "./validate-cuts.js";
import { groupLightCurves } from "./validate-grouping.js";
import { type GroupStatistics, groupStatistics } from "./validate-groups.js";
import { type ResolvedInput, resolveInput } from "./validate-input.js";
import { type BandScreen, screenBands } from "./validate-screen.js";

export type { ValidationStep } from "./validate-cuts.js";
export type { GroupStatistics, TestResult } from "./validate-groups.js";

/** What to group the statistics by, besides band (always). */
export type GroupKey = "band" | "field" | "magBin";

export interface ValidateOptions {
  /** The product (default ForcedSource). */
  readonly product?: ProductName | Product;
  /** The flux to validate: psfFlux (default), psfDiffFlux, or scienceFlux for DiaSource. */
  readonly flux?: string;
  /** Bands to validate (default: every band present, ugrizy order). A band absent from the data gets an empty group. */
  readonly bands?: readonly string[];
  /** Fewest points a light curve needs in a band (default 10). */
  readonly minObs?: number;
  /** A light curve with a point beyond this many sigma of its weighted mean is dropped (default 10). */
  readonly clipSigma?: number;
  /** Range in which pulls are compared with N(0,1) (default [-3, 3]). */
  readonly range?: readonly [number, number];
  /** Histogram bins of the naive pulls: a BinSpec or "lo:hi:width" (default -10:10:0.1). */
  readonly bins?: BinSpec | string;
  /** Group by band (always), field and/or one-magnitude bin. */
  readonly groupBy?: readonly GroupKey[];
  /**
   * Variability screening (on by default, beyond the bare DP1 recipe): per band, drop light curves
   * whose chi-square under the band's fitted error model has p < pValue (default 1e-6), refitting
   * until stable (see screenVariables). `false` runs the recipe alone; the cut-flow shows what it removed.
   */
  readonly screen?: false | { readonly pValue?: number };
  /** Also drop light curves whose reduced chi-square with the *reported* errors exceeds this. Off by default: it removes the light curves that show an error floor. */
  readonly maxReducedChi2?: number;
  /** Fit the additive floor (default true); false fits the scale alone. */
  readonly fitFloor?: boolean;
  /**
   * Count before gathering (default true): objects whose usable rows cannot reach minObs in any band
   * (in DP1, the ~99% of DiaObjects with one DiaSource) are dropped from the row mask before light
   * curves are built. Same result, cut-flow included; `false` gathers every usable row first.
   */
  readonly prefilter?: boolean;
  /** Nest holding the light curves, when it is not one of the product's usual names. */
  readonly nest?: string;
  /** Flag columns instead of the product's set. */
  readonly flags?: readonly string[];
  /** Fields for the field grouping (default the seven DP1 fields) and the largest distance (deg) to count as in one (default 5). */
  readonly fields?: readonly DP1Field[];
  readonly maxFieldDistance?: number;
}

/** One group's key and statistics. */
export interface ValidationGroup extends GroupStatistics {
  readonly band: string;
  /** Field name ("none" beyond maxFieldDistance of every field) when grouping by field. */
  readonly field?: string;
  /** Lower edge of the one-magnitude bin (AB mag of the light curve's weighted-mean flux), null when that flux is not positive; when grouping by magBin. */
  readonly magBin?: number | null;
}

export interface FluxErrorValidation {
  readonly product: ProductName;
  readonly flux: string;
  readonly nest: string;
  readonly options: {
    readonly bands: readonly string[];
    readonly minObs: number;
    readonly clipSigma: number;
    readonly range: readonly [number, number];
    readonly bins: BinSpec;
    readonly groupBy: readonly GroupKey[];
    readonly screenPValue: number | null;
    readonly maxReducedChi2: number | null;
    readonly fitFloor: boolean;
    readonly flags: readonly string[];
  };
  readonly cutflow: readonly ValidationStep[];
  readonly groups: readonly ValidationGroup[];
}

const DEFAULT_BINS = "-10:10:0.1";

/** The validation options checked, with their defaults filled in. */
export interface CheckedOptions {
  readonly minObs: number;
  readonly clipSigma: number;
  readonly range: [number, number];
  readonly bins: BinSpec;
  readonly groupBy: GroupKey[];
  readonly fitFloor: boolean;
  readonly maxReducedChi2: number | undefined;
  /** The variability screen's settings, undefined when it is off. */
  readonly screen: { readonly pValue: number; readonly fitFloor: boolean } | undefined;
}

/**
 * Check the options validateFluxErrors (and a catalog's validation) runs
 * with and fill in the defaults; throws ArgumentError naming the bad option.
 *
 * @example
 * checkValidateOptions({ minObs: 5 }).range; // [-3, 3]
 */
export function checkValidateOptions(options: ValidateOptions): CheckedOptions {
  const fitFloor = options.fitFloor ?? true;
  const maxReducedChi2 = options.maxReducedChi2;
  const checked = checkOptions(options);
  if (maxReducedChi2 !== undefined && !(maxReducedChi2 > 0)) throw new ArgumentError(`maxReducedChi2 must be > 0, got ${maxReducedChi2}.`);
  const screen = options.screen === false ? undefined : { pValue: options.screen?.pValue ?? 1e-6, fitFloor };
  return { ...checked, fitFloor, maxReducedChi2, screen };
}

/**
 * The cut-flow detail of the variability screen at `pValue`.
 *
 * @example
 * variabilityDetail(1e-6); // "variable: chi-square p < 1e-6 under the band's error model"
 */
export function variabilityDetail(pValue: number): string {
  const p = pValue < 1e-3 ? pValue.toExponential() : String(pValue);
  return `variable: chi-square p < ${p} under the band's error model`;
}

function checkOptions(o: ValidateOptions): { minObs: number; clipSigma: number; range: [number, number]; bins: BinSpec; groupBy: GroupKey[] } {
  const minObs = o.minObs ?? 10;
  const clipSigma = o.clipSigma ?? 10;
  const range: [number, number] = [o.range?.[0] ?? -3, o.range?.[1] ?? 3];
  if (!Number.isInteger(minObs) || minObs < 2) throw new ArgumentError(`minObs must be an integer >= 2 (a light curve needs 2 points for a residual), got ${minObs}.`);
  if (!(clipSigma > 0)) throw new ArgumentError(`clipSigma must be > 0, got ${clipSigma}.`);
  if (!(range[0] < range[1]) || !Number.isFinite(range[0]) || !Number.isFinite(range[1])) throw new ArgumentError(`range must be [lo, hi] with lo < hi, got [${range.join(", ")}].`);
  const bins = typeof o.bins === "string" || o.bins === undefined ? parseBinSpec(o.bins ?? DEFAULT_BINS) : makeBins(o.bins.lo, o.bins.hi, o.bins.width);
  const groupBy = [...new Set<GroupKey>(["band", ...(o.groupBy ?? [])])];
  for (const g of groupBy) if (g !== "band" && g !== "field" && g !== "magBin") throw new ArgumentError(`Cannot group by "${String(g)}"; choose from band, field, magBin.`);
  const p = o.screen === false || o.screen === undefined ? undefined : o.screen.pValue;
  if (p !== undefined && !(p > 0 && p < 1)) throw new ArgumentError(`screen.pValue must be in (0, 1), got ${p}.`);
  return { minObs, clipSigma, range, bins, groupBy };
}

/** Per-object positions: base columns, or the first observation's value for flat files read into a nest. */
function objectPositions(frame: NestedFrame, nest: string, ra: string, dec: string, where: "base" | "nest"): { ra: Float64Array; dec: Float64Array } {
  if (where === "base") return { ra: toFloat64(frame.column(ra), ra), dec: toFloat64(frame.column(dec), dec) };
  const a = frame.lightCurveArrays(nest, [ra, dec]);
  const o = a.offsets;
  const r = a.values[0]!;
  const d = a.values[1]!;
  const out = { ra: new Float64Array(frame.length).fill(NaN), dec: new Float64Array(frame.length).fill(NaN) };
  for (let i = 0; i < frame.length; i++) {
    if (o[i + 1]! > o[i]!) {
      out.ra[i] = r[o[i]!]!;
      out.dec[i] = d[o[i]!]!;
    }
  }
  return out;
}

/**
 * Validate the flux errors of a product in a NestedFrame of light curves
 * (a HATS collection, a nested parquet file, or flat per-visit files read with
 * `readFlat`). Returns the cut-flow and one entry per group. Given a Catalog
 * (openCatalog), it returns a Promise of the same result, computed partition
 * by partition in worker threads (`run`: threads, progress); see validate-catalog.ts.
 *
 * @example
 * const v = validateFluxErrors(dp1Objects, { product: "ForcedSource", flux: "psfFlux" });
 * v.groups.map((g) => [g.band, g.errorScale.toFixed(2)]);
 * const whole = await validateFluxErrors(await openCatalog("data-samples/dp1_object_collection"), {}, { progress: false });
 * whole.cutflow[0]!.objects; // 4500
 */
export function validateFluxErrors(input: NestedFrame, options?: ValidateOptions): FluxErrorValidation;
export function validateFluxErrors(input: Catalog, options?: ValidateOptions, run?: CatalogRunOptions): Promise<FluxErrorValidation>;
export function validateFluxErrors(input: NestedFrame | Catalog, options: ValidateOptions = {}, run: CatalogRunOptions = {}): FluxErrorValidation | Promise<FluxErrorValidation> {
  // A catalog: the same validation, partition by partition in worker threads (validate-catalog.ts).
  if (input instanceof Catalog) return import("./validate-catalog.js").then((m) => m.validateCatalog(input, options, run));
  const product = typeof options.product === "object" ? options.product : productNamed(options.product ?? "ForcedSource");
  const fluxName = options.flux ?? "psfFlux";
  fluxPair(product, fluxName);
  const { minObs, clipSigma, range, bins, groupBy, fitFloor, maxReducedChi2, screen } = checkValidateOptions(options);
  const byField = groupBy.includes("field");
  const byMag = groupBy.includes("magBin");
  const cols = resolveInput(input, product, fluxName, { nest: options.nest, flags: options.flags, positions: byField });
  const { nest, flux } = cols;
  // The magnitude comes from psfFlux when validating psfDiffFlux (the weighted mean of its usable rows).
  const magFlux = byMag ? cols.magFlux : flux;
  const bands = chooseBands(input, cols, product.name, options.bands);

  // Cuts: observations, then per-band light curves, then variables.
  const log = new CutflowLog();
  const carry = magFlux === flux ? [] : [magFlux.flux, magFlux.err];
  const prefilterMinObs = options.prefilter === false ? undefined : minObs;
  const kept = cutRows(input, { nest, band: cols.band, flags: cols.flags, flux, carry, repeatKey: cols.repeatKey, prefilterMinObs }, bands, options.bands !== undefined, product.name, log);
  let lcs = bandLightCurves(kept, nest, { band: cols.band });
  const { keep, mean } = cutLightCurves(lcs, flux, { minObs, clipSigma, maxReducedChi2 }, input.length, log);
  const object = lcs.numbers("object");
  const lo = lcs.lightCurveArrays("lc", []).offsets;
  const screened = screen ? screenBands(lcs, keep, flux, screen) : new Map<string, BandScreen>();
  if (screen) {
    log.record("variability", variabilityDetail(screen.pValue), tallyLightCurves(object, lo, keep, input.length));
  }

  // Groups: contiguous runs of light curves, one statistics call each.
  const bandColumn = lcs.column("band");
  const bandOfLc = bandColumn.type === "dict" ? bandColumn.codes : new Int32Array(lcs.length);
  const bandLabels = bandColumn.type === "dict" ? bandColumn.dictionary : [];
  const fieldList = options.fields ?? DP1_FIELDS;
  const fieldOfLc = byField && cols.position ? lightCurveFields(input, nest, cols.position, object, fieldList, options.maxFieldDistance ?? 5) : undefined;
  let magOfLc: Float64Array | undefined;
  if (byMag) {
    const { values } = lcs.lightCurveArrays("lc", [magFlux.flux, magFlux.err]);
    const m = magFlux === flux ? mean : weightedMeans(lo, values[0]!, values[1]!).mean;
    magOfLc = new Float64Array(m.length);
    for (let i = 0; i < m.length; i++) magOfLc[i] = Math.floor(fluxToMag(m[i]!));
  }
  const groups = groupLightCurves(keep, bandOfLc, fieldOfLc, magOfLc);
  lcs = lcs.takeObjects(groups.order);
  const grouped = lcs.lightCurveArrays("lc", [flux.flux, flux.err]);
  const go = grouped.offsets;
  const gFlux = grouped.values[0]!;
  const gErr = grouped.values[1]!;
  const out: ValidationGroup[] = [];
  for (const g of groups.list) {
    const band = bandLabels[g.band]!;
    const s = screened.get(band);
    // Grouped by band alone, a group is exactly the set the screen fitted last: reuse that fit.
    const fit = groupBy.length === 1 ? s?.fit : undefined;
    const rows = [go[g.first]!, go[g.last]!] as const;
    const stats = groupStatistics(rebase(go, g.first, g.last), gFlux.subarray(...rows), gErr.subarray(...rows), { bins, range, fitFloor, fit });
    out.push({
      band,
      ...(byField ? { field: g.field < 0 ? "none" : fieldList[g.field]!.name } : {}),
      ...(byMag ? { magBin: Number.isFinite(g.mag) ? g.mag : null } : {}),
      ...stats,
      notes: [...(s?.note ? [s.note] : []), ...stats.notes],
    });
  }
  // A requested band with no light curve left is reported, not dropped.
  for (const b of bands) {
    if (out.some((g) => g.band === b)) continue;
    const empty = groupStatistics(Int32Array.of(0), new Float64Array(0), new Float64Array(0), { bins, range, fitFloor });
    const beforeMinObs = log.steps.find((x) => x.step === "finite")!;
    const afterMinObs = log.steps.find((x) => x.step === "minObs")!;
    const why = beforeMinObs.points > 0 && afterMinObs.points === 0 ? `; no light curve has ${minObs} points: with few repeat visits (DIA sources) try a lower minObs` : "";
    out.push({ band: b, ...empty, notes: [`no ${b}-band light curve passed the cuts (see the cut-flow)${why}`] });
  }
  const rank = (b: string) => bands.indexOf(b);
  out.sort((x, y) => rank(x.band) - rank(y.band));
  return {
    product: product.name,
    flux: fluxName,
    nest,
    options: { bands, minObs, clipSigma, range, bins, groupBy, screenPValue: screen?.pValue ?? null, maxReducedChi2: maxReducedChi2 ?? null, fitFloor, flags: cols.flags },
    cutflow: log.steps,
    groups: out,
  };
}

/** The bands to validate: the option (checked) or every band present, ugrizy order. */
function chooseBands(input: NestedFrame, cols: ResolvedInput, productName: string, requested: readonly string[] | undefined): string[] {
  const nc = input.nest(cols.nest);
  const o = nc.offsets;
  const { labels } = groupCodes(nc.fields[cols.band]!, o[0]!, o[o.length - 1]!, `${cols.nest}.${cols.band}`);
  return chooseFromBands(bandOrder(labels), productName, requested);
}

/**
 * The bands to validate given those present (ugrizy order): `requested`,
 * checked (known, not repeated), or all present.
 *
 * @example
 * chooseFromBands(["g", "r"], "ForcedSource", undefined); // ["g", "r"]
 * chooseFromBands(["g", "r"], "ForcedSource", ["u"]); // ["u"]: a Rubin band, reported empty
 */
export function chooseFromBands(present: readonly string[], productName: string, requested: readonly string[] | undefined): string[] {
  if (!requested) return [...present];
  for (const b of requested) {
    const rubin = b.length === 1 && "ugrizy".includes(b);
    if (!present.includes(b) && !rubin) throw new ArgumentError(`Unknown band "${b}": the ${productName} data has bands ${present.join(", ")} (Rubin's are ugrizy).`);
  }
  const twice = requested.find((b, k) => requested.indexOf(b) !== k);
  if (twice !== undefined) throw new ArgumentError(`Band "${twice}" is asked for twice.`);
  return [...requested];
}

/** Field index of each light curve's object (-1 beyond maxDistance of every field). */
function lightCurveFields(input: NestedFrame, nest: string, pos: NonNullable<ResolvedInput["position"]>, object: NumericArray, fields: readonly DP1Field[], maxDistance: number): Int8Array {
  const { ra, dec } = objectPositions(input, nest, pos.ra, pos.dec, pos.where);
  const { index } = nearestFields(ra, dec, { fields, maxDistance });
  const out = new Int8Array(object.length);
  for (let i = 0; i < object.length; i++) out[i] = index[object[i]!]!;
  return out;
}

/** offsets[first..last] shifted to start at 0. */
function rebase(offsets: Int32Array, first: number, last: number): Int32Array {
  const base = offsets[first]!;
  const out = new Int32Array(last - first + 1);
  for (let k = 0; k < out.length; k++) out[k] = offsets[first + k]! - base;
  return out;
}
