/**
 * A minimal typed plotly.js figure: only the traces and layout keys the
 * builders of this folder use. A Figure is plain JSON (numbers, strings,
 * arrays, null; no typed arrays, no functions), so it can go into a Jupyter
 * MIME bundle (`application/vnd.plotly.v1+json`), an HTML page, or a test's
 * `toEqual` as it is. Missing values are `null`, which plotly draws as a gap.
 */

/** An axis title (plotly >= 3 takes only the object form). */
export interface Title {
  readonly text: string;
}

export interface Axis {
  readonly title?: Title;
  readonly type?: "linear" | "log" | "category";
  /** For a log axis, in log10 units (plotly's convention). */
  readonly range?: readonly [number, number];
  readonly zeroline?: boolean;
  readonly showgrid?: boolean;
  readonly ticksuffix?: string;
  /** d3-format of the tick labels (e.g. ".8~r": plain digits, no SI "k" suffix). */
  readonly tickformat?: string;
  /** Keep this axis' scale equal to another's (QQ plots: "x"). */
  readonly scaleanchor?: string;
  readonly automargin?: boolean;
  /** Category order for a category axis. */
  readonly categoryorder?: "array" | "trace";
  readonly categoryarray?: readonly string[];
}

export interface Line {
  readonly color?: string;
  readonly width?: number;
  readonly dash?: "solid" | "dash" | "dot" | "dashdot";
  /** "hvh" draws a histogram as steps around the bin centres. */
  readonly shape?: "linear" | "hvh" | "hv";
}

export interface Marker {
  readonly color?: string;
  readonly size?: number;
  readonly opacity?: number;
  readonly line?: Line;
}

export interface ErrorBars {
  readonly type: "data";
  readonly array: readonly (number | null)[];
  readonly visible: boolean;
  readonly color?: string;
  readonly thickness?: number;
  readonly width?: number;
}

interface TraceBase {
  readonly name?: string;
  readonly showlegend?: boolean;
  /** Per-point hover text (shown with hoverinfo / hovertemplate). */
  readonly text?: readonly string[];
  readonly hovertemplate?: string;
}

export interface BarTrace extends TraceBase {
  readonly type: "bar";
  readonly x: readonly (number | string)[];
  readonly y: readonly (number | null)[];
  /** Bar width in x units (bin width), one for all bars. */
  readonly width?: number;
  readonly marker?: Marker;
  readonly opacity?: number;
  readonly textposition?: "auto" | "outside" | "inside" | "none";
  readonly error_y?: ErrorBars;
}

export interface ScatterTrace extends TraceBase {
  readonly type: "scatter";
  readonly x: readonly (number | string | null)[];
  readonly y: readonly (number | null)[];
  readonly mode: "lines" | "markers" | "lines+markers";
  readonly line?: Line;
  readonly marker?: Marker;
  readonly error_y?: ErrorBars;
}

export interface HeatmapTrace extends TraceBase {
  readonly type: "heatmap";
  readonly x: readonly string[];
  readonly y: readonly string[];
  /** Rows follow y, columns follow x. */
  readonly z: readonly (readonly (number | null)[])[];
  /** A named scale, or [position 0..1, colour] stops. */
  readonly colorscale?: string | readonly (readonly [number, string])[];
  readonly zmid?: number;
  readonly zmin?: number;
  readonly zmax?: number;
  readonly colorbar?: { readonly title?: Title };
  /** Per-cell hover text, rows follow y. */
  readonly customdata?: readonly (readonly string[])[];
  readonly texttemplate?: string;
  readonly textfont?: { readonly size?: number };
}

export type Trace = BarTrace | ScatterTrace | HeatmapTrace;

/** A horizontal or vertical reference line across the plot (`xref: "paper"` spans the width). */
export interface LineShape {
  readonly type: "line";
  readonly xref: "paper" | "x";
  readonly yref: "paper" | "y";
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly line?: Line;
}

export interface Layout {
  readonly title?: Title;
  readonly xaxis?: Axis;
  readonly yaxis?: Axis;
  readonly barmode?: "overlay" | "group" | "stack";
  readonly bargap?: number;
  readonly showlegend?: boolean;
  readonly legend?: {
    readonly x?: number;
    readonly y?: number;
    readonly xanchor?: "left" | "right" | "center";
    readonly yanchor?: "top" | "bottom" | "middle";
    readonly orientation?: "h" | "v";
  };
  readonly shapes?: readonly LineShape[];
  readonly margin?: { readonly l?: number; readonly r?: number; readonly t?: number; readonly b?: number };
  readonly width?: number;
  readonly height?: number;
  readonly hovermode?: "closest" | "x" | "x unified" | false;
  readonly plot_bgcolor?: string;
  readonly paper_bgcolor?: string;
}

/** A plotly figure as plain JSON: `Plotly.newPlot(div, fig.data, fig.layout)`. */
export interface Figure {
  readonly data: readonly Trace[];
  readonly layout: Layout;
}

/** Margins and size shared by the builders (small enough for a grid of figures in a report). */
export const BASE_LAYOUT: Layout = {
  margin: { l: 60, r: 20, t: 40, b: 50 },
  height: 320,
  plot_bgcolor: "#ffffff",
  paper_bgcolor: "#ffffff",
};

/**
 * A finite number, else null (plotly's gap; JSON has no NaN).
 *
 * @example
 * finiteOrNull(NaN); // null
 */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}
