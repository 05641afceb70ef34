/**
 * Pull histograms against N(0,1): binned counts (one histogram as bars,
 * several as overlaid steps, e.g. naive vs corrected vs whitened pulls) with
 * the standard normal density scaled to each histogram, `total × width × φ(x)`,
 * so that the curve's area equals the histogram's, on a linear or a log axis.
 */
import { seriesColor } from "./band-colors.js";
import { type BinnedCounts, checkedHistogram, histogramTotal } from "./binned.js";
import { BASE_LAYOUT, type Axis, type Figure, type Trace } from "./figure.js";
import { stdNormalDensity } from "./normal.js";

/** A histogram and its legend label. */
export interface HistogramSeries extends BinnedCounts {
  readonly label?: string;
  readonly color?: string;
}

export interface PullHistogramOptions {
  readonly title?: string;
  /** Default "pull". */
  readonly xLabel?: string;
  /** Log y axis (the tails are where wrong errors show). */
  readonly log?: boolean;
  /** Only bins overlapping [lo, hi] are drawn (default all). */
  readonly xRange?: readonly [number, number];
  /** "count" (default), or "density": counts / (total × width), so histograms of different sizes compare. */
  readonly y?: "count" | "density";
  /** Draw the N(0,1) curve (default true). */
  readonly normal?: boolean;
}

/** Curve samples per bin width, and at most this many samples. */
const PER_BIN = 4;
const MAX_CURVE_POINTS = 801;

/** Bin range [k0, k1) of `h` overlapping `xRange`. */
function visibleBins(h: BinnedCounts, xRange: readonly [number, number] | undefined): [number, number] {
  const n = h.counts.length;
  if (!xRange) return [0, n];
  const k0 = Math.max(0, Math.floor((xRange[0] - h.lo) / h.width));
  const k1 = Math.min(n, Math.ceil((xRange[1] - h.lo) / h.width));
  return [Math.min(k0, k1), k1];
}

/** `scale × φ(x)` sampled over [a, b]. */
function normalCurve(a: number, b: number, step: number, scale: number): { x: number[]; y: number[] } {
  const n = Math.min(MAX_CURVE_POINTS, Math.max(2, Math.ceil((b - a) / step) + 1));
  const x: number[] = [];
  const y: number[] = [];
  for (let j = 0; j < n; j++) {
    const v = a + ((b - a) * j) / (n - 1);
    x.push(v);
    y.push(scale * stdNormalDensity(v));
  }
  return { x, y };
}

/**
 * A plotly figure of one or several histograms of pulls with the N(0,1)
 * expectation. In count mode each histogram gets the curve
 * `total × width × φ(x)` (drawn once when several share the same scale); in
 * density mode one curve φ(x).
 *
 * @example
 * const fig = pullHistogramFigure({ lo: -2, width: 1, counts: [1, 4, 4, 1], label: "pulls" }, { log: true });
 * fig.data.map((t) => t.name); // ["pulls", "N(0,1)"]
 * fig.layout.yaxis?.type; // "log"
 */
export function pullHistogramFigure(histograms: HistogramSeries | readonly HistogramSeries[], options: PullHistogramOptions = {}): Figure {
  const list: readonly HistogramSeries[] = "counts" in histograms ? [histograms] : histograms;
  list.forEach((h, i) => checkedHistogram(h, `histogram ${i}`));
  const density = options.y === "density";
  const single = list.length === 1;
  const traces: Trace[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  let minPositive = Infinity;
  let max = 0;
  let step = Infinity;
  list.forEach((h, i) => {
    const [k0, k1] = visibleBins(h, options.xRange);
    const total = histogramTotal(h);
    const norm = density ? (total > 0 ? 1 / (total * h.width) : 0) : 1;
    const x: number[] = [];
    const y: number[] = [];
    for (let k = k0; k < k1; k++) {
      const v = h.counts[k]! * norm;
      x.push(h.lo + (k + 0.5) * h.width);
      y.push(v);
      if (v > 0 && v < minPositive) minPositive = v;
      if (v > max) max = v;
    }
    lo = Math.min(lo, h.lo + k0 * h.width);
    hi = Math.max(hi, h.lo + k1 * h.width);
    step = Math.min(step, h.width / PER_BIN);
    const name = h.label ?? (single ? "pulls" : `histogram ${i + 1}`);
    const color = h.color ?? seriesColor(i);
    traces.push(
      single
        ? { type: "bar", name, x, y, width: h.width, marker: { color, opacity: 0.6, line: { color, width: 0.5 } } }
        : { type: "scatter", name, x, y, mode: "lines", line: { color, width: 1.5, shape: "hvh" } },
    );
  });
  if (options.normal ?? true) {
    if (options.xRange) {
      lo = Math.max(lo, options.xRange[0]);
      hi = Math.min(hi, options.xRange[1]);
    }
    const scales = density ? [1] : [...new Set(list.map((h) => histogramTotal(h) * h.width))];
    scales.forEach((scale, j) => {
      const c = normalCurve(lo, hi, step, scale);
      const name = scales.length === 1 ? "N(0,1)" : `N(0,1) × ${formatCount(scale)}`;
      traces.push({ type: "scatter", name, x: c.x, y: c.y, mode: "lines", line: { color: "#d62728", width: 1.5, dash: j === 0 ? "solid" : "dash" } });
    });
  }
  const yaxis: Axis = options.log
    ? { type: "log", title: { text: density ? "density (log)" : "count (log)" }, ...(max > 0 ? { range: [Math.log10(minPositive / 2), Math.log10(max * 2)] } : {}) }
    : { title: { text: density ? "density" : "count" } };
  return {
    data: traces,
    layout: {
      ...BASE_LAYOUT,
      ...(options.title ? { title: { text: options.title } } : {}),
      xaxis: { title: { text: options.xLabel ?? "pull" }, ...(options.xRange ? { range: [options.xRange[0], options.xRange[1]] } : {}) },
      yaxis,
      barmode: "overlay",
      bargap: 0,
      legend: { x: 1, xanchor: "right", y: 1 },
    },
  };
}

/** A curve's scale (total × width) for its legend: an integer when it is one. */
function formatCount(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
