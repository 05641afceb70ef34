/**
 * The figures of a flux-error validation, as plotly specs for the HTML report
 * and the notebooks: the cut-flow, the pull widths of every group against 1,
 * a QQ plot of each band's pulls, heatmaps of the fitted error scale by field
 * and magnitude, and each group's pull histogram against N(0,1). Composed
 * from src/plot's builders, which take plain numbers.
 */
import { bandColor } from "../plot/band-colors.js";
import { barChartFigure } from "../plot/bar-chart.js";
import { cutflowFigure } from "../plot/cutflow-chart.js";
import type { Figure } from "../plot/figure.js";
import { pullHistogramFigure } from "../plot/pull-histogram.js";
import { histogramQqFigure } from "../plot/qq-plot.js";
import type { HistogramSeries } from "../plot/pull-histogram.js";
import type { FluxErrorValidation, ValidationGroup } from "./validate.js";
import { errorScaleHeatmaps } from "./validate-heatmaps.js";

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
