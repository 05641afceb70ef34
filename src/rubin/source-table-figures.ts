/**
 * Figures of the Source-table exercises: the colour-colour diagram (with the
 * stellar locus it should follow) and the sky-source histograms against N(0,1).
 */
import { bandColor } from "../plot/band-colors.js";
import type { Figure } from "../plot/figure.js";
import { type HistogramSeries, pullHistogramFigure } from "../plot/pull-histogram.js";
import { type ScatterSeries, scatterFigure } from "../plot/scatter.js";
import type { ColorColor } from "./color-color.js";
import { stellarLocusGr } from "./sim-star-colors.js";
import type { SkySourceCheck } from "./sky-sources.js";

export interface ColorColorFigureOptions {
  readonly title?: string;
  /** Draw the main-sequence locus (Jurić et al. 2008) when the axes are g - r and r - i (default true). */
  readonly locus?: boolean;
}

/**
 * A scatter plot of a colour-colour selection, with the stellar locus.
 *
 * @example
 * const cc = colorColor(await readDpddTable("data-samples/dp1_source_tables/object/tract_{tract}.parquet", "dp1Object"), { where: "refExtendedness == 0", minSnr: 100 });
 * colorColorFigure(cc).data.map((t) => t.name); // ["stars (317)", "stellar locus"]
 */
export function colorColorFigure(cc: ColorColor, options: ColorColorFigureOptions = {}): Figure {
  const series: ScatterSeries[] = [{ x: cc.x, y: cc.y, label: `stars (${cc.x.length})`, color: "#1f77b4" }];
  if ((options.locus ?? true) && cc.xLabel === "g - r" && cc.yLabel === "r - i") {
    const ri = Array.from({ length: 81 }, (_, k) => -0.05 + k * 0.02);
    series.push({ x: ri.map(stellarLocusGr), y: ri, label: "stellar locus", color: "#d62728", mode: "lines" });
  }
  return scatterFigure(series, { title: options.title ?? `${cc.yLabel} against ${cc.xLabel}`, xLabel: `${cc.xLabel} (mag)`, yLabel: `${cc.yLabel} (mag)` });
}

export interface SkySourceFigureOptions {
  /** "pull" (default): psfFlux / psfFluxErr against N(0,1); "flux": psfFlux in nJy. */
  readonly quantity?: "pull" | "flux";
  readonly bands?: readonly string[];
  readonly log?: boolean;
  readonly title?: string;
}

/**
 * Sky-source histograms, one per band, as densities: f/e with the N(0,1)
 * density it should follow, or the flux in nJy.
 *
 * @example
 * const check = skySourceFluxCheck(await readDpddTable("data-samples/dp1_source_tables/source/visit_{visit}.parquet", "dp1Source"));
 * skySourceFigure(check).data.map((t) => t.name); // ["g (std 0.999)", "r (std 1.096)", "i (std 1.005)", "N(0,1)"]
 */
export function skySourceFigure(check: SkySourceCheck, options: SkySourceFigureOptions = {}): Figure {
  const pull = (options.quantity ?? "pull") === "pull";
  const bands = check.bands.filter((b) => !options.bands || options.bands.includes(b.band));
  const series: HistogramSeries[] = bands.map((b, k) => {
    const s = pull ? b.pull : b.flux;
    const h = s.histogram;
    const width = pull ? `std ${s.std.toFixed(3)}` : `std ${s.std.toFixed(1)} nJy`;
    return { lo: h.lo, width: h.width, counts: h.counts, underflow: h.underflow, overflow: h.overflow, label: `${b.band} (${width})`, color: bandColor(b.band, k) };
  });
  return pullHistogramFigure(series, {
    title: options.title ?? (pull ? "Sky sources: psfFlux / psfFluxErr" : "Sky sources: psfFlux"),
    xLabel: pull ? "psfFlux / psfFluxErr" : "psfFlux (nJy)",
    y: "density",
    normal: pull,
    ...(options.log ? { log: true } : {}),
  });
}
