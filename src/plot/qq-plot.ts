/**
 * Quantile-quantile plots against N(0,1): sample quantiles (y) against the
 * standard normal's (x), with the line y = x that correct errors follow. A
 * slope above 1 says the errors are too small; curling ends say heavy tails.
 */
import { ArgumentError } from "../frame/errors.js";
import { seriesColor } from "./band-colors.js";
import { type BinnedCounts, checkedHistogram, histogramTotal } from "./binned.js";
import { BASE_LAYOUT, type Figure, type ScatterTrace } from "./figure.js";
import { stdNormalQuantile } from "./normal.js";
import type { HistogramSeries } from "./pull-histogram.js";

export interface QqOptions {
  readonly title?: string;
  /** Default "N(0,1) quantile". */
  readonly xLabel?: string;
  /** Default "sample quantile". */
  readonly yLabel?: string;
  /** Most points drawn per sample (default 2000); see qqFigure for which are kept. */
  readonly maxPoints?: number;
}

/** The finite values of `x`, sorted ascending (a copy). */
function sortedFinite(x: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) n++;
  const out = new Float64Array(n);
  n = 0;
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i]!)) out[n++] = x[i]!;
  return out.sort();
}

/**
 * Ranks to draw out of n sorted values: all when n <= m; else the m/4 lowest,
 * the m/4 highest (the tails, where wrong errors show) and m/2 evenly spaced
 * ranks in between. Deterministic, so a figure is the same on every run.
 *
 * @example
 * Array.from(qqRanks(10, 4)); // [0, 1, 8, 9]
 * qqRanks(1_000_000, 2000).length; // 2000
 */
export function qqRanks(n: number, m: number): Int32Array {
  if (n <= m) return Int32Array.from({ length: n }, (_, i) => i);
  const t = Math.floor(m / 4);
  const mid = m - 2 * t;
  const out = new Int32Array(m);
  for (let i = 0; i < t; i++) {
    out[i] = i;
    out[m - 1 - i] = n - 1 - i;
  }
  // mid ranks evenly over [t, n - 1 - t], ends included
  const a = t;
  const b = n - 1 - t;
  for (let j = 0; j < mid; j++) out[t + j] = Math.round(a + ((b - a) * j) / Math.max(1, mid - 1));
  return out;
}

function referenceLine(lo: number, hi: number): ScatterTrace {
  return { type: "scatter", name: "y = x", x: [lo, hi], y: [lo, hi], mode: "lines", line: { color: "#555555", width: 1, dash: "dash" } };
}

function qqLayout(options: QqOptions): Figure["layout"] {
  return {
    ...BASE_LAYOUT,
    ...(options.title ? { title: { text: options.title } } : {}),
    xaxis: { title: { text: options.xLabel ?? "N(0,1) quantile" }, zeroline: false },
    yaxis: { title: { text: options.yLabel ?? "sample quantile" }, zeroline: false },
    legend: { x: 0, xanchor: "left", y: 1 },
    hovermode: "closest",
  };
}

/**
 * QQ plot of one sample or several (a record of name -> values, e.g.
 * `{ naive, corrected, whitened }`) against N(0,1). The k-th smallest of n
 * values is drawn at x = Φ⁻¹((k + 0.5)/n) (Hazen's plotting position); NaN and
 * ±Infinity are left out. Samples larger than `maxPoints` are thinned by
 * qqRanks, keeping every extreme value.
 *
 * @example
 * const fig = qqFigure({ pulls: Float64Array.of(0.3, -1.2, 2.5, 0.1) });
 * fig.data[0]!.y; // [-1.2, 0.1, 0.3, 2.5]
 */
export function qqFigure(samples: ArrayLike<number> | Readonly<Record<string, ArrayLike<number>>>, options: QqOptions = {}): Figure {
  const m = options.maxPoints ?? 2000;
  if (!Number.isInteger(m) || m < 2) throw new ArgumentError(`maxPoints must be an integer >= 2, got ${m}.`);
  const named: [string, ArrayLike<number>][] = isArrayLike(samples) ? [["sample", samples]] : Object.entries(samples);
  const traces: ScatterTrace[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  named.forEach(([name, values], i) => {
    const s = sortedFinite(values);
    const ranks = qqRanks(s.length, m);
    const x: number[] = [];
    const y: number[] = [];
    for (const k of ranks) {
      x.push(stdNormalQuantile((k + 0.5) / s.length));
      y.push(s[k]!);
    }
    if (x.length > 0) {
      lo = Math.min(lo, x[0]!, y[0]!);
      hi = Math.max(hi, x[x.length - 1]!, y[y.length - 1]!);
    }
    traces.push({ type: "scatter", name: `${name} (n = ${s.length})`, x, y, mode: "markers", marker: { color: seriesColor(i), size: 4 } });
  });
  return { data: Number.isFinite(lo) ? [...traces, referenceLine(lo, hi)] : traces, layout: qqLayout(options) };
}

/**
 * QQ plot of binned values against N(0,1), for when only histograms are kept
 * (a validation's pulls): at a bin edge e the fraction of values below e is
 * known exactly, p = (underflow + counts before e) / total, so the point
 * (Φ⁻¹(p), e) lies on the sample's own QQ curve (up to the histogram's
 * rounding of values within 1e-16 of an edge). Edges with p = 0 or 1 are left out.
 *
 * @example
 * const fig = histogramQqFigure({ lo: -1, width: 1, counts: [1, 1], label: "pulls" });
 * fig.data[0]!.y; // [0], the edge with half the values below it
 * fig.data[0]!.x; // [0]
 */
export function histogramQqFigure(histograms: HistogramSeries | readonly HistogramSeries[], options: Omit<QqOptions, "maxPoints"> = {}): Figure {
  const list: readonly HistogramSeries[] = "counts" in histograms ? [histograms] : histograms;
  const traces: ScatterTrace[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  list.forEach((h, i) => {
    checkedHistogram(h, `histogram ${i}`);
    const { x, y } = edgeQuantiles(h);
    if (x.length > 0) {
      lo = Math.min(lo, x[0]!, y[0]!);
      hi = Math.max(hi, x[x.length - 1]!, y[y.length - 1]!);
    }
    const name = h.label ?? (list.length === 1 ? "pulls" : `histogram ${i + 1}`);
    traces.push({ type: "scatter", name, x, y, mode: "lines+markers", marker: { color: h.color ?? seriesColor(i), size: 3 }, line: { color: h.color ?? seriesColor(i), width: 1 } });
  });
  return { data: Number.isFinite(lo) ? [...traces, referenceLine(lo, hi)] : traces, layout: qqLayout(options) };
}

/** (Φ⁻¹(p), edge) at every bin edge with 0 < p < 1. */
function edgeQuantiles(h: BinnedCounts): { x: number[]; y: number[] } {
  const total = histogramTotal(h);
  const x: number[] = [];
  const y: number[] = [];
  let below = h.underflow ?? 0;
  for (let k = 0; k <= h.counts.length; k++) {
    if (below > 0 && below < total) {
      x.push(stdNormalQuantile(below / total));
      y.push(h.lo + k * h.width);
    }
    if (k < h.counts.length) below += h.counts[k]!;
  }
  return { x, y };
}

function isArrayLike(x: ArrayLike<number> | Readonly<Record<string, ArrayLike<number>>>): x is ArrayLike<number> {
  return ArrayBuffer.isView(x) || Array.isArray(x);
}
