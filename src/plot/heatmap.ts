/**
 * A labelled grid of values as a heatmap, e.g. the fitted error scale per
 * field (rows) x magnitude bin (columns), each cell printed and its
 * uncertainty and size shown on hover. Empty cells stay blank.
 */
import { ArgumentError } from "../frame/errors.js";
import { BASE_LAYOUT, type Figure, finiteOrNull } from "./figure.js";

export interface HeatmapInput {
  /** Column labels, left to right (e.g. magnitude bins). */
  readonly x: readonly string[];
  /** Row labels, bottom to top (e.g. fields). */
  readonly y: readonly string[];
  /** Row-major values, y.length × x.length; NaN for an empty cell. */
  readonly z: ArrayLike<number>;
  /** Optional per-cell uncertainty and count, shown on hover. */
  readonly err?: ArrayLike<number>;
  readonly n?: ArrayLike<number>;
}

export interface HeatmapOptions {
  readonly title?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** Colour-bar title and hover name of the value (default "value"). */
  readonly zLabel?: string;
  /**
   * Centre of a diverging blue-white-red scale (e.g. 1 for an error scale:
   * red where errors are underestimated); without it a sequential scale.
   */
  readonly zmid?: number;
  /** Decimals printed in each cell (default 2). */
  readonly digits?: number;
  /** What `n` counts, for the hover text: "(n = 12)" by default, "(12 light curves)" with "light curves". */
  readonly countLabel?: string;
}

const DIVERGING: readonly (readonly [number, string])[] = [
  [0, "#2166ac"],
  [0.5, "#f7f7f7"],
  [1, "#b2182b"],
];

/**
 * A plotly heatmap of `z` (row-major, rows = y labels, columns = x labels).
 *
 * @example
 * const fig = heatmapFigure({ x: ["18-19", "19-20"], y: ["ECDFS", "EDFS"], z: [1.1, 1.3, NaN, 0.9] }, { zmid: 1, zLabel: "error scale" });
 * fig.data[0]!.type === "heatmap" && fig.data[0]!.z; // [[1.1, 1.3], [null, 0.9]]
 */
export function heatmapFigure(input: HeatmapInput, options: HeatmapOptions = {}): Figure {
  const nx = input.x.length;
  const ny = input.y.length;
  const cells = nx * ny;
  for (const key of ["z", "err", "n"] as const) {
    const a = input[key];
    if (a !== undefined && a.length !== cells) throw new ArgumentError(`heatmap ${key} must have y.length × x.length = ${ny} × ${nx} = ${cells} values (row-major), got ${a.length}.`);
  }
  const digits = options.digits ?? 2;
  const zLabel = options.zLabel ?? "value";
  const z: (number | null)[][] = [];
  const hover: string[][] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < ny; j++) {
    const zr: (number | null)[] = [];
    const hr: string[] = [];
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      const v = input.z[k]!;
      zr.push(finiteOrNull(v));
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      const e = input.err?.[k];
      const n = input.n?.[k];
      hr.push(
        `${input.y[j]} · ${input.x[i]}: ${zLabel} ${Number.isFinite(v) ? v.toFixed(digits) : "–"}` +
          (e !== undefined && Number.isFinite(e) ? ` ± ${e.toFixed(digits)}` : "") +
          (n === undefined ? "" : options.countLabel ? ` (${n} ${options.countLabel})` : ` (n = ${n})`),
      );
    }
    z.push(zr);
    hover.push(hr);
  }
  // A diverging scale symmetric about zmid, so equal distances above and below get equal colour.
  const mid = options.zmid;
  const half = mid === undefined || !Number.isFinite(lo) ? 0 : Math.max(hi - mid, mid - lo, 1e-12);
  const scale = mid === undefined ? { colorscale: "Viridis" } : { colorscale: DIVERGING, zmid: mid, zmin: mid - half, zmax: mid + half };
  return {
    data: [
      {
        type: "heatmap",
        x: [...input.x],
        y: [...input.y],
        z,
        ...scale,
        customdata: hover,
        hovertemplate: "%{customdata}<extra></extra>",
        texttemplate: `%{z:.${digits}f}`,
        colorbar: { title: { text: zLabel } },
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      ...(options.title ? { title: { text: options.title } } : {}),
      xaxis: { title: { text: options.xLabel ?? "" }, type: "category", automargin: true },
      yaxis: { title: { text: options.yLabel ?? "" }, type: "category", automargin: true },
    },
  };
}
