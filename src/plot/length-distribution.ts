/**
 * How many points light curves have: a bar per length (or per run of lengths
 * when they are long), e.g. to see that most DIA objects have one point.
 */
import { ArgumentError } from "../frame/errors.js";
import { BASE_LAYOUT, type Figure } from "./figure.js";

export interface LengthDistributionOptions {
  readonly title?: string;
  /** Log y axis (default false): one-point light curves can outnumber the rest a hundredfold. */
  readonly log?: boolean;
  /** Most bars (default 500): beyond that, each bar counts a run of lengths. */
  readonly maxBars?: number;
}

/** Light-curve lengths from offsets (length n + 1) or given directly. */
function lengthsOf(input: { readonly offsets: ArrayLike<number> } | { readonly counts: ArrayLike<number> }): Float64Array {
  if ("offsets" in input) {
    const o = input.offsets;
    if (o.length === 0) throw new ArgumentError("offsets must have length nObjects + 1 (at least 1), got an empty array.");
    const out = new Float64Array(o.length - 1);
    for (let i = 0; i < out.length; i++) out[i] = o[i + 1]! - o[i]!;
    return out;
  }
  return Float64Array.from(input.counts);
}

/**
 * A plotly bar chart of light-curve lengths: x the number of points, y how
 * many light curves have it. Give a nest's offsets (`frame.nest("lc").offsets`)
 * or the lengths themselves (`{ counts }`, e.g. a reduce's count column).
 * Lengths are binned in runs of `ceil((max + 1) / maxBars)` when long.
 *
 * @example
 * const fig = lightCurveLengthFigure({ offsets: Int32Array.of(0, 1, 2, 5) });
 * fig.data[0]!.x; // [0, 1, 2, 3]
 * fig.data[0]!.y; // [0, 2, 0, 1]
 */
export function lightCurveLengthFigure(input: { readonly offsets: ArrayLike<number> } | { readonly counts: ArrayLike<number> }, options: LengthDistributionOptions = {}): Figure {
  const lengths = lengthsOf(input);
  let max = 0;
  for (let i = 0; i < lengths.length; i++) {
    const n = lengths[i]!;
    if (!(n >= 0) || !Number.isInteger(n)) throw new ArgumentError(`Light-curve length ${i} must be an integer >= 0, got ${n}${"offsets" in input ? " (offsets must not decrease)" : ""}.`);
    if (n > max) max = n;
  }
  const maxBars = options.maxBars ?? 500;
  if (!Number.isInteger(maxBars) || maxBars < 1) throw new ArgumentError(`maxBars must be an integer >= 1, got ${maxBars}.`);
  const width = Math.max(1, Math.ceil((max + 1) / maxBars));
  const nBars = Math.floor(max / width) + 1;
  const y = new Array<number>(nBars).fill(0);
  for (let i = 0; i < lengths.length; i++) y[Math.floor(lengths[i]! / width)]! += 1;
  // A run of lengths [k·width, (k+1)·width - 1] is drawn at its centre.
  const x = Array.from({ length: nBars }, (_, k) => k * width + (width - 1) / 2);
  const text = Array.from({ length: nBars }, (_, k) => (width === 1 ? `${k} points` : `${k * width}–${(k + 1) * width - 1} points`));
  return {
    data: [{ type: "bar", name: "light curves", x, y, text, textposition: "none", width: width * 0.9, marker: { color: "#1f77b4" }, hovertemplate: "%{y} light curves of %{text}<extra></extra>" }],
    layout: {
      ...BASE_LAYOUT,
      title: { text: options.title ?? `Light-curve lengths (${lengths.length} light curves)` },
      xaxis: { title: { text: width === 1 ? "points per light curve" : `points per light curve (bins of ${width})` } },
      yaxis: { title: { text: "light curves" }, ...(options.log ? { type: "log" as const } : {}) },
      bargap: 0.1,
      showlegend: false,
    },
  };
}
