/**
 * Show a figure in a tslab notebook cell, or as text anywhere else.
 *
 * In a kernel, `show(fig)` sends one Jupyter display message whose MIME bundle
 * holds the figure three ways: `application/vnd.plotly.v1+json` (drawn by
 * JupyterLab's or VS Code's plotly renderer when installed), `text/html` (a
 * div and a script, used by JupyterLab without the renderer and by
 * nbconvert's HTML export; offline, because the first figure of a kernel
 * carries plotly.js itself and later ones reuse `window.Plotly`), and
 * `text/plain` (a summary).
 *
 * How the kernel is reached: tslab's public `display` sends one MIME type per
 * message, so a bundle goes through the function tslab keeps for it,
 * `lastWriteDisplayData` of tslab/dist/jupyter (set before every cell, tslab
 * 1.0.22, pinned). It is found in Node's module cache, so it works whichever
 * copy of tslab runs the kernel. In plain Node there is none: `show` prints
 * the text summary instead of failing.
 */
import { createRequire } from "node:module";
import { ArgumentError } from "../frame/errors.js";
import type { Figure } from "./figure.js";
import { PLOTLY_CONFIG, figureHtml } from "./figure-html.js";

/** The figure as Jupyter MIME data. */
export interface FigureMimeBundle {
  readonly "application/vnd.plotly.v1+json": { readonly data: Figure["data"]; readonly layout: Figure["layout"]; readonly config: typeof PLOTLY_CONFIG };
  readonly "text/html": string;
  readonly "text/plain": string;
}

/** A Jupyter display_data message's content. */
export interface DisplayContent {
  readonly data: FigureMimeBundle;
  readonly metadata: Record<string, never>;
  readonly transient: Record<string, never>;
}

/** What sends a display message: tslab's kernel function, or your own (tests, another front end). */
export type DisplayWriter = (content: DisplayContent, update: boolean) => void;

export interface ShowOptions {
  /**
   * "auto" (default): the text/html fallback carries plotly.js in the first
   * figure a kernel shows and not after; "inline": carry it now (e.g. after
   * reloading the page without restarting the kernel); "none": never.
   */
  readonly plotly?: "auto" | "inline" | "none";
  /** Send the bundle here instead of tslab's kernel. */
  readonly display?: DisplayWriter;
}

/**
 * A one-line description of a figure: its title and traces with their point
 * counts (what `show` prints outside a notebook, and the bundle's text/plain).
 *
 * @example
 * figureSummary(pullHistogramFigure({ lo: -1, width: 1, counts: [3, 4], label: "g" }, { title: "g band" }));
 * // 'Figure "g band": g (bar, 2 points), N(0,1) (scatter, 9 points)'
 */
export function figureSummary(fig: Figure): string {
  const title = fig.layout.title?.text;
  const traces = fig.data.map((t) => {
    const n = t.type === "heatmap" ? `${t.y.length}×${t.x.length} cells` : `${t.x.length} points`;
    return `${t.name ?? t.type} (${t.type}, ${n})`;
  });
  return `Figure${title ? ` "${title}"` : ""}: ${traces.length > 0 ? traces.join(", ") : "no traces"}`;
}

/**
 * The MIME bundle of a figure; `inlinePlotly` puts plotly.js into its
 * text/html (needed once per page).
 *
 * @example
 * const b = figureMimeBundle(pullHistogramFigure({ lo: -1, width: 1, counts: [3, 4] }), { inlinePlotly: false });
 * Object.keys(b); // ["application/vnd.plotly.v1+json", "text/html", "text/plain"]
 */
export function figureMimeBundle(fig: Figure, options: { readonly inlinePlotly: boolean }): FigureMimeBundle {
  return {
    "application/vnd.plotly.v1+json": { data: fig.data, layout: fig.layout, config: PLOTLY_CONFIG },
    "text/html": figureHtml(fig, { plotly: options.inlinePlotly ? "inline" : "none" }),
    "text/plain": figureSummary(fig),
  };
}

interface TslabJupyter {
  lastWriteDisplayData: unknown;
}

/** tslab's jupyter module of the kernel running this process, if any. */
function tslabKernel(): TslabJupyter | undefined {
  const cache = createRequire(import.meta.url).cache;
  for (const [file, mod] of Object.entries(cache)) {
    if (!/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(file)) continue;
    const exports = mod?.exports as TslabJupyter | undefined;
    if (exports && typeof exports.lastWriteDisplayData === "function") return exports;
  }
  return undefined;
}

/** Displays (a kernel's jupyter module, or a given writer) that already have plotly.js. */
const inlined = new WeakSet<object>();

/**
 * Show `fig` in the notebook cell that runs this (tslab), or print its
 * summary when there is no kernel (plain Node, a script, a test).
 *
 * @example
 * const sent: DisplayContent[] = [];
 * const display = (c: DisplayContent) => void sent.push(c);
 * const fig = pullHistogramFigure({ lo: -1, width: 1, counts: [3, 4] });
 * show(fig, { display });
 * show(fig, { display });
 * sent.map((c) => c.data["text/html"].includes("plotly.js v4")); // [true, false]: plotly.js goes out once
 */
export function show(fig: Figure, options: ShowOptions = {}): void {
  const mode = options.plotly ?? "auto";
  if (mode !== "auto" && mode !== "inline" && mode !== "none") throw new ArgumentError(`plotly must be "auto", "inline" or "none", got "${String(mode)}".`);
  const kernel = options.display ? undefined : tslabKernel();
  const key: object | undefined = options.display ?? kernel;
  const write = options.display ?? (kernel?.lastWriteDisplayData as DisplayWriter | undefined);
  if (!write || !key) {
    console.log(figureSummary(fig));
    return;
  }
  const inline = mode === "inline" || (mode === "auto" && !inlined.has(key));
  write({ data: figureMimeBundle(fig, { inlinePlotly: inline }), metadata: {}, transient: {} }, false);
  if (inline) inlined.add(key);
}
