/**
 * Grouped bars over labelled categories, with optional error bars and a
 * reference line: e.g. the widths of naive, corrected and whitened pulls per
 * group against the 1 that correct errors give.
 */
import { ArgumentError } from "../frame/errors.js";
import { seriesColor } from "./band-colors.js";
import { BASE_LAYOUT, type BarTrace, type Figure, finiteOrNull } from "./figure.js";

/** One series of bars: a value per category, NaN for none. */
export interface BarSeries {
  readonly name: string;
  readonly values: ArrayLike<number>;
  /** 1-sigma error per category (NaN: no bar). */
  readonly errors?: ArrayLike<number>;
  readonly color?: string;
}

export interface BarChartOptions {
  readonly title?: string;
  readonly yLabel?: string;
  /** Draw a dashed horizontal line at this value (e.g. 1 for a pull width). */
  readonly reference?: number;
}

/**
 * A plotly chart of grouped bars, one colour per series.
 *
 * @example
 * const fig = barChartFigure(["g", "r"], [{ name: "naive std", values: [0.9, 0.95] }, { name: "whitened std", values: [1.0, 1.01] }], { reference: 1 });
 * fig.data.map((t) => t.name); // ["naive std", "whitened std"]
 * fig.layout.shapes?.[0]?.y0; // 1
 */
export function barChartFigure(categories: readonly string[], series: readonly BarSeries[], options: BarChartOptions = {}): Figure {
  const data: BarTrace[] = series.map((s, i) => {
    if (s.values.length !== categories.length) throw new ArgumentError(`Bar series "${s.name}" has ${s.values.length} values for ${categories.length} categories.`);
    if (s.errors && s.errors.length !== categories.length) throw new ArgumentError(`Bar series "${s.name}" has ${s.errors.length} errors for ${categories.length} categories.`);
    const color = s.color ?? seriesColor(i);
    const trace: BarTrace = { type: "bar", name: s.name, x: [...categories], y: Array.from(s.values, finiteOrNull), marker: { color } };
    return s.errors ? { ...trace, error_y: { type: "data", array: Array.from(s.errors, finiteOrNull), visible: true, color: "#333333", thickness: 1, width: 3 } } : trace;
  });
  const ref = options.reference;
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      ...(options.title ? { title: { text: options.title } } : {}),
      xaxis: { type: "category", automargin: true, categoryorder: "array", categoryarray: [...categories] },
      yaxis: { title: { text: options.yLabel ?? "" } },
      barmode: "group",
      ...(ref !== undefined ? { shapes: [{ type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: ref, y1: ref, line: { color: "#555555", width: 1, dash: "dash" } }] } : {}),
      margin: { ...BASE_LAYOUT.margin, t: 70 },
      // many categories get rotated labels: more height keeps the plot area readable
      height: categories.length > 12 ? 520 : BASE_LAYOUT.height!,
      legend: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom" },
    },
  };
}
