/**
 * Heatmaps of a validation grouped by field and/or magnitude: one group
 * statistic (by default the fitted error scale s) over fields x magnitude
 * bins of a band, or over bands x magnitude bins or bands x fields.
 */
import { ArgumentError } from "../frame/errors.js";
import type { Figure } from "../plot/figure.js";
import { heatmapFigure } from "../plot/heatmap.js";
import type { FluxErrorValidation, ValidationGroup } from "./validate.js";

const magLabel = (m: number | null | undefined) => (m === null || m === undefined ? "–" : `${m}–${m + 1}`);

/** Distinct values in first-seen order, sorted by `cmp`. */
function distinct<T>(xs: readonly T[], cmp: (a: T, b: T) => number): T[] {
  return [...new Set(xs)].sort(cmp);
}

const byMag = (a: number | null | undefined, b: number | null | undefined) => (a ?? Infinity) - (b ?? Infinity);
const byField = (a: string | undefined, b: string | undefined) => Number(a === "none") - Number(b === "none") || String(a).localeCompare(String(b));

/** A group statistic a heatmap can show: its value, its 1-sigma error (if any), its colour-bar name and centre. */
const HEATMAP_VALUES = {
  errorScale: { of: (g: ValidationGroup) => g.errorScale, err: (g: ValidationGroup) => g.errorScaleErr, label: "scale s", zmid: 1 as number | undefined },
  floor: { of: (g: ValidationGroup) => g.floor, err: (g: ValidationGroup) => g.floorErr, label: "floor a (nJy)", zmid: undefined },
  whitenedStd: { of: (g: ValidationGroup) => g.whitenedStd, err: undefined, label: "whitened std", zmid: 1 },
  pullStdCorrected: { of: (g: ValidationGroup) => g.pullStdCorrected, err: undefined, label: "corrected pull std", zmid: 1 },
  pullStd: { of: (g: ValidationGroup) => g.pullStd, err: undefined, label: "naive pull std", zmid: 1 },
  reducedChi2: { of: (g: ValidationGroup) => g.reducedChi2, err: undefined, label: "reduced χ²", zmid: 1 },
} as const;

/** The group statistics errorModelHeatmap can show. */
export type HeatmapValue = keyof typeof HEATMAP_VALUES;

export interface ErrorModelHeatmapOptions {
  /** The band to draw; required when the validation is grouped by field and magnitude (one heatmap per band). */
  readonly band?: string;
  /** The statistic (default errorScale, centred on 1; floor uses a sequential scale). */
  readonly value?: HeatmapValue;
  readonly title?: string;
  /** Groups with fewer points leave their cell blank (default 1: every group with a value). */
  readonly minPoints?: number;
}

interface Axis<K> {
  readonly keys: K[];
  readonly of: (g: ValidationGroup) => K;
  readonly label: (k: K) => string;
  readonly name: string;
}

const magAxis = (gs: readonly ValidationGroup[]): Axis<number | null | undefined> => ({ keys: distinct(gs.map((g) => g.magBin), byMag), of: (g) => g.magBin, label: magLabel, name: "magnitude (AB)" });
const fieldAxis = (gs: readonly ValidationGroup[]): Axis<string | undefined> => ({ keys: distinct(gs.map((g) => g.field), byField), of: (g) => g.field, label: (f) => f ?? "–", name: "field" });

/**
 * A heatmap of one group statistic (default the fitted error scale s; red
 * above 1 = errors underestimated, blue below): fields x magnitude bins of
 * one band when the validation is grouped by both, else bands x magnitude
 * bins or bands x fields. Hover shows the value ± its error and the number of
 * light curves; a blank cell had no light curve (or fewer than minPoints points).
 *
 * @example
 * const v = validateFluxErrors(dp1Objects, { groupBy: ["field", "magBin"] });
 * const fig = errorModelHeatmap(v, { band: "r", value: "errorScale" });
 * fig.layout.title?.text; // "r band: error scale s by field and magnitude"
 */
export function errorModelHeatmap(v: FluxErrorValidation, options: ErrorModelHeatmapOptions = {}): Figure {
  const byFieldKey = v.options.groupBy.includes("field");
  const byMagKey = v.options.groupBy.includes("magBin");
  if (!byFieldKey && !byMagKey) throw new ArgumentError('A heatmap needs a validation grouped by field and/or magBin (validateFluxErrors(frame, { groupBy: ["field", "magBin"] })); this one is grouped by band only.');
  const value = options.value ?? "errorScale";
  const stat = HEATMAP_VALUES[value];
  if (!stat) throw new ArgumentError(`Unknown heatmap value "${String(value)}"; choose from ${Object.keys(HEATMAP_VALUES).join(", ")}.`);
  const band = options.band;
  if (band !== undefined && !v.options.bands.includes(band)) throw new ArgumentError(`Band "${band}" was not validated; the validation has ${v.options.bands.join(", ")}.`);
  if (byFieldKey && byMagKey && band === undefined) throw new ArgumentError(`Name a band (one of ${v.options.bands.join(", ")}): grouped by field and magnitude, each band has its own heatmap.`);
  const minPoints = options.minPoints ?? 1;
  const groups = v.groups.filter((g) => g.nPoints >= Math.max(1, minPoints) && (band === undefined || g.band === band));
  const what = value === "errorScale" ? "error scale s" : stat.label;
  const bands: Axis<string> = { keys: band === undefined ? [...v.options.bands] : [band], of: (g) => g.band, label: (b) => b, name: "band" };
  const [rows, cols, title]: [Axis<unknown>, Axis<unknown>, string] =
    byFieldKey && byMagKey
      ? [fieldAxis(groups) as Axis<unknown>, magAxis(groups) as Axis<unknown>, `${band} band: ${what} by field and magnitude`]
      : byMagKey
        ? [bands as Axis<unknown>, magAxis(groups) as Axis<unknown>, `${what} by band and magnitude`]
        : [bands as Axis<unknown>, fieldAxis(groups) as Axis<unknown>, `${what} by band and field`];
  const nx = cols.keys.length;
  const z = new Float64Array(rows.keys.length * nx).fill(NaN);
  const err = new Float64Array(z.length).fill(NaN);
  const n = new Float64Array(z.length);
  for (const g of groups) {
    const k = rows.keys.indexOf(rows.of(g)) * nx + cols.keys.indexOf(cols.of(g));
    z[k] = stat.of(g);
    err[k] = stat.err ? stat.err(g) : NaN;
    n[k] = g.nObjects;
  }
  return heatmapFigure(
    { x: cols.keys.map(cols.label), y: rows.keys.map(rows.label), z, err, n },
    { ...(stat.zmid !== undefined ? { zmid: stat.zmid } : {}), zLabel: stat.label, digits: value === "floor" ? 0 : 2, countLabel: "light curves", title: options.title ?? title, xLabel: cols.name, yLabel: rows.name },
  );
}

/**
 * The report's heatmaps of the fitted error scale s: one per band when
 * grouped by field and magnitude, else one of bands x magnitude bins or bands
 * x fields; none when grouped by band alone. Groups with fewer than
 * `minPoints` points (default 50) leave their cell blank: their fits are noise.
 *
 * @example
 * const v = validateFluxErrors(dp1Objects, { groupBy: ["magBin"] });
 * errorScaleHeatmaps(v).length; // 1
 */
export function errorScaleHeatmaps(v: FluxErrorValidation, options: { readonly minPoints?: number } = {}): { band: string | null; figure: Figure }[] {
  const field = v.options.groupBy.includes("field");
  const mag = v.options.groupBy.includes("magBin");
  if (!field && !mag) return [];
  const minPoints = options.minPoints ?? 50;
  const drawable = v.groups.filter((g) => g.nPoints >= minPoints && g.nPoints > 0);
  if (drawable.length === 0) return [];
  if (!(field && mag)) return [{ band: null, figure: errorModelHeatmap(v, { minPoints }) }];
  return v.options.bands.filter((b) => drawable.some((g) => g.band === b)).map((band) => ({ band, figure: errorModelHeatmap(v, { band, minPoints }) }));
}

