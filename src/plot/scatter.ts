/**
 * Scatter plots: one or several point sets (markers) and reference curves
 * (lines) on shared axes, e.g. a colour-colour diagram with the stellar locus.
 * Non-finite values become null (plotly leaves the point out).
 */
import { ArgumentError } from "../frame/errors.js";
import { seriesColor } from "./band-colors.js";
import { BASE_LAYOUT, type Figure, type ScatterTrace, finiteOrNull } from "./figure.js";

/** One set of points, or a curve with `mode: "lines"`. */
export interface ScatterSeries {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly label?: string;
  readonly color?: string;
  /** "markers" (default) or "lines" (a reference curve). */
  readonly mode?: "markers" | "lines";
  /** Marker size in px (default 4) and opacity (default 0.6). */
  readonly size?: number;
  readonly opacity?: number;
}

export interface ScatterOptions {
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly xRange?: readonly [number, number];
  readonly yRange?: readonly [number, number];
  /** Same scale on both axes (colour-colour diagrams: one magnitude is as long on either axis). */
  readonly equalAxes?: boolean;
}

/**
 * A plotly scatter figure of one or several series.
 *
 * @example
 * const fig = scatterFigure([{ x: [0.1, 0.5], y: [0.0, 0.2], label: "stars" }, { x: [0, 1], y: [0, 0.4], label: "locus", mode: "lines" }], { xLabel: "g - r", yLabel: "r - i" });
 * fig.data.map((t) => t.name); // ["stars", "locus"]
 * fig.layout.xaxis?.title?.text; // "g - r"
 */
export function scatterFigure(series: ScatterSeries | readonly ScatterSeries[], options: ScatterOptions = {}): Figure {
  const list: readonly ScatterSeries[] = "x" in series ? [series] : series;
  const data: ScatterTrace[] = list.map((s, k) => {
    if (s.x.length !== s.y.length) throw new ArgumentError(`scatterFigure: series ${s.label ?? k} has ${s.x.length} x values but ${s.y.length} y values.`);
    const color = s.color ?? seriesColor(k);
    const x = Array.from(s.x, finiteOrNull);
    const y = Array.from(s.y, finiteOrNull);
    const name = s.label ?? `series ${k + 1}`;
    return s.mode === "lines"
      ? { type: "scatter", name, x, y, mode: "lines", line: { color, width: 2 } }
      : { type: "scatter", name, x, y, mode: "markers", marker: { color, size: s.size ?? 4, opacity: s.opacity ?? 0.6 } };
  });
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      ...(options.title ? { title: { text: options.title } } : {}),
      xaxis: { ...(options.xLabel ? { title: { text: options.xLabel } } : {}), ...(options.xRange ? { range: options.xRange } : {}), zeroline: false },
      yaxis: {
        ...(options.yLabel ? { title: { text: options.yLabel } } : {}),
        ...(options.yRange ? { range: options.yRange } : {}),
        zeroline: false,
        ...(options.equalAxes ? { scaleanchor: "x" } : {}),
      },
      hovermode: "closest",
      legend: { x: 0, xanchor: "left", y: 1 },
    },
  };
}
