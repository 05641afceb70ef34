/**
 * The DP1 flux-error validation: are the reported flux errors right?
 *
 * 1. drop observations with any flag set, a non-finite flux or an error <= 0;
 * 2. per band, keep light curves with >= minObs points and none beyond
 *    clipSigma of the weighted mean; then (beyond the recipe, on by default)
 *    drop variable sources, whose scatter the band's error model cannot explain;
 * 3. per group (band, and on request field and one-magnitude bin): pulls
 *    (naive, corrected, whitened), the naive-pull histogram, normality tests of
 *    the whitened residuals against N(0,1) within `range`, and the error model
 *    sqrt((s e)^2 + a^2) fitted by maximum likelihood;
 * 4. the cut-flow of every step, accounting for every input observation.
 */
import { ArgumentError, NestedLcError } from "../frame/errors.js";
import { type NumericArray, toFloat64 } from "../frame/column.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { groupCodes } from "../frame/verbs/group-codes.js";
import { type BinSpec, bins as makeBins, parseBinSpec } from "../stats/bin-spec.js";
import { reducedChi2 } from "../stats/reduced-chi2.js";
import { screenVariables } from "../stats/variability.js";
import { weightedMeans } from "../stats/weighted-mean.js";
import { bandLightCurves, bandOrder } from "./band-light-curves.js";
import { DP1_FIELDS, type DP1Field, nearestFields } from "./fields.js";
import { fluxToMag } from "./magnitudes.js";
import { type Product, type ProductName, fluxPair, product as productNamed } from "./products.js";
import { type ValidationStep, dropFlagged, dropUnusable, tallyLightCurves, tallyRows } from "./validate-cuts.js";
import { type GroupStatistics, groupStatistics } from "./validate-groups.js";
import { resolveInput } from "./validate-input.js";

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
  return { minObs, clipSigma, range, bins, groupBy };
}

/** Per-object positions: base columns, or the first observation's value for flat files read into a nest. */
function objectPositions(frame: NestedFrame, nest: string, ra: string, dec: string, where: "base" | "nest"): { ra: Float64Array; dec: Float64Array } {
  if (where === "base") return { ra: toFloat64(frame.column(ra), ra), dec: toFloat64(frame.column(dec), dec) };
  const o = frame.nest(nest).offsets;
  const r = frame.numbers(`${nest}.${ra}`);
  const d = frame.numbers(`${nest}.${dec}`);
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
 * `readFlat`). Returns the cut-flow and one entry per group.
 *
 * @example
 * const v = validateFluxErrors(dp1Objects, { product: "ForcedSource", flux: "psfFlux" });
 * v.groups.map((g) => [g.band, g.errorScale.toFixed(2)]);
 */
export function validateFluxErrors(input: NestedFrame, options: ValidateOptions = {}): FluxErrorValidation {
  const product = typeof options.product === "object" ? options.product : productNamed(options.product ?? "ForcedSource");
  const fluxName = options.flux ?? "psfFlux";
  fluxPair(product, fluxName);
  const { minObs, clipSigma, range, bins, groupBy } = checkOptions(options);
  const byField = groupBy.includes("field");
  const byMag = groupBy.includes("magBin");
  const cols = resolveInput(input, product, fluxName, { nest: options.nest, flags: options.flags, positions: byField });
  const { nest, flux } = cols;
  // The magnitude comes from psfFlux when validating psfDiffFlux; only then must psfFlux be usable too.
  const magFlux = byMag ? cols.magFlux : flux;
  const nc = input.nest(nest);
  const o = nc.offsets;
  const start = o[0]!;
  const rows = o[o.length - 1]! - start;
  const fields = nc.fields;

  // Row-level cuts, as masks over the input observations.
  const bandCodes = groupCodes(fields[cols.band]!, start, start + rows, `${nest}.${cols.band}`);
  const present = bandOrder(bandCodes.labels);
  const bands = options.bands ? [...options.bands] : present;
  for (const b of bands) {
    if (!present.includes(b) && !"ugrizy".includes(b)) throw new ArgumentError(`Unknown band "${b}": the ${product.name} data has bands ${present.join(", ")} (Rubin's are ugrizy).`);
  }
  const codes = bandCodes.codes;
  // Null bands are tallied as band 0 until the band step drops them.
  const safeCodes = new Int32Array(rows);
  for (let r = 0; r < rows; r++) safeCodes[r] = codes[r]! < 0 ? 0 : codes[r]!;
  const cutflow: ValidationStep[] = [];
  const record = (step: string, detail: string, t: { objects: number; lightCurves: number; points: number }) => cutflow.push({ step, detail, ...t });
  const keep = new Uint8Array(rows).fill(1);
  const inputTally = tallyRows(o, safeCodes, keep);
  const empty = input.length - inputTally.objects;
  record("input", `${product.name} ${nest}: ${input.length} objects${empty > 0 ? `, ${empty} without observations` : ""}`, inputTally);
  const wanted = new Uint8Array(bandCodes.labels.length);
  bandCodes.labels.forEach((l, k) => (wanted[k] = bands.includes(l) ? 1 : 0));
  for (let r = 0; r < rows; r++) if (codes[r]! < 0 || wanted[codes[r]!] === 0) keep[r] = 0;
  record("band", options.bands ? `band not in ${bands.join(", ")} (or null)` : "band is null", tallyRows(o, safeCodes, keep));
  dropFlagged(keep, cols.flags.map((f) => fields[f]!), start);
  record("flags", `any of ${cols.flags.length} flags set: ${cols.flags.join(", ")}`, tallyRows(o, safeCodes, keep));
  dropUnusable(keep, fields[flux.flux]!, fields[flux.err]!, start);
  if (magFlux !== flux) dropUnusable(keep, fields[magFlux.flux]!, fields[magFlux.err]!, start);
  const also = magFlux !== flux ? ` (or ${magFlux.flux}/${magFlux.err}, used for the magnitude)` : "";
  record("finite", `${flux.flux} not finite or ${flux.err} not in (0, inf)${also}`, tallyRows(o, safeCodes, keep));

  // Per-band light curves of the kept rows.
  const fullMask = new Uint8Array(start + rows);
  fullMask.set(keep, start);
  const kept = input.select([`${nest}.${cols.band}`, `${nest}.${flux.flux}`, `${nest}.${flux.err}`, ...(magFlux !== flux ? [`${nest}.${magFlux.flux}`, `${nest}.${magFlux.err}`] : [])]).filterObservations(nest, fullMask);
  let lcs = bandLightCurves(kept, nest, { band: cols.band });
  const lcFlux = lcs.numbers(`lc.${flux.flux}`);
  const lcErr = lcs.numbers(`lc.${flux.err}`);
  const lo = lcs.nest("lc").offsets;
  const nLc = lcs.length;
  const lcObject = lcs.numbers("object");
  const keepLc = new Uint8Array(nLc).fill(1);
  for (let i = 0; i < nLc; i++) if (lo[i + 1]! - lo[i]! < minObs) keepLc[i] = 0;
  record("minObs", `fewer than ${minObs} points in the band`, tallyLightCurves(lcObject, lo, keepLc, input.length));
  const { mean } = weightedMeans(lo, lcFlux, lcErr);
  for (let i = 0; i < nLc; i++) {
    if (keepLc[i] === 0) continue;
    const mu = mean[i]!;
    for (let r = lo[i]!; r < lo[i + 1]!; r++) {
      const p = Math.abs(lcFlux[r]! - mu) / lcErr[r]!;
      if (p > clipSigma) {
        keepLc[i] = 0;
        break;
      }
    }
  }
  record("clip", `a point beyond ${clipSigma} sigma of the weighted mean`, tallyLightCurves(lcObject, lo, keepLc, input.length));
  const maxChi2 = options.maxReducedChi2;
  if (maxChi2 !== undefined) {
    if (!(maxChi2 > 0)) throw new ArgumentError(`maxReducedChi2 must be > 0, got ${maxChi2}.`);
    const red = reducedChi2(lo, lcFlux, lcErr, mean);
    for (let i = 0; i < nLc; i++) if (keepLc[i] === 1 && red[i]! > maxChi2) keepLc[i] = 0;
    record("chi2", `reduced chi-square (reported errors) above ${maxChi2}`, tallyLightCurves(lcObject, lo, keepLc, input.length));
  }
  const lcBand = lcs.column("band");
  const bandOfLc = lcBand.type === "dict" ? lcBand.codes : new Int32Array(nLc);
  const bandLabels = lcBand.type === "dict" ? lcBand.dictionary : [];
  const fitFloor = options.fitFloor ?? true;
  const screen = options.screen === false ? undefined : { pValue: options.screen?.pValue ?? 1e-6 };
  const screenNotes: { band: string; note: string }[] = [];
  if (screen) {
    const byBand = groupLightCurves(keepLc, bandOfLc, undefined, undefined);
    for (const g of byBand.list) {
      const idx = byBand.order.slice(g.first, g.last);
      const sub = lcs.takeObjects(idx);
      try {
        const r = screenVariables(sub.nest("lc").offsets, sub.numbers(`lc.${flux.flux}`), sub.numbers(`lc.${flux.err}`), { pValue: screen.pValue, fitFloor });
        for (let k = 0; k < idx.length; k++) if (r.keep[k] === 0) keepLc[idx[k]!] = 0;
      } catch (e) {
        if (!(e instanceof NestedLcError)) throw e;
        screenNotes.push({ band: bandLabels[g.band]!, note: `variability screening skipped: ${e.message}` });
      }
    }
    record("variability", `variable: chi-square p < ${screen.pValue < 1e-3 ? screen.pValue.toExponential() : screen.pValue} under the band's error model`, tallyLightCurves(lcObject, lo, keepLc, input.length));
  }

  // Group keys of the kept light curves.
  const fieldList = options.fields ?? DP1_FIELDS;
  let fieldOfLc: Int8Array | undefined;
  if (byField && cols.position) {
    const pos = objectPositions(input, nest, cols.position.ra, cols.position.dec, cols.position.where);
    const { index } = nearestFields(pos.ra, pos.dec, { fields: fieldList, maxDistance: options.maxFieldDistance ?? 5 });
    fieldOfLc = Int8Array.from(lcObject, (i) => index[i]!);
  }
  let magOfLc: Float64Array | undefined;
  if (byMag) {
    const m = magFlux === flux ? mean : weightedMeans(lo, lcs.numbers(`lc.${magFlux.flux}`), lcs.numbers(`lc.${magFlux.err}`)).mean;
    magOfLc = Float64Array.from(m, (f) => Math.floor(fluxToMag(f)));
  }
  const groups = groupLightCurves(keepLc, bandOfLc, fieldOfLc, magOfLc);
  lcs = lcs.takeObjects(groups.order);
  const go = lcs.nest("lc").offsets;
  const gFlux = lcs.numbers(`lc.${flux.flux}`);
  const gErr = lcs.numbers(`lc.${flux.err}`);
  const stats = { bins, range, fitFloor };
  const out: ValidationGroup[] = [];
  for (const g of groups.list) {
    const offsets = rebase(go, g.first, g.last);
    const s = groupStatistics(offsets, slice(gFlux, go[g.first]!, go[g.last]!), slice(gErr, go[g.first]!, go[g.last]!), stats);
    const band = bandLabels[g.band]!;
    const extra = screenNotes.filter((n) => n.band === band).map((n) => n.note);
    out.push({
      band,
      ...(byField ? { field: g.field < 0 ? "none" : fieldList[g.field]!.name } : {}),
      ...(byMag ? { magBin: Number.isFinite(g.mag) ? g.mag : null } : {}),
      ...s,
      notes: [...extra, ...s.notes],
    });
  }
  // A requested band with no light curve left is reported, not dropped.
  for (const b of bands) {
    if (out.some((g) => g.band === b)) continue;
    const empty = groupStatistics(Int32Array.of(0), new Float64Array(0), new Float64Array(0), stats);
    out.push({ band: b, ...empty, notes: [`no ${b}-band light curve passed the cuts`, ...empty.notes] });
  }
  const rank = (b: string) => bands.indexOf(b);
  out.sort((x, y) => rank(x.band) - rank(y.band));
  return {
    product: product.name,
    flux: fluxName,
    nest,
    options: { bands, minObs, clipSigma, range, bins, groupBy, screenPValue: screen?.pValue ?? null, maxReducedChi2: maxChi2 ?? null, fitFloor, flags: cols.flags },
    cutflow,
    groups: out,
  };
}

/** offsets[first..last] shifted to start at 0. */
function rebase(offsets: Int32Array, first: number, last: number): Int32Array {
  const base = offsets[first]!;
  return Int32Array.from(offsets.subarray(first, last + 1), (v) => v - base);
}

function slice(x: NumericArray, from: number, to: number): NumericArray {
  return x.subarray(from, to);
}

interface GroupRange {
  readonly band: number;
  readonly field: number;
  readonly mag: number;
  readonly first: number;
  readonly last: number;
}

/**
 * The kept light curves ordered by group (band, then field, then magnitude bin,
 * all ascending; light curves keep their order inside a group), and each
 * group's range in that order.
 */
function groupLightCurves(keep: Uint8Array, band: Int32Array, field: Int8Array | undefined, mag: Float64Array | undefined): { order: Int32Array; list: GroupRange[] } {
  let n = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i] === 1) n++;
  const idx = new Int32Array(n);
  n = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i] === 1) idx[n++] = i;
  const magKey = (i: number) => (mag === undefined || !Number.isFinite(mag[i]!) ? Infinity : mag[i]!);
  const fieldKey = (i: number) => (field === undefined ? 0 : field[i]! < 0 ? 1000 : field[i]!);
  // Light curves per group are many, groups few: a stable sort of positions is O(n log n) on an Int32Array.
  const order = idx.sort((a, b) => band[a]! - band[b]! || fieldKey(a) - fieldKey(b) || magKey(a) - magKey(b) || a - b);
  const list: GroupRange[] = [];
  for (let k = 0; k < order.length; ) {
    const i = order[k]!;
    let j = k + 1;
    while (j < order.length && band[order[j]!] === band[i] && fieldKey(order[j]!) === fieldKey(i) && magKey(order[j]!) === magKey(i)) j++;
    list.push({ band: band[i]!, field: field === undefined ? 0 : field[i]!, mag: mag === undefined ? NaN : mag[i]!, first: k, last: j });
    k = j;
  }
  return { order, list };
}
