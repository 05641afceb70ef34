/**
 * The figures of a flux-error validation, as plotly specs for the HTML report
 * and the notebooks: the cut-flow, the pull widths of every group against 1,
 * a QQ plot of each band's pulls, heatmaps of the fitted error scale by field
 * and magnitude, and each group's pull histogram against N(0,1). Composed
 * from src/plot's builders, which take plain numbers.
 */
import { ArgumentError } from "../frame/errors.js";
import { bandColor } from "../plot/band-colors.js";
import { barChartFigure } from "../plot/bar-chart.js";
import { cutflowFigure } from "../plot/cutflow-chart.js";
import type { Figure } from "../plot/figure.js";
import { heatmapFigure } from "../plot/heatmap.js";
import { pullHistogramFigure } from "../plot/pull-histogram.js";
import { histogramQqFigure } from "../plot/qq-plot.js";
import type { HistogramSeries } from "../plot/pull-histogram.js";
import type { FluxErrorValidation, ValidationGroup } from "./validate.js";

/** Which groups get a figure: enough points, and at most `maxFigures` in all, shared evenly by the bands. */
export interface FigureSelection {
  /** Fewest points for a group to be drawn (default 50). */
  readonly minPoints?: number;
  /** Most groups drawn (default 48). */
  readonly maxFigures?: number;
}

export interface GroupFigure {
  readonly group: ValidationGroup;
  /** "r", "r · ECDFS · mag 22–23". */
  readonly label: string;
  readonly figure: Figure;
}

export interface ValidationFigures {
  /** Objects, light curves and points after each step, as a share of the input. */
  readonly cutflow: Figure;
  /** Per drawn group: naive std, naive 1.4826 MAD, corrected std, whitened std and the fitted scale, against 1. */
  readonly widths: Figure;
  /** Binned QQ plot of every band's naive pulls (its groups merged) against N(0,1). */
  readonly qq: Figure;
  /** Fitted error scale: bands x magnitude bins, bands x fields, or one heatmap per band of fields x magnitude bins; none when grouped by band alone. */
  readonly errorScale: readonly { readonly band: string | null; readonly figure: Figure }[];
  /** Naive-pull histogram of each drawn group against N(0,1), log y. */
  readonly pulls: readonly GroupFigure[];
  /** The groups drawn in `widths` and `pulls`, and the limits that chose them. */
  readonly drawn: readonly ValidationGroup[];
  readonly minPoints: number;
  readonly perBand: number;
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "–");

/**
 * A group's name: its band, then field and magnitude bin when grouped by them.
 *
 * @example
 * groupLabel({ band: "r", field: "ECDFS", magBin: 22 }); // "r · ECDFS · mag 22–23"
 */
export function groupLabel(g: Pick<ValidationGroup, "band" | "field" | "magBin">): string {
  const mag = g.magBin === undefined ? "" : g.magBin === null ? " · mag –" : ` · mag ${g.magBin}–${g.magBin + 1}`;
  return `${g.band}${g.field !== undefined ? ` · ${g.field}` : ""}${mag}`;
}

/**
 * The groups worth a figure: at least `minPoints` points, the largest
 * `floor(maxFigures / bands)` of every band (so no band is crowded out), in
 * the validation's order.
 *
 * @example
 * const v = validateFluxErrors(dp1Objects);
 * figureGroups(v).length <= v.groups.length; // true
 */
export function figureGroups(v: FluxErrorValidation, selection: FigureSelection = {}): ValidationGroup[] {
  const minPoints = selection.minPoints ?? 50;
  const perBand = Math.floor((selection.maxFigures ?? 48) / Math.max(1, v.options.bands.length));
  const keep = new Set<ValidationGroup>();
  for (const b of new Set(v.groups.map((g) => g.band))) {
    const largest = v.groups.filter((g) => g.band === b && g.nPoints >= minPoints).sort((x, y) => y.nPoints - x.nPoints);
    for (const g of largest.slice(0, perBand)) keep.add(g);
  }
  return v.groups.filter((g) => keep.has(g));
}

/**
 * One group's naive pulls against N(0,1), log y within [-6, 6] by default.
 *
 * @example
 * const v = validateFluxErrors(dp1Objects);
 * groupPullFigure(v.groups[0]!).data.map((t) => t.name); // ["naive pulls", "N(0,1)"]
 */
export function groupPullFigure(g: ValidationGroup, options: { readonly log?: boolean; readonly xRange?: readonly [number, number] } = {}): Figure {
  return pullHistogramFigure(
    { ...g.histogram, label: "naive pulls" },
    { log: options.log ?? true, xRange: options.xRange ?? [-6, 6], title: `${groupLabel(g)}: ${g.nPoints} pulls, std ${f3(g.pullStd)}`, xLabel: "naive pull (f − wmean) / e" },
  );
}

/**
 * Each band's naive-pull histogram, its groups' counts added (they share the bins).
 *
 * @example
 * bandHistograms(validateFluxErrors(dp1Objects)).map((h) => h.label); // ["u", "g", "r", "i", "z", "y"]
 */
export function bandHistograms(v: FluxErrorValidation): HistogramSeries[] {
  return v.options.bands.map((band) => {
    const groups = v.groups.filter((g) => g.band === band);
    const first = groups[0]?.histogram;
    const counts = new Float64Array(first?.counts.length ?? 0);
    let underflow = 0;
    let overflow = 0;
    for (const g of groups) {
      const h = g.histogram;
      for (let k = 0; k < counts.length; k++) counts[k]! += h.counts[k]!;
      underflow += h.underflow;
      overflow += h.overflow;
    }
    return { lo: first?.lo ?? v.options.bins.lo, width: first?.width ?? v.options.bins.width, counts, underflow, overflow, label: band, color: bandColor(band) };
  });
}

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

/**
 * Every figure of a validation (see ValidationFigures).
 *
 * @example
 * const figs = validationFigures(validateFluxErrors(dp1Objects));
 * figs.pulls.length === figs.drawn.length; // true
 */
export function validationFigures(v: FluxErrorValidation, selection: FigureSelection = {}): ValidationFigures {
  const minPoints = selection.minPoints ?? 50;
  const perBand = Math.floor((selection.maxFigures ?? 48) / Math.max(1, v.options.bands.length));
  const drawn = figureGroups(v, selection);
  const labels = drawn.map(groupLabel);
  const series = (name: string, of: (g: ValidationGroup) => number, err?: (g: ValidationGroup) => number) => ({
    name,
    values: drawn.map(of),
    ...(err ? { errors: drawn.map(err) } : {}),
  });
  const widths = barChartFigure(
    labels,
    [
      series("naive std", (g) => g.pullStd),
      series("naive 1.4826 MAD", (g) => g.pullMadSigma),
      series("corrected std", (g) => g.pullStdCorrected),
      series("whitened std", (g) => g.whitenedStd),
      series("fitted scale s", (g) => g.errorScale, (g) => g.errorScaleErr),
    ],
    { reference: 1, title: "Pull widths: 1 when the errors are right (naive pulls sit below 1 for short light curves)", yLabel: "width" },
  );
  return {
    cutflow: cutflowFigure(v.cutflow, { title: "Cut-flow: what remains after each step" }),
    widths,
    qq: histogramQqFigure(
      bandHistograms(v).filter((h) => h.counts.length > 0),
      { title: "Naive pulls against N(0,1), per band (quantiles at the histogram's bin edges)", yLabel: "naive pull quantile" },
    ),
    errorScale: errorScaleHeatmaps(v, { minPoints }),
    pulls: drawn.map((g, k) => ({ group: g, label: labels[k]!, figure: groupPullFigure(g) })),
    drawn,
    minPoints,
    perBand,
  };
}
